"""Translated text in components: both languages are compiled in, the client's `lang` picks one.

Values (a setting, say) are filled in when the page is compiled, at start-up: a changed setting
shows after the next start, never a text with the old value frozen into it.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from harzportal.core.i18n import catalogue, translate, translate_plural
from harzportal.shell.state import PortalState


def in_reader_language(text_of: Callable[[str], object]) -> rx.Var:
    """`text_of(language)` made for each language when the page is compiled; the client's
    `lang` picks one."""
    return rx.cond(PortalState.lang == "en", text_of("en"), text_of("de"))


def t(key: str, **values: object) -> rx.Var:
    """The catalogue text for `key` in the client's language."""
    return in_reader_language(lambda language: translate(key, language, **values))


def t_choice(var: rx.Var, keys: dict[str, str]) -> rx.Var:
    """The text for the value a var holds (a role, a state): `keys` maps each value to its
    message key, written as `N_("role.contact")` so extraction finds it."""
    return rx.match(var, *[(value, t(key)) for value, key in keys.items()], var)


def _plural_rule_is_one_or_other(language: str) -> bool:
    rule = catalogue(language).plural
    return all(rule(n) == (0 if n == 1 else 1) for n in range(0, 200))


def t_plural(singular_key: str, plural_key: str, count: rx.Var) -> rx.Var:
    """A counted text whose count is only known in the browser (a pager's total): the form is
    picked there. Both our languages count "one / other"; a language with other plural rules
    needs its forms chosen on the server (`translate_plural` in a presenter)."""
    def counted(language: str) -> rx.Var:
        if not _plural_rule_is_one_or_other(language):
            raise ValueError(f"t_plural: {language} has more than two plural forms")
        translate_plural(singular_key, plural_key, 1, language)  # a missing key fails here
        one, other = (catalogue(language).ngettext(singular_key, plural_key, n) for n in (1, 2))
        return rx.cond(count == 1, rx.Var.create(one.format(count=count)),
                       rx.Var.create(other.format(count=count)))

    return in_reader_language(counted)
