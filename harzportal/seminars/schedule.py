"""When a seminar takes place, as people read it: the date in the reader's format (Babel) and
the time of day in German local time, the network's clock.

Dates and times are Babel's (`core.formatting.day`, `clock_time`).
"""

from __future__ import annotations

from datetime import datetime

from harzportal.core import clock
from harzportal.core.formatting import clock_time, day
from harzportal.seminars.models import Seminar


def local(moment: datetime) -> datetime:
    return clock.as_utc(moment).astimezone(clock.LOCAL_ZONE)


def day_and_time(moment: datetime, language: str) -> str:
    """'03.03.2027 18:00' / '3 Mar 2027 18:00'."""
    shown = local(moment)
    return f"{day(shown.date(), language)} {clock_time(shown, language)}"


def when(seminar: Seminar, language: str) -> str:
    """'04.03.2027, 09:30–16:00' (or with two dates when it spans days), German time."""
    start, end = local(seminar.starts_at), local(seminar.ends_at)
    if start.date() == end.date():
        return (f"{day(start.date(), language)}, {clock_time(start, language)}–"
                f"{clock_time(end, language)}")
    return f"{day_and_time(start, language)} – {day_and_time(end, language)}"
