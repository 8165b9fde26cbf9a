"""Column helpers shared by the tables of every domain."""

from __future__ import annotations

from sqlalchemy import DateTime, Index, text
from sqlmodel import Field

from harzportal.core import clock


def utc_timestamp(*, index: bool = False, nullable: bool = False, default_now: bool = False):
    """A timezone-aware UTC timestamp column."""
    kwargs = {"default_factory": clock.now} if default_now else {"default": None}
    return Field(sa_type=DateTime(timezone=True), index=index, nullable=nullable, **kwargs)



def unique_where(name: str, *columns: str, where: str) -> Index:
    """A partial unique index: `columns` are unique among the rows where `where` holds, on SQLite
    and PostgreSQL alike."""
    return Index(name, *columns, unique=True, sqlite_where=text(where),
                 postgresql_where=text(where))
