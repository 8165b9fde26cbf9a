"""Money, numbers and dates per language, the translation catalogue, and that every catalogue
key the code uses exists in both languages."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from harzportal.core import formatting
from harzportal.core.i18n import message_table, translate

PACKAGE = Path(__file__).resolve().parents[2] / "harzportal"


# Formatting

def test_money_in_german():
    assert formatting.money(123456, "de") == "1.234,56\xa0€"


def test_money_in_english():
    assert formatting.money(123456, "en") == "€1,234.56"


def test_money_of_an_unknown_language_falls_back_to_german():
    assert formatting.money(5, "fr") == "0,05\xa0€"


def test_numbers():
    assert formatting.number(1234567, "de") == "1.234.567"
    assert formatting.number(1234567, "en") == "1,234,567"


def test_days():
    assert formatting.day(date(2026, 3, 5), "de") == "05.03.2026"
    assert formatting.day(date(2026, 3, 5), "en") == "5 Mar 2026"
    assert formatting.day(None, "de") == ""


def test_moments_are_shown_in_german_local_time():
    winter = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)  # CET, UTC+1
    summer = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # CEST, UTC+2
    assert formatting.moment(winter, "de") == "28.11.2026, 10:00:00"
    assert formatting.moment(summer, "en") == "1 Jul 2026, 11:00:00"
    assert formatting.moment(datetime(2026, 11, 28, 9, 0), "de") == "28.11.2026, 10:00:00"
    assert formatting.moment(None, "en") == ""


# Translation

def test_translate_fills_in_placeholders():
    assert translate("password.too_short", "en", min=12) == (
        "The password must be at least 12 characters long.")
    assert translate("password.too_short", "de", min=12) == (
        "Das Passwort muss mindestens 12 Zeichen lang sein.")


def test_translate_falls_back_to_german():
    assert translate("nav.logout", "fr") == "Abmelden"


def test_translate_refuses_an_unknown_key():
    with pytest.raises(KeyError):
        translate("nav.does_not_exist", "de")


def test_every_entry_has_german_and_english():
    incomplete = [key for key, entry in message_table().items()
                  if set(entry) != {"de", "en"} or not entry["de"].strip()
                  or not entry["en"].strip()]
    assert incomplete == []


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_use_the_same_placeholders():
    different = [key for key, entry in message_table().items()
                 if _placeholders(entry["de"]) != _placeholders(entry["en"])]
    assert different == []
