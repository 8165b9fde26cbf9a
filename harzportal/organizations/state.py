"""States of the organization pages members use: the profile page and the contacts page."""

from __future__ import annotations

import reflex as rx

from harzportal import db
from harzportal.accounts import service as auth_service
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.gdpr import service as gdpr
from harzportal.mail.sender import wake_sender
from harzportal.organizations import changes, contacts, service
from harzportal.shell.guard import requires_session, requires_staff
from harzportal.shell.state import HOME_PATH, PortalState

STAFF_HOME = "/admin/organizations"
PROFILE_NOTICES = ("submitted", "updated", "saved_directly")  # ?notice=... after saving


class OwnOrganizationState(PortalState):
    """/organization: sends each person to their own organization's page."""

    @requires_session
    async def open_own(self, actor: Actor):
        if actor.organization_id is None:
            return rx.redirect(STAFF_HOME if actor.is_staff else HOME_PATH, replace=True)
        return rx.redirect(f"/organizations/{actor.organization_id}", replace=True)


class OrganizationState(PortalState):
    profile: dict[str, str] = {}
    pending: dict[str, str] = {}
    has_pending: bool = False
    pending_rows: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    may_propose: bool = False
    may_edit_directly: bool = False
    may_manage_contacts: bool = False
    loaded: bool = False
    message: str = ""
    error: str = ""
    _pending_id: int | None = None

    async def _reload(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(service.get_profile_page, actor,
                                                self._route_id())
        except DomainError as error:
            self.reset()
            self.error = self._error_text(error)
            return
        self.loaded = True
        self.profile = view["profile"]
        self.has_pending = view["pending"] is not None
        self.pending = view["pending"] or {}
        if self.has_pending:
            self.pending["intro"] = self._text("change.pending_intro",
                                               author=self.pending["author"],
                                               created=self.pending["created"])
        self._pending_id = parse_id(self.pending.get("id"))
        self.pending_rows = view["pending_rows"]
        self.history = view["history"]
        self.may_propose = view["may_propose"]
        self.may_edit_directly = view["may_edit_directly"]
        self.may_manage_contacts = view["may_manage_contacts"]

    @requires_session
    async def load(self, actor: Actor):
        self.error = ""
        notice = self.router.url.query_parameters.get("notice", "")
        self.message = self._text(f"change.{notice}") if notice in PROFILE_NOTICES else ""
        await self._reload(actor)

    @requires_session
    async def withdraw(self, actor: Actor):
        self.message = self.error = ""
        try:
            await db.run_in_unit_of_work(changes.withdraw_change, actor, self._pending_id)
        except DomainError as error:
            self.error = self._error_text(error)
        else:
            self.message = self._text("change.withdrawn")
        await self._reload(actor)


class ContactsState(PortalState):
    organization: str = ""
    organization_id: str = ""
    rows: list[dict[str, str]] = []
    may_manage: bool = False
    may_invite: bool = False
    message: str = ""
    error: str = ""
    invite_open: bool = False
    invite_error: str = ""

    async def _reload(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(contacts.list_contacts, actor, self._route_id())
        except DomainError as error:
            self.rows, self.organization, self.may_manage, self.may_invite = [], "", False, False
            self.error = self._error_text(error)
            return
        self.organization = view["organization"]
        self.organization_id = view["organization_id"]
        self.rows = view["rows"]
        self.may_manage = view["may_manage"]
        self.may_invite = view["may_invite"]

    async def _act(self, actor: Actor, work, *args, success_key: str) -> None:
        self.message = self.error = ""
        try:
            await db.run_in_unit_of_work(work, actor, *args)
        except DomainError as error:
            self.error = self._error_text(error)
        else:
            self.message = self._text(success_key)
        await self._reload(actor)

    @requires_session
    async def load(self, actor: Actor):
        self.message = self.error = ""
        self.invite_open = False
        await self._reload(actor)

    @requires_session
    async def change_role(self, actor: Actor, user_id: str, role: str):
        await self._act(actor, contacts.change_role, parse_id(user_id), role,
                        success_key="contacts.role_changed")

    @requires_session
    async def toggle_function(self, actor: Actor, user_id: str, function: str):
        row = next((r for r in self.rows if r["id"] == user_id), None)
        if row is None:
            return
        current = [f for f in row["functions"].split(",") if f]
        chosen = [f for f in current if f != function] if function in current \
            else [*current, function]
        await self._act(actor, contacts.set_functions, parse_id(user_id), chosen,
                        success_key="contacts.functions_changed")

    @requires_session
    async def deactivate(self, actor: Actor, user_id: str):
        await self._act(actor, contacts.deactivate_contact, parse_id(user_id),
                        success_key="admin.user_deactivated")

    @requires_staff
    async def anonymize(self, actor: Actor, user_id: str):
        await self._act(actor, gdpr.anonymize_contact, parse_id(user_id),
                        success_key="gdpr.anonymized")

    @requires_session
    async def toggle_invite(self, actor: Actor, is_open: bool):
        self.invite_open = is_open is True
        self.invite_error = ""

    @requires_session
    async def invite(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        try:
            await db.run_in_unit_of_work(
                auth_service.invite_contact, actor, organization_id=self._route_id(),
                raw_email=form.get("email"), full_name=form.get("full_name"),
                role=form.get("role"))
        except DomainError as error:
            self.invite_error = self._error_text(error)
            return
        wake_sender()
        self.invite_open = False
        self.error = ""
        self.message = self._text("admin.invitation_sent")
        await self._reload(actor)
