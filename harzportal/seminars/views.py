"""Plain view dicts of seminars for the pages (strings only, translated, local times)."""

from __future__ import annotations

from datetime import datetime

from harzportal.core import clock
from harzportal.core.formatting import day, money
from harzportal.core.i18n import translate
from harzportal.seminars.models import Seminar


def local_time(moment: datetime) -> str:
    return clock.as_utc(moment).astimezone(clock.LOCAL_ZONE).strftime("%H:%M")


def when(seminar: Seminar, language: str) -> str:
    """'04.03.2027, 09:30–16:00' (or with two dates when it spans days), German time."""
    start = clock.as_utc(seminar.starts_at).astimezone(clock.LOCAL_ZONE)
    end = clock.as_utc(seminar.ends_at).astimezone(clock.LOCAL_ZONE)
    if start.date() == end.date():
        return f"{day(start.date(), language)}, {start:%H:%M}–{end:%H:%M}"
    return f"{day(start.date(), language)} {start:%H:%M} – {day(end.date(), language)} {end:%H:%M}"


def seminar_row(seminar: Seminar, language: str) -> dict[str, str]:
    free = max(seminar.capacity - seminar.seats_taken, 0)
    deadline = clock.as_utc(seminar.registration_deadline).astimezone(clock.LOCAL_ZONE)
    return {
        "id": str(seminar.id), "title": seminar.title, "topic": seminar.topic,
        "topic_label": translate(f"topic.{seminar.topic}", language),
        "when": when(seminar, language),
        "place": seminar.venue or translate("seminar.online", language),
        "free": str(free), "capacity": str(seminar.capacity),
        "free_label": translate("seminar.free_seats", language, free=free,
                                capacity=seminar.capacity) if free
        else translate("seminar.full", language),
        "deadline": f"{day(deadline.date(), language)} {deadline:%H:%M}",
        "fee": money(seminar.fee_cents, language) if seminar.fee_cents
        else translate("seminar.free_of_charge", language),
        "status": seminar.status,
    }
