"""Getting one row by the id a client sent, or NotFound.

The id is read as forms and events send it (`12` or `"12"`, `core.ids.parse_id`); anything that
is no id (text, zero, a negative or infinite number, a bool) gets the same NotFound as a row
that does not exist, so nothing leaks."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel

from harzportal.core.errors import NotFound
from harzportal.core.ids import parse_id

Row = TypeVar("Row", bound=SQLModel)


def get_or_not_found(session: Session, model: type[Row], raw_id: object,
                     message_key: str | None = None) -> Row:
    row_id = parse_id(raw_id)
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise NotFound(message_key)
    return row
