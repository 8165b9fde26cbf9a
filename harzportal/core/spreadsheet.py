"""CSV cells that spreadsheets cannot execute.

A cell that a spreadsheet would read as a formula (starting with = + - @, tab or carriage return)
is prefixed with an apostrophe, so it is shown as text and never executed (CSV injection).
"""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text
