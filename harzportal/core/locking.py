"""Row locks, one way everywhere (in the spirit of pretix's `lock_objects`).

`lock_rows` locks the rows of one table for the rest of the unit of work, always in ascending id
order so two transactions locking overlapping sets cannot deadlock:
- PostgreSQL: `SELECT … ORDER BY id FOR UPDATE` (row locks; readers are not blocked);
- SQLite: an `UPDATE … SET id = id` of those rows, which takes the database's write lock (SQLite
  has no row locks; every writer waits for it, so this serializes the same way).
It refuses to run outside `db.unit_of_work()`: a lock whose transaction nobody commits is a bug.
Never render a document or send mail while holding one: do that after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import update
from sqlmodel import Session, SQLModel, select

from harzportal.core.errors import NotFound

UNIT_OF_WORK = "harzportal.unit_of_work"  # session.info mark set by db.unit_of_work()


def lock_rows(session: Session, model: type[SQLModel], ids: Iterable[int]) -> list[int]:
    """Lock the rows of `model` with these ids; returns the ids that exist, ascending."""
    if not session.info.get(UNIT_OF_WORK):
        raise RuntimeError("lock_rows needs a transaction: call it inside db.unit_of_work()")
    wanted = sorted(set(ids))
    if not wanted:
        return []
    key = model.id
    if session.get_bind().dialect.name == "sqlite":
        session.exec(update(model).where(key.in_(wanted)).values(id=key))
        return list(session.exec(select(key).where(key.in_(wanted)).order_by(key)).all())
    return list(session.exec(select(key).where(key.in_(wanted)).order_by(key)
                             .with_for_update()).all())


def lock_row(session: Session, model: type[SQLModel], row_id: int) -> None:
    """Lock one row; NotFound when it does not exist."""
    if not lock_rows(session, model, [row_id]):
        raise NotFound()
