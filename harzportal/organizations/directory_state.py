"""States of the member directory and an organization's directory page."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.organizations import directory
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages


class DirectoryState(MemberPages, PortalState):
    search: str = ""
    kind: str = ""
    federal_state: str = ""

    async def _fetch_page(self, actor: Actor) -> dict:
        return await db.run_in_unit_of_work(
            directory.search_directory, actor, search=self.search, kind=self.kind,
            federal_state=self.federal_state, page=self.page)

    @requires_session
    async def load(self, actor: Actor):
        await self._first_page(actor)

    @requires_session
    async def apply_search(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.search = directory.clean_search(form.get("search"))
        kind, state = form.get("kind"), form.get("federal_state")
        self.kind = kind if kind in directory.KINDS else ""
        self.federal_state = state if state in directory.FEDERAL_STATES else ""
        await self._first_page(actor)


class DirectoryEntryState(PortalState):
    profile: dict[str, str] = {}
    contacts: list[dict[str, str]] = []
    error: str = ""

    @requires_session
    async def load(self, actor: Actor):
        self.error = ""
        try:
            view = await db.run_in_unit_of_work(directory.get_directory_entry, actor,
                                                self._route_id())
        except DomainError as error:
            self.profile, self.contacts = {}, []
            self.error = self._error_text(error)
            return
        self.profile = view["profile"]
        self.contacts = view["contacts"]
