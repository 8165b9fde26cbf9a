"""One page of a list: the rows, the page number, the number of pages, the total.

A list costs a bounded number of queries whatever the table's size: one count (or a total the
caller already has) and one page of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.core.ids import is_id

Item = TypeVar("Item")
Mapped = TypeVar("Mapped")


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: tuple[Item, ...]
    page: int
    pages: int
    total: int

    def map(self, convert: Callable[[Item], Mapped]) -> Page[Mapped]:
        return Page(tuple(convert(item) for item in self.items), self.page, self.pages,
                    self.total)


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def clamp_page(requested: object, pages: int) -> int:
    """The page a client asked for, within 1..pages (anything that is no page number -> 1)."""
    return min(requested, pages) if is_id(requested) else 1


def paginate(session: Session, query, requested: object, size: int, *,
             total: int | None = None) -> Page:
    """`query` (ordered) cut to the requested page; `total` saves the count where it is known."""
    if total is None:
        total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = page_count(total, size)
    page = clamp_page(requested, pages)
    rows = session.exec(query.offset((page - 1) * size).limit(size)).all()
    return Page(tuple(rows), page, pages, total)
