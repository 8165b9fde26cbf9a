"""The Aufträge page's state: the runs staff started, newest first, a page at a time."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.paging import Page
from harzportal.jobruns import presenter, service
from harzportal.jobruns.views import RunView
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class JobRunsState(StaffPages, PortalState):
    rows: list[RunView] = []

    async def _fetch_page(self, actor: Actor) -> Page[RunView]:
        runs = await db.run_in_unit_of_work(service.list_runs, actor, page=self.page)
        return presenter.run_rows(runs, self.lang)
