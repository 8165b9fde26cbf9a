"""Paged lists: the rows of one page, the pager's numbers, `load` and `go_to_page`, in one place.

A State mixes in `MemberPages` or `StaffPages`, declares its typed rows
(`rows: list[InvoiceRowView] = []`) and implements `_fetch_page(actor)`, which calls its service
for `self.page` and returns a `core.paging.Page` of those views. `load` shows the first page; a
State whose page does more on opening defines its own.

A filtered list names its form (`filter_form = LibraryFilterForm`) and keeps its filters in state
vars named like the form's fields; the shared handler `apply_filter` parses the form
(`core.forms.parse_form`), keeps the values (`_take_filter`) and shows the first page again.
"""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from harzportal.core.actor import Actor
from harzportal.core.forms import FormModel, parse_form
from harzportal.core.ids import parse_id
from harzportal.core.paging import Page
from harzportal.shell.guard import requires_session, requires_staff


class _Pages(rx.State, mixin=True):
    filter_form: ClassVar[type[FormModel] | None] = None  # a filtered list's form
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

    def _take_filter(self, chosen: FormModel) -> None:
        """Keeps each field of the parsed filter form in the state var of its name."""
        for name in type(chosen).model_fields:
            setattr(self, name, getattr(chosen, name))



def _page_handlers(guard):
    """`load` (the first page), `go_to_page` and `apply_filter`, each behind `guard`."""

    @guard
    async def load(self, actor: Actor):
        await self._first_page(actor)

    @guard
    async def go_to_page(self, actor: Actor, page: int):
        self.page = parse_id(page) or 1
        await self._reload(actor)

    @guard
    async def apply_filter(self, actor: Actor, form_data: dict):
        self._take_filter(parse_form(self.filter_form, form_data))
        await self._first_page(actor)

    return load, go_to_page, apply_filter


class MemberPages(_Pages, mixin=True):
    load, go_to_page, apply_filter = _page_handlers(requires_session)


class StaffPages(_Pages, mixin=True):
    load, go_to_page, apply_filter = _page_handlers(requires_staff)
