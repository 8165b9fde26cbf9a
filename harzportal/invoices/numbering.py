"""Gapless invoice numbers per prefix and year: `CNH-2027-0001`, `CNH-2027-0002`, ...

The counter row is locked (`core.locking.lock_row`) and incremented inside the invoice's own
transaction: the lock holds until commit, so concurrent issuers queue, and a rolled back invoice
rolls its number back too. No duplicates, no gaps.
"""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from harzportal.core.locking import lock_row
from harzportal.invoices.models import NumberRange
from harzportal.settings import get as get_settings


def _range_id(session: Session, prefix: str, year: int) -> int:
    """The counter row of that prefix and year, created at 0 the first time."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.exec(insert(NumberRange).values(prefix=prefix, year=year, last_number=0)
                 .on_conflict_do_nothing(index_elements=["prefix", "year"]))
    return session.exec(select(NumberRange.id).where(NumberRange.prefix == prefix,
                                                     NumberRange.year == year)).one()


def next_serial(session: Session, prefix: str, year: int) -> int:
    """The next number of that range (1, 2, ...), taken under the counter row's lock. Other
    ranges than the invoices' (attendance certificates) use a prefix with a character the
    invoice prefix setting refuses, so they never share a counter."""
    range_id = _range_id(session, prefix, year)
    lock_row(session, NumberRange, range_id)
    counter = session.exec(select(NumberRange).where(NumberRange.id == range_id)
                           .execution_options(populate_existing=True)).one()
    counter.last_number += 1
    session.add(counter)
    session.flush()
    return counter.last_number


def next_number(session: Session, year: int) -> str:
    prefix = get_settings().invoice_prefix
    return f"{prefix}-{year}-{next_serial(session, prefix, year):04d}"
