"""States of the library pages members use: the list and a document with its versions."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.text import single_line
from harzportal.documents import library
from harzportal.documents.routes import download_url
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages, shown_fields

SORTS = ("date", "title")
ROW_FIELDS = ("id", "title", "is_new", "category", "description", "reason", "updated",
              "display_name", "size")


class LibraryState(MemberPages, PortalState):
    categories: list[dict[str, str]] = []
    category: str = ""
    search: str = ""
    sort: str = "date"

    async def _fetch_page(self, actor: Actor) -> dict:
        view = await db.run_in_unit_of_work(library.list_library, actor, category=self.category,
                                            search=self.search, sort=self.sort, page=self.page)
        self.categories = view["categories"]
        # The download link is built in the page from the id (routes.download_url's form).
        return view | {"rows": shown_fields(view["rows"], ROW_FIELDS)}

    @requires_session
    async def load(self, actor: Actor):
        await self._first_page(actor)
        await db.run_in_unit_of_work(library.record_visit, actor)

    @requires_session
    async def apply_filter(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        category = form.get("category")
        self.category = category if isinstance(category, str) and category in {
            c["key"] for c in self.categories} else ""
        self.search = single_line(form.get("search"))[:100]
        self.sort = form.get("sort") if form.get("sort") in SORTS else "date"
        await self._first_page(actor)


class DocumentState(PortalState):
    document: dict[str, str] = {}
    versions: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""

    @requires_session
    async def load(self, actor: Actor):
        try:
            view = await db.run_in_unit_of_work(library.get_document, actor, self._route_id())
        except DomainError as error:
            self.loaded, self.document, self.versions = False, {}, []
            self.error = self._error_text(error)
            return
        self.loaded, self.error = True, ""
        self.document = view["document"] | {"href": download_url(view["document"]["id"])}
        self.versions = [version | {"href": download_url(view["document"]["id"], version["id"])}
                         for version in view["versions"]]
