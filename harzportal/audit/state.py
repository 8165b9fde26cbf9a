"""State of the staff's audit log page."""

from __future__ import annotations

from harzportal import db
from harzportal.audit import log, presenter
from harzportal.audit.forms import AuditFilterForm
from harzportal.audit.views import AuditRowView, ChoiceView
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.paging import Page
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class AuditLogState(StaffPages, PortalState):
    rows: list[AuditRowView] = []
    actors: list[ChoiceView] = []
    organizations: list[ChoiceView] = []
    error: str = ""
    export_href: str = log.EXPORT_URL
    _filters: AuditFilterForm = AuditFilterForm()

    async def _fetch_page(self, actor: Actor) -> Page[AuditRowView]:
        found = await db.run_in_unit_of_work(log.list_events, actor, self._filters, self.page)
        return presenter.events_page(found, self.lang)

    @requires_staff
    async def load(self, actor: Actor):
        choices = await db.run_in_unit_of_work(log.filter_choices, actor)
        self.actors = presenter.choices(choices.actors)
        self.organizations = presenter.choices(choices.organizations)
        self._filters, self.error = AuditFilterForm(), ""
        self.export_href = log.EXPORT_URL
        await self._first_page(actor)

    @requires_staff
    async def apply_filter(self, actor: Actor, form_data: dict):
        with self._refusal_shown_in("error") as outcome:
            filters = parse_form(AuditFilterForm, form_data)
        if outcome.refused:
            return
        self._filters = filters
        self.export_href = filters.export_url(log.EXPORT_URL)
        await self._first_page(actor)
