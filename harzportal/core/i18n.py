"""Translation with gettext catalogues: German first, English complete.

The messages live in `harzportal/locale/<lang>/LC_MESSAGES/messages.po` (edited with Poedit,
Weblate or `pybabel`; `make translations` extracts, updates and compiles them). Message ids are
stable keys (`invoice.number`), so a German wording can change without touching the code.

The compiled catalogue (`messages.mo`) is loaded once at start-up; where it is missing or older
than its `.po` (a fresh checkout), the `.po` is compiled in memory. It is never part of
per-client state: pages compile both languages' texts in (`shell.text.t`), services and
presenters call `translate` with the reader's language.

Extraction (babel.cfg) finds keys in calls of `translate`, `translate_plural`,
`translate_in_context`, `t`, `t_plural`, the domain errors and `N_`, the marker for a key that is
stored now and translated later (a lookup table, a result's `message_key`).
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TypeVar

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

_Enum = TypeVar("_Enum", bound=Enum)
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"


def N_(key: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Marks a message key for extraction; translated where it is shown."""
    return key


def language_or_default(language: object) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def catalogue_path(language: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


@cache
def catalogue(language: str) -> gettext.GNUTranslations:
    """The compiled catalogue of one language (loaded once per process)."""
    po_file, mo_file = catalogue_path(language), catalogue_path(language, ".mo")
    if mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime:
        with mo_file.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    with po_file.open("rb") as source:
        messages = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _require(language: str, catalogue_key: object, shown: str) -> None:
    """gettext answers an unknown message with its id; we refuse it (a bare key on screen)."""
    if catalogue_key not in catalogue(language)._catalog:  # noqa: SLF001
        raise KeyError(f"Missing translation key: {shown}")


def translate(key: str, language: object = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text of `key` in that language, with `{placeholders}` filled in at run time."""
    language = language_or_default(language)
    _require(language, key, key)
    text = catalogue(language).gettext(key)
    return text.format(**values) if values else text


def label_table(enum: type[_Enum], *keys: str) -> dict[_Enum, str]:
    """An enum's labels: one message key per member, in the enum's order. A table that misses a
    member, has one too many or names a member wrongly (a key must end in `.<value>`) fails when
    its module is imported, so no value is ever shown raw for want of a label."""
    members = list(enum)
    misnamed = [key for member, key in zip(members, keys, strict=False)
                if not key.endswith(f".{member.value}")]
    if len(keys) != len(members) or misnamed:
        raise ValueError(f"labels of {enum.__name__}: {len(keys)} keys for {len(members)} members,"
                         f" misnamed: {misnamed}")
    return dict(zip(members, keys, strict=True))


def label(table: Mapping[Enum, str] | Mapping[str, str], value: object,
          language: object = DEFAULT_LANGUAGE) -> str:
    """The label of `value` (an enum member or its value) from a table of message keys; a value
    the table does not know (old data) reads as itself."""
    key = table.get(value)  # a StrEnum member and its value are one key
    return translate(key, language) if key else str(value)


def translate_plural(singular_key: str, plural_key: str, count: int,
                     language: object = DEFAULT_LANGUAGE, **values: object) -> str:
    """The form of a counted message that fits `count` (`{count}` is filled in too)."""
    language = language_or_default(language)
    _require(language, (singular_key, 0), singular_key)
    text = catalogue(language).ngettext(singular_key, plural_key, count)
    return text.format(count=count, **values)


def translate_in_context(context: str, key: str, language: object = DEFAULT_LANGUAGE,
                         **values: object) -> str:
    """A message whose key means different things in different places (gettext's pgettext)."""
    language = language_or_default(language)
    _require(language, f"{context}\x04{key}", f"{context}|{key}")
    text = catalogue(language).pgettext(context, key)
    return text.format(**values) if values else text


def message_table() -> dict[str, dict[str, str]]:
    """Every simple message (no plural, no context) with its text in each language: for the
    checks that compare pages and catalogues."""
    table: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        for key, text in catalogue(language)._catalog.items():  # noqa: SLF001
            if isinstance(key, str) and key and "\x04" not in key:
                table.setdefault(key, {})[language] = text
    return table
