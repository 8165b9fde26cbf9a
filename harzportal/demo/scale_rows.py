"""Bulk inserts for `harzportal seed-scale` (demo/scale.py) and the small helpers its parts
share."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from sqlalchemy import insert
from sqlmodel import Session

from harzportal.core import clock

BATCH = 5000


def insert_rows(session: Session, model, rows: list[dict], returning: bool = False) -> list[int]:
    """Bulk insert: COPY on PostgreSQL (ids drawn from the table's sequence first), Core
    `insert` in batches elsewhere. Returns the new ids in the order of `rows` when asked for."""
    if not rows:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _copy(session, model.__table__, rows, returning)
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        if returning:
            statement = insert(model).returning(model.id, sort_by_parameter_order=True)
            ids.extend(row[0] for row in session.execute(statement, chunk))
        else:
            session.execute(insert(model), chunk)
    return ids


def _column_value(row: dict, column):
    if column.name in row:
        return row[column.name]
    default = column.default
    if default is None:
        return None
    return default.arg(None) if default.is_callable else default.arg


def _copy(session: Session, table, rows: list[dict], with_ids: bool) -> list[int]:
    connection = session.connection().connection.driver_connection
    ids: list[int] = []
    if with_ids:
        ids = [row[0] for row in connection.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            (f'"{table.name}"', len(rows)))]
    columns = [column for column in table.columns if column.name != "id"]
    names = ", ".join(f'"{column.name}"' for column in columns)
    with connection.cursor() as cursor, cursor.copy(
            f'COPY "{table.name}" ({"id, " if with_ids else ""}{names}) FROM STDIN') as copy:
        for index, row in enumerate(rows):
            values = [_column_value(row, column) for column in columns]
            copy.write_row([ids[index], *values] if with_ids else values)
    return ids


def slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def at_hour(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=clock.LOCAL_ZONE).astimezone(UTC)
