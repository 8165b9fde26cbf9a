"""Dates, numbers and money for the user's locale, with Babel (1.234,56 € / €1,234.56)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_time as _format_time
from babel.numbers import format_currency, format_decimal, format_percent

from harzportal.core import clock
from harzportal.core.i18n import language_or_default

LOCAL_ZONE = ZoneInfo("Europe/Berlin")
_LOCALES = {"de": "de_DE", "en": "en_GB"}


def _locale(language: object) -> str:
    return _LOCALES[language_or_default(language)]


def money(cents: int, language: object, currency: str = "EUR") -> str:
    return format_currency(cents / 100, currency, locale=_locale(language))


def number(value: int | float, language: object) -> str:
    return format_decimal(value, locale=_locale(language))


def day(value: date | None, language: object) -> str:
    if value is None:
        return ""
    return _format_date(value, format="medium", locale=_locale(language))


def moment(value: datetime | None, language: object) -> str:
    """A point in time, shown in the network's local time (Europe/Berlin)."""
    if value is None:
        return ""
    local = clock.as_utc(value).astimezone(LOCAL_ZONE)
    return _format_datetime(local, format="medium", tzinfo=LOCAL_ZONE, locale=_locale(language))


def decimal(value: int | float | Decimal, language: object) -> str:
    """A number with as many decimals as it has (1.5 / 1,5; 2 / 2)."""
    return format_decimal(value, locale=_locale(language), decimal_quantization=False)


def percent(basis_points: int, language: object) -> str:
    """A rate kept in basis points (1900 -> 19% / 19 %, 750 -> 7.5% / 7,5 %)."""
    return format_percent(Decimal(basis_points) / 10_000, locale=_locale(language),
                          decimal_quantization=False)


def clock_time(value: datetime | time, language: object) -> str:
    """A time of day as the reader's locale writes it (09:30 in both of ours)."""
    return _format_time(value, format="short", locale=_locale(language))
