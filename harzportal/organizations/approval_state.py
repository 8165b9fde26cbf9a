"""States of the staff's screens: the approval queue, one request's decision, all organizations."""

from __future__ import annotations

import dataclasses

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.paging import Page
from harzportal.mail.sender import wake_sender
from harzportal.organizations import changes, presenter, service
from harzportal.organizations.forms import DecisionForm, OrganizationSearchForm
from harzportal.organizations.views import (
    EMPTY_REQUEST,
    FieldChangeView,
    OrganizationRowView,
    QueueRowView,
    RequestView,
)
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class ApprovalQueueState(PortalState):
    rows: list[QueueRowView] = []

    @requires_staff
    async def load(self, actor: Actor):
        entries = await db.run_in_unit_of_work(service.list_open_requests, actor)
        self.rows = presenter.queue_row_views(entries, self.lang)


class ApprovalState(PortalState):
    request: RequestView = EMPTY_REQUEST
    rows: list[FieldChangeView] = []  # each with the decision chosen and its error message
    error: str = ""
    message: str = ""
    loaded: bool = False
    form_key: int = 0

    async def _reload(self, actor: Actor) -> None:
        loaded = await self._run_shown(service.get_request_for_decision, actor, self._route_id())
        if loaded.refused:
            self.loaded = False
            return
        page, self.loaded = loaded.result, True
        self.request = presenter.request_view(page, self.lang)
        self.rows = presenter.field_change_views(page.fields, self.lang, page.live)
        self.form_key += 1

    @requires_staff
    async def load(self, actor: Actor):
        self.message = ""
        await self._reload(actor)

    @requires_staff
    async def choose(self, actor: Actor, field: str, decision: str | list[str]):
        if decision in changes.DECISIONS:
            self.rows = [dataclasses.replace(row, choice=decision) if row.field == field else row
                         for row in self.rows]

    @requires_staff
    async def approve_all(self, actor: Actor):
        """Approve every field that is not in conflict; conflicts keep needing a choice."""
        self.rows = [row if row.conflict else dataclasses.replace(row, choice="approve")
                     for row in self.rows]

    @requires_staff
    async def decide(self, actor: Actor, form_data: dict):
        reasons = parse_form(DecisionForm, form_data).reasons
        decisions = {row.field: {"decision": row.choice, "reason": reasons.get(row.field, "")}
                     for row in self.rows}
        self.message = ""
        self.rows = [dataclasses.replace(row, error="") for row in self.rows]
        with self._refusal_shown_in("error") as outcome:
            await db.run_in_unit_of_work(changes.decide_change, actor, self._route_id(),
                                         self.request.revision, decisions)
        if outcome.refused:
            self.rows = [dataclasses.replace(row, error=self.error)
                         if row.field == outcome.error.field else row for row in self.rows]
            return
        wake_sender()
        self.message = self._text("approvals.decided")
        await self._reload(actor)


class OrganizationsAdminState(StaffPages, PortalState):
    filter_form = OrganizationSearchForm
    rows: list[OrganizationRowView] = []
    search: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[OrganizationRowView]:
        shown = await db.run_in_unit_of_work(service.list_organizations, actor, page=self.page,
                                             search=self.search)
        return presenter.organization_rows(shown, self.lang)

