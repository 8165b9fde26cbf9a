"""The account page: change password, choose the language."""

from __future__ import annotations

from harzportal import db
from harzportal.auth import service
from harzportal.auth.guard import requires_session
from harzportal.auth.state import PortalState
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError


class AccountState(PortalState):
    password_error: str = ""
    password_message: str = ""
    form_key: int = 0  # changes to clear the password form after success

    @requires_session
    async def open_account(self, actor: Actor):
        self.password_error = ""
        self.password_message = ""

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
