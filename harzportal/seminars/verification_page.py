"""The public check of a certificate as a small HTML page (no session, no script): the reader's
language from the browser's Accept-Language (German unless English is preferred), every value
escaped. It shows name, seminar and dates of a genuine certificate and nothing else."""

from __future__ import annotations

from html import escape

from harzportal.core.formatting import day
from harzportal.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, translate
from harzportal.seminars.certification import CHECK_WINDOW, Verified
from harzportal.settings import get as get_settings


def language_of(accept_language: str) -> str:
    """The first of our languages the browser asks for (by its q-values), else German."""
    wishes = []
    for position, part in enumerate(accept_language[:200].split(",")):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        wishes.append((-quality, position, tag.strip().split("-")[0].lower()))
    for _quality, _position, language in sorted(wishes):
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE


def _dates(verified: Verified, language: str) -> str:
    if verified.first_day == verified.last_day:
        return day(verified.last_day, language)
    return f"{day(verified.first_day, language)} – {day(verified.last_day, language)}"


def _page(language: str, body: str) -> str:
    settings = get_settings()
    title = escape(translate("certificate_check.title", language))
    return f"""<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title} – {escape(settings.network_name)}</title>
<style>
body {{ margin: 0; font-family: system-ui, sans-serif; color: #1c2024; background: #f7f9f9;
        line-height: 1.5; }}
header {{ background: {settings.brand_color}; color: #fff; padding: 0.75rem 1.25rem;
          font-weight: 600; }}
main {{ max-width: 40rem; margin: 2rem auto; padding: 0 1.25rem; }}
section {{ background: #fff; border: 1px solid #d9dedd; border-radius: 8px; padding: 1.25rem; }}
h1 {{ font-size: 1.5rem; margin: 0 0 1rem; }}
dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1rem; margin: 1rem 0 0; }}
dt {{ font-weight: 600; }}
dd {{ margin: 0; overflow-wrap: anywhere; }}
section > p {{ margin: 0; }}
.genuine {{ color: #0b5d56; font-weight: 600; }}
@media (max-width: 30rem) {{ dl {{ grid-template-columns: 1fr; gap: 0.1rem; }}
                             dd {{ margin-bottom: 0.5rem; }} }}
</style>
</head>
<body>
<header>{escape(settings.network_name)}</header>
<main>
<h1>{title}</h1>
<section>
{body}
</section>
</main>
</body>
</html>
"""


def genuine_page(verified: Verified, language: str) -> str:
    rows = [(N_("certificate_check.number"), verified.number),
            (N_("certificate_check.name"), verified.name),
            (N_("certificate_check.seminar"), verified.seminar_title),
            (N_("certificate_check.dates"), _dates(verified, language))]
    items = "\n".join(f"<dt>{escape(translate(key, language))}</dt><dd>{escape(value)}</dd>"
                      for key, value in rows)
    genuine = escape(translate("certificate_check.genuine", language))
    return _page(language, f'<p class="genuine">{genuine}</p>\n<dl>\n{items}\n</dl>')


def unknown_page(language: str) -> str:
    return _page(language, f"<p>{escape(translate('certificate_check.unknown', language))}</p>")


def throttled_page(language: str) -> str:
    minutes = int(CHECK_WINDOW.total_seconds() // 60)
    return _page(language, "<p>" + escape(translate("certificate_check.throttled", language,
                                                    minutes=minutes)) + "</p>")
