"""Translated text in components: both languages are compiled in, the client's `lang` picks one.

Values (a setting, say) are filled in when the page is compiled, at start-up: a changed setting
shows after the next start, never a text with the old value frozen into it.
"""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import translate
from harzportal.shell.state import PortalState


def t(key: str, **values: object) -> rx.Var:
    """The catalogue text for `key` in the client's language."""
    return rx.cond(PortalState.lang == "en", translate(key, "en", **values),
                   translate(key, "de", **values))


def t_choice(var: rx.Var, keys: dict[str, str]) -> rx.Var:
    """The text for the value a var holds (a role, a state): `keys` maps each value to its
    message key, written as `N_("role.contact")` so extraction finds it."""
    return rx.match(var, *[(value, t(key)) for value, key in keys.items()], var)
