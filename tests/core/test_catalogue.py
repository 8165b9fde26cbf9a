"""The gettext catalogues and the code agree: every message the code uses exists in German and
English (plural forms complete, the same placeholders), and the catalogues hold no message the
code no longer uses. Keys are found the way `pybabel extract` finds them (babel.cfg)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from harzportal.core.i18n import LANGUAGES, catalogue_path, translate_plural

ROOT = Path(__file__).resolve().parents[2]


def _used() -> dict[object, str]:
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {}
    for filename, line, message, _comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords={}):
        key = (context, message) if context else message
        found[key] = f"{filename}:{line}"
    return found


def _catalogue(language: str):
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language)


def _key(message) -> object:
    return (message.context, message.id) if message.context else message.id


@pytest.fixture(scope="module")
def used():
    return _used()


def test_the_extraction_finds_the_code_s_messages(used):
    assert len(used) > 400
    assert "nav.logout" in used and "error.not_found" in used


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_the_code_uses_is_translated(used, language):
    messages = {_key(message): message for message in _catalogue(language) if message.id}
    missing = {str(key): where for key, where in used.items() if key not in messages}
    untranslated = [str(key) for key, message in messages.items()
                    if not all(message.string) or (isinstance(message.string, str)
                                                   and not message.string.strip())]
    assert missing == {}
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_no_message_the_code_no_longer_uses(used, language):
    unused = sorted(str(_key(message)) for message in _catalogue(language)
                    if message.id and _key(message) not in used)
    assert unused == []


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_use_the_same_placeholders():
    english = {_key(message): message for message in _catalogue("en") if message.id}
    different = []
    for message in _catalogue("de"):
        other = english.get(_key(message))
        if not message.id or other is None:
            continue
        ours = message.string if isinstance(message.string, tuple) else (message.string,)
        theirs = other.string if isinstance(other.string, tuple) else (other.string,)
        if set().union(*map(_placeholders, ours)) != set().union(*map(_placeholders, theirs)):
            different.append(str(_key(message)))
    assert different == []


def _plural_messages(language: str):
    return [message for message in _catalogue(language) if message.id and message.pluralizable]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_counted_message_has_a_form_for_one_and_for_more(language):
    messages = _plural_messages(language)
    assert len(messages) >= 10
    same = [message.id[0] for message in messages
            if len(message.string) != 2 or message.string[0] == message.string[1]]
    assert same == []


PAGER_COUNTS = [
    ("invoices.count", "de", "1 Rechnung", "2 Rechnungen"),
    ("invoices.count", "en", "1 invoice", "2 invoices"),
    ("audit.count", "de", "1 Eintrag", "2 Einträge"),
    ("audit.count", "en", "1 entry", "2 entries"),
    ("seminars.count", "de", "1 Seminar", "2 Seminare"),
    ("seminars.count", "en", "1 seminar", "2 seminars"),
    ("directory.results", "de", "1 Mitglied", "2 Mitglieder"),
    ("directory.results", "en", "1 member", "2 members"),
    ("organizations.count", "de", "1 Organisation", "2 Organisationen"),
    ("organizations.count", "en", "1 organization", "2 organizations"),
    ("library.count", "de", "1 Dokument", "2 Dokumente"),
    ("library.count", "en", "1 document", "2 documents"),
    ("admin.accounts", "de", "1 Konto", "2 Konten"),
    ("admin.accounts", "en", "1 account", "2 accounts"),
]


@pytest.mark.parametrize("key, language, one, two", PAGER_COUNTS)
def test_the_pagers_count_reads_correctly_for_one_and_two(key, language, one, two):
    assert translate_plural(f"{key}_one", f"{key}_other", 1, language) == one
    assert translate_plural(f"{key}_one", f"{key}_other", 2, language) == two
