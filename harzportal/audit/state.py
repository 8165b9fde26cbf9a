"""State of the staff's audit log page."""

from __future__ import annotations

from harzportal import db
from harzportal.audit import log
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages

FILTER_FIELDS = ("actor_user_id", "organization_id", "kind", "since", "until")


class AuditLogState(StaffPages, PortalState):
    filters: dict[str, str] = {}
    actors: list[dict[str, str]] = []
    organizations: list[dict[str, str]] = []
    error: str = ""
    export_href: str = log.EXPORT_URL

    async def _fetch_page(self, actor: Actor) -> dict:
        return await db.run_in_unit_of_work(log.list_events, actor,
                                            log.AuditFilter.from_form(self.filters), self.page)

    @requires_staff
    async def load(self, actor: Actor):
        choices = await db.run_in_unit_of_work(log.filter_choices, actor)
        self.actors, self.organizations = choices["actors"], choices["organizations"]
        self.filters, self.error = {}, ""
        self.export_href = log.EXPORT_URL
        await self._first_page(actor)

    @requires_staff
    async def apply_filter(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        filters = {name: form.get(name) for name in FILTER_FIELDS
                   if isinstance(form.get(name), str) and form.get(name)}
        try:
            log.AuditFilter.from_form(filters)
        except DomainError as error:
            self.error = self._error_text(error)
            return
        self.filters, self.error = filters, ""
        self.export_href = log.export_url(filters)
        await self._first_page(actor)
