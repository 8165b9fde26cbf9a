"""Ids as clients send them: handlers receive whatever a client puts in an event."""

from __future__ import annotations

MAX_ID = 2**31 - 1  # PostgreSQL's integer; a larger number can be no row's id


def is_id(value: object) -> bool:
    """A positive whole number (and not a bool, which Python counts as an int)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def parse_id(value: object) -> int | None:
    """An id from a form field or event argument ("12" or 12), or None when it is none."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite float
        return None
    return number if 0 < number <= MAX_ID else None
