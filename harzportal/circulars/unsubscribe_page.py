"""The page of the one-click unsubscribe link, in its person's language: a presenter of its
medium (plain HTML from our own route, every value escaped; no session, no personal data)."""

from __future__ import annotations

from html import escape

from harzportal.circulars.labels import category_label
from harzportal.circulars.unsubscribe import LinkTarget
from harzportal.core.i18n import translate
from harzportal.settings import get as get_settings


def _page(language: str, title: str, *paragraphs: str, form: str = "") -> str:
    settings = get_settings()
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    account = translate("unsubscribe.account", language)
    return (f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} – {escape(settings.network_short_name)}</title></head>"
            '<body style="font-family: system-ui, sans-serif; line-height: 1.5; margin: 0;">'
            f'<main style="max-width: 36rem; margin: 0 auto; padding: 2rem 1rem;">'
            f'<p style="color: {escape(settings.brand_color)}; font-weight: 600;">'
            f"{escape(settings.network_name)}</p><h1>{escape(title)}</h1>{body}{form}"
            f'<p><a href="/account">{escape(account)}</a></p></main></body></html>')


def confirm_page(target: LinkTarget, action: str) -> str:
    """GET: what the link would do, and the button that does it (a link scanner only looks)."""
    language = target.language
    category = category_label(target.category, language)
    if target.already_out:
        return done_page(target)
    button = escape(translate("unsubscribe.button", language))
    form = (f'<form method="post" action="{escape(action)}">'
            '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
            f'<button type="submit" style="font: inherit; padding: 0.6rem 1.2rem;">{button}</button>'
            "</form>")
    return _page(language, translate("unsubscribe.title", language),
                 translate("unsubscribe.question", language, category=category), form=form)


def done_page(target: LinkTarget) -> str:
    language = target.language
    category = category_label(target.category, language)
    return _page(language, translate("unsubscribe.done_title", language),
                 translate("unsubscribe.done", language, category=category),
                 translate("unsubscribe.mandatory_still", language))


def unknown_page() -> str:
    """A token that is not one of ours: the same page whatever was sent."""
    return _page("de", translate("unsubscribe.unknown_title", "de"),
                 translate("unsubscribe.unknown", "de"), translate("unsubscribe.unknown", "en"))
