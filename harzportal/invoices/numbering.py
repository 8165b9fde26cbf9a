"""Gapless invoice numbers per prefix and year: `CNH-2027-0001`, `CNH-2027-0002`, ...

The counter row is incremented with `UPDATE … RETURNING` inside the invoice's own transaction:
PostgreSQL holds the row lock and SQLite the write lock until commit, so concurrent issuers queue,
and a rolled back invoice rolls its number back too. No duplicates, no gaps.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from harzportal.invoices.models import NumberRange
from harzportal.settings import get as get_settings


def _ensure_range(session: Session, prefix: str, year: int) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.exec(insert(NumberRange).values(prefix=prefix, year=year, last_number=0)
                 .on_conflict_do_nothing(index_elements=["prefix", "year"]))


def next_number(session: Session, year: int) -> str:
    prefix = get_settings().invoice_prefix
    _ensure_range(session, prefix, year)
    number = session.exec(
        update(NumberRange)
        .where(NumberRange.prefix == prefix, NumberRange.year == year)
        .values(last_number=NumberRange.last_number + 1)
        .returning(NumberRange.last_number)).one()[0]
    return f"{prefix}-{year}-{number:04d}"
