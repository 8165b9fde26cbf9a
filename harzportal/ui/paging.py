"""Paged lists: the rows of one page, the pager's numbers and `go_to_page`, in one place.

A State mixes in `MemberPages` or `StaffPages`, declares its typed rows
(`rows: list[InvoiceRowView] = []`) and implements `_fetch_page(actor)`, which calls its service
for `self.page` and returns a `core.paging.Page` of those views.
"""

from __future__ import annotations

import reflex as rx

from harzportal.core.actor import Actor
from harzportal.core.ids import parse_id
from harzportal.core.paging import Page
from harzportal.shell.guard import requires_session, requires_staff


class _Pages(rx.State, mixin=True):
    page: int = 1
    pages: int = 1
    total: int = 0

    async def _fetch_page(self, actor: Actor) -> Page:
        raise NotImplementedError

    async def _reload(self, actor: Actor) -> None:
        shown = await self._fetch_page(actor)
        self.rows, self.page, self.pages, self.total = (
            list(shown.items), shown.page, shown.pages, shown.total)

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
