"""The one source of "now" (UTC, timezone-aware). Tests replace it with `set_clock`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def _system_now() -> datetime:
    return datetime.now(UTC)


_now: Callable[[], datetime] = _system_now


def now() -> datetime:
    return _now()


def set_clock(clock: Callable[[], datetime] | None) -> None:
    global _now
    _now = clock or _system_now


def as_utc(value: datetime) -> datetime:
    """Database drivers return naive datetimes for SQLite: they are stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


LOCAL_ZONE = ZoneInfo("Europe/Berlin")


def today() -> date:
    """The calendar day in Germany (invoices and due dates are German days)."""
    return now().astimezone(LOCAL_ZONE).date()


def month_start(months_back: int = 0) -> date:
    """The first day of the local month `months_back` months before this one."""
    current = today()
    months = current.year * 12 + current.month - 1 - months_back
    return date(months // 12, months % 12 + 1, 1)


@contextlib.contextmanager
def fixed_at(moment: datetime) -> Iterator[None]:
    """Let "now" be `moment` inside the block (demo data dated in the past, tests)."""
    previous = _now
    set_clock(lambda: moment)
    try:
        yield
    finally:
        set_clock(previous)
