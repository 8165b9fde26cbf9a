"""Demo data is dated relative to today, at a local (Europe/Berlin) hour."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from harzportal.core import clock


def local_moment(days: int, hour: int) -> datetime:
    """`days` from today (negative: in the past) at `hour` o'clock local time, in UTC."""
    local = datetime.combine(clock.today() + timedelta(days=days), time(hour),
                             tzinfo=clock.LOCAL_ZONE)
    return local.astimezone(UTC)
