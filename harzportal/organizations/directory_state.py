"""States of the member directory and an organization's directory page."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.paging import Page
from harzportal.organizations import directory, presenter, views
from harzportal.organizations.forms import DirectorySearchForm
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages


class DirectoryState(MemberPages, PortalState):
    filter_form = DirectorySearchForm
    rows: list[views.DirectoryRowView] = []
    search: str = ""
    kind: str = ""
    federal_state: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[views.DirectoryRowView]:
        shown = await db.run_in_unit_of_work(
            directory.search_directory, actor, search=self.search, kind=self.kind,
            federal_state=self.federal_state, page=self.page)
        return presenter.directory_rows(shown, self.lang)



class DirectoryEntryState(PortalState):
    profile: views.ProfileView = views.EMPTY_PROFILE
    contacts: list[views.DirectoryContactView] = []
    error: str = ""

    @requires_session
    async def load(self, actor: Actor):
        with self._refusal_shown_in("error") as outcome:
            entry = await db.run_in_unit_of_work(directory.get_directory_entry, actor,
                                                 self._route_id())
        if outcome.refused:
            self.profile, self.contacts = views.EMPTY_PROFILE, []
            return
        self.profile = presenter.profile_view(entry.organization, self.lang)
        self.contacts = presenter.directory_contacts(entry)
