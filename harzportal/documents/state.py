"""States of the library pages members use: the list and a document with its versions."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.paging import Page
from harzportal.documents import library, presenter, views
from harzportal.documents.forms import LibraryFilterForm
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages


class LibraryState(MemberPages, PortalState):
    filter_form = LibraryFilterForm
    rows: list[views.LibraryRowView] = []
    categories: list[views.CategoryView] = []
    category: str = ""
    search: str = ""
    sort: str = "date"

    async def _fetch_page(self, actor: Actor) -> Page[views.LibraryRowView]:
        listing = await db.run_in_unit_of_work(
            library.list_library, actor, category=self.category, search=self.search,
            sort=self.sort, page=self.page)
        self.categories = presenter.categories(listing.categories, self.lang)
        return presenter.library_page(listing.page, self.lang)

    @requires_session
    async def load(self, actor: Actor):
        await self._first_page(actor)
        await db.run_in_unit_of_work(library.record_visit, actor)

    def _take_filter(self, chosen: LibraryFilterForm) -> None:
        """The form is lenient (every field has a fallback); only a listed category is kept."""
        listed = {category.key for category in self.categories}
        self.category = chosen.category if chosen.category in listed else ""
        self.search, self.sort = chosen.search, chosen.sort



class DocumentState(PortalState):
    document: views.DocumentView = views.EMPTY_DOCUMENT
    versions: list[views.VersionView] = []
    loaded: bool = False
    error: str = ""

    @requires_session
    async def load(self, actor: Actor):
        with self._refusal_shown_in("error") as outcome:
            detail = await db.run_in_unit_of_work(library.get_document, actor, self._route_id())
        if outcome.refused:
            self.loaded, self.document, self.versions = False, views.EMPTY_DOCUMENT, []
            return
        self.loaded = True
        self.document = presenter.document(detail, self.lang)
        self.versions = presenter.versions(detail, self.lang)
