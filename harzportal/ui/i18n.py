"""Translated text in components: both languages are compiled in, the client's `lang` picks one."""

from __future__ import annotations

import reflex as rx

from harzportal.auth.state import PortalState
from harzportal.core.catalogue import CATALOGUE


def t(key: str) -> rx.Var:
    """The catalogue text for `key` in the client's language."""
    entry = CATALOGUE[key]
    return rx.cond(PortalState.lang == "en", entry["en"], entry["de"])


def t_by(var: rx.Var, keys: list[str], prefix: str) -> rx.Var:
    """Translate a var holding one of `keys` (e.g. a role) via catalogue keys `prefix + key`."""
    cases = [(key, t(prefix + key)) for key in keys]
    return rx.match(var, *cases, var)
