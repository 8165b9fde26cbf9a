"""The account page: own contact details, change password, choose the language."""

from __future__ import annotations

from harzportal import db
from harzportal.accounts import service
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.organizations import contacts
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState


class AccountState(PortalState):
    password_error: str = ""
    password_message: str = ""
    form_key: int = 0  # changes to clear the password form after success
    details: dict[str, str] = {}
    details_error: str = ""
    details_message: str = ""
    details_key: int = 0

    @requires_session
    async def open_account(self, actor: Actor):
        self.password_error = ""
        self.password_message = ""
        self.details_error = self.details_message = ""
        self.details = await db.run_in_unit_of_work(contacts.get_own_details, actor)
        self.details_key += 1

    @requires_session
    async def save_details(self, actor: Actor, form_data: dict):
        self.details_message = ""
        try:
            await db.run_in_unit_of_work(contacts.update_own_details, actor, form_data)
        except DomainError as error:
            self.details_error = self._error_text(error)
            return
        self.details_error = ""
        self.details = await db.run_in_unit_of_work(contacts.get_own_details, actor)
        self.user_name = self.details["full_name"]
        self.details_message = self._text("details.saved")

    @requires_session
    async def change_password(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.password_message = ""
        if form.get("new_password") != form.get("new_password_repeat"):
            self.password_error = self._text("password.mismatch")
            return
        try:
            await db.run_in_unit_of_work(
                service.change_password, actor, form.get("current_password"),
                form.get("new_password"),
            )
        except DomainError as error:
            self.password_error = self._error_text(error)
            return
        self.password_error = ""
        self.password_message = self._text("account.password_changed")
        self.form_key += 1
