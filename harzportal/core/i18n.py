"""Translation: one catalogue, German first, English complete.

The catalogue is a compile-time constant (`harzportal.core.catalogue.CATALOGUE`), never part of
per-client state. Pages compile both texts of a key into the page and pick one by the client's
language var; services translate mails and messages with `translate`.
"""

from __future__ import annotations

from harzportal.core.catalogue import CATALOGUE

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def language_or_default(language: object) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, language: object = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text of `key` in that language, with `{placeholders}` filled in."""
    entry = CATALOGUE.get(key)
    if entry is None:
        raise KeyError(f"Missing translation key: {key}")
    text = entry[language_or_default(language)]
    return text.format(**values) if values else text
