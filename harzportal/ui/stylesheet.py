"""Only the Radix Themes CSS and code that the app uses: a Reflex plugin that puts the PostCSS
step of `postcss_radix_purge.cjs` into the frontend build (the global stylesheet was all of Radix
Themes, 700 KB, for the two dozen components and eight colour scales the portal renders), and
that keeps Radix Themes out of the libraries the root offers to dynamic components (which the
portal has none of): offered, the whole library was one chunk every page loaded."""

from __future__ import annotations

from pathlib import Path

from reflex_base.plugins.base import Plugin
from reflex_base.registry import RegistrationContext

PURGE_SCRIPT = Path(__file__).with_name("postcss_radix_purge.cjs")
PURGE_NAME = "postcss-radix-purge.cjs"
POSTCSS_CONFIG = "postcss.config.js"
_IMPORT_LINE = '"postcss-import": {},'
RADIX_THEMES = "@radix-ui/themes"


def with_purge(config: str) -> str:
    """postcss.config.js with the purge step right after the imports are inlined."""
    if PURGE_NAME in config:
        return config
    if _IMPORT_LINE not in config:
        raise RuntimeError(f"{POSTCSS_CONFIG} has no {_IMPORT_LINE!r} to put the purge after")
    return config.replace(_IMPORT_LINE, f'{_IMPORT_LINE}\n    "./{PURGE_NAME}": {{}},', 1)


class RadixPurgePlugin(Plugin):
    """Writes the purge step into the build folder and names it in postcss.config.js; takes
    Radix Themes out of the bundled libraries (pages import its components one by one)."""

    def pre_compile(self, **context) -> None:
        libraries = RegistrationContext.ensure_context().bundled_libraries
        libraries[:] = [name for name in libraries if not name.startswith(RADIX_THEMES)]
        context["add_save_task"](lambda: (PURGE_NAME, PURGE_SCRIPT.read_text()))
        context["add_modify_task"](POSTCSS_CONFIG, with_purge)
