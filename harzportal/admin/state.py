from __future__ import annotations

from harzportal import db
from harzportal.accounts import service as auth_service
from harzportal.admin import service
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.mail.sender import wake_sender
from harzportal.organizations import contacts
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class UsersAdminState(StaffPages, PortalState):
    search: str = ""
    message: str = ""
    error: str = ""
    invite_open: bool = False
    invite_error: str = ""
    organization_choices: list[dict[str, str]] = []

    async def _fetch_page(self, actor: Actor) -> dict:
        return await db.run_in_unit_of_work(service.list_users, actor, page=self.page,
                                            search=self.search)

    @requires_staff
    async def load(self, actor: Actor):
        self.message = self.error = ""
        await self._first_page(actor)

    @requires_staff
    async def apply_search(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        search = form.get("search")
        self.search = search.strip()[: service.MAX_SEARCH_LENGTH] if isinstance(search, str) else ""
        await self._first_page(actor)

    @requires_staff
    async def deactivate(self, actor: Actor, user_id: str):
        self.message = self.error = ""
        try:
            await db.run_in_unit_of_work(contacts.deactivate_contact, actor, parse_id(user_id))
        except DomainError as error:
            self.error = self._error_text(error)
        else:
            self.message = self._text("admin.user_deactivated")
        await self._reload(actor)

    @requires_staff
    async def toggle_invite(self, actor: Actor, is_open: bool):
        self.invite_open = is_open is True
        self.invite_error = ""
        self.organization_choices = (
            await db.run_in_unit_of_work(service.list_organization_choices, actor)
            if self.invite_open else []
        )

    @requires_staff
    async def invite(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        try:
            await db.run_in_unit_of_work(
                auth_service.invite_contact, actor,
                organization_id=parse_id(form.get("organization_id")),
                raw_email=form.get("email"), full_name=form.get("full_name"),
                role=form.get("role"),
            )
        except DomainError as error:
            self.invite_error = self._error_text(error)
            return
        wake_sender()
        self.invite_open = False
        self.organization_choices = []
        self.message = self._text("admin.invitation_sent")
        await self._reload(actor)
