"""States of the staff's screens: the approval queue, one request's decision, all organizations."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.mail.sender import wake_sender
from harzportal.organizations import changes, service
from harzportal.organizations.directory import clean_search
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class ApprovalQueueState(PortalState):
    rows: list[dict[str, str]] = []

    @requires_staff
    async def load(self, actor: Actor):
        self.rows = await db.run_in_unit_of_work(service.list_open_requests, actor)


class ApprovalState(PortalState):
    request: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    choices: dict[str, str] = {}
    field_errors: dict[str, str] = {}
    error: str = ""
    message: str = ""
    loaded: bool = False
    form_key: int = 0

    async def _reload(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(service.get_request_for_decision, actor,
                                                self._route_id())
        except DomainError as error:
            self.loaded = False
            self.error = self._error_text(error)
            return
        self.loaded = True
        self.request = view["request"]
        self.rows = view["rows"]
        self.choices = {row["field"]: "" for row in self.rows}
        self.field_errors = {row["field"]: "" for row in self.rows}
        self.form_key += 1

    @requires_staff
    async def load(self, actor: Actor):
        self.error = self.message = ""
        await self._reload(actor)

    @requires_staff
    async def choose(self, actor: Actor, field: str, decision: str | list[str]):
        if field in self.choices and decision in changes.DECISIONS:
            self.choices = {**self.choices, field: decision}

    @requires_staff
    async def approve_all(self, actor: Actor):
        """Approve every field that is not in conflict; conflicts keep needing a choice."""
        conflicts = {row["field"] for row in self.rows if row["conflict"] == "yes"}
        self.choices = {field: choice if field in conflicts else "approve"
                        for field, choice in self.choices.items()}

    @requires_staff
    async def decide(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        decisions = {field: {"decision": choice, "reason": form.get(f"reason-{field}", "")}
                     for field, choice in self.choices.items()}
        self.error = self.message = ""
        self.field_errors = {field: "" for field in self.choices}
        try:
            await db.run_in_unit_of_work(changes.decide_change, actor, self._route_id(),
                                         parse_id(self.request.get("revision")), decisions)
        except DomainError as error:
            if error.field in self.field_errors:
                self.field_errors = {**self.field_errors, error.field: self._error_text(error)}
            self.error = self._error_text(error)
            return
        wake_sender()
        self.message = self._text("approvals.decided")
        await self._reload(actor)


class OrganizationsAdminState(StaffPages, PortalState):
    search: str = ""

    async def _fetch_page(self, actor: Actor) -> dict:
        return await db.run_in_unit_of_work(service.list_organizations, actor, page=self.page,
                                            search=self.search)

    @requires_staff
    async def load(self, actor: Actor):
        await self._first_page(actor)

    @requires_staff
    async def apply_search(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.search = clean_search(form.get("search"))
        await self._first_page(actor)
