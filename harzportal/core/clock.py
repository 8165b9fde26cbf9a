"""The one source of "now" (UTC, timezone-aware). Tests replace it with `set_clock`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime


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
