"""Paged lists: the rows of one page, the pager's numbers and `go_to_page`, in one place.

A State mixes in `MemberPages` or `StaffPages` and implements `_fetch_page(actor)`, which calls
its service for `self.page` and returns {"rows", "page", "pages", "total"}.
"""

from __future__ import annotations

import reflex as rx

from harzportal.auth.guard import requires_session, requires_staff
from harzportal.core.actor import Actor
from harzportal.core.ids import parse_id


def shown_fields(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """Only the fields a page shows: rows live in each client's state (kept by the server for
    every connected client and sent to the browser), so fields nobody reads cost for nothing."""
    return [{key: row[key] for key in keys if key in row} for row in rows]


class _Pages(rx.State, mixin=True):
    rows: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    total: int = 0

    async def _fetch_page(self, actor: Actor) -> dict:
        raise NotImplementedError

    async def _reload(self, actor: Actor) -> None:
        view = await self._fetch_page(actor)
        self.rows, self.page, self.pages, self.total = (
            view["rows"], view["page"], view["pages"], view["total"])

    async def _first_page(self, actor: Actor) -> None:
        self.page = 1
        await self._reload(actor)


class MemberPages(_Pages, mixin=True):
    @requires_session
    async def go_to_page(self, actor: Actor, page: int):
        self.page = parse_id(page) or 1
        await self._reload(actor)


class StaffPages(_Pages, mixin=True):
    @requires_staff
    async def go_to_page(self, actor: Actor, page: int):
        self.page = parse_id(page) or 1
        await self._reload(actor)
