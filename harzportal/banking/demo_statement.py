"""The demo bank statement (`demo/statements/camt053-demo.xml`, camt.053.001.08), moved to a year.

It is written for the invoices of 2025; the demo seeding issues last year's run, so the file's
year is replaced by that year (numbers, dates, references) when staff download it."""

from __future__ import annotations

from pathlib import Path

STATEMENT_FILE = Path(__file__).resolve().parent.parent / "demo" / "statements" / "camt053-demo.xml"
STATEMENT_YEAR = "2025"


def statement_for(year: int) -> bytes:
    return STATEMENT_FILE.read_bytes().replace(STATEMENT_YEAR.encode(), str(year).encode())
