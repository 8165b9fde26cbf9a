"""The account page: own contact details, change password, choose the language."""

from __future__ import annotations

from harzportal import db
from harzportal.accounts import service
from harzportal.auth.forms import AccountDetailsForm, ChangePasswordForm
from harzportal.auth.presenter import account_details_view
from harzportal.auth.views import EMPTY_DETAILS, AccountDetailsView
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.organizations import contacts
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState


class AccountState(PortalState):
    password_error: str = ""
    password_message: str = ""
    form_key: int = 0  # changes to clear the password form after success
    details: AccountDetailsView = EMPTY_DETAILS
    details_error: str = ""
    details_message: str = ""
    details_key: int = 0

    async def _show_details(self, actor: Actor) -> None:
        self.details = account_details_view(
            await db.run_in_unit_of_work(service.own_account, actor))

    @requires_session
    async def open_account(self, actor: Actor):
        self.password_error = ""
        self.password_message = ""
        self.details_error = self.details_message = ""
        await self._show_details(actor)
        self.details_key += 1

    @requires_session
    async def save_details(self, actor: Actor, form_data: dict):
        self.details_message = ""
        with self._refusal_shown_in("details_error") as outcome:
            form = parse_form(AccountDetailsForm, form_data)
            await db.run_in_unit_of_work(contacts.update_own_details, actor, form.model_dump())
        if outcome.refused:
            return
        await self._show_details(actor)
        self.user_name = self.details.full_name
        self.details_message = self._text("details.saved")

    @requires_session
    async def change_password(self, actor: Actor, form_data: dict):
        self.password_message = ""
        with self._refusal_shown_in("password_error") as outcome:
            form = parse_form(ChangePasswordForm, form_data)
            await db.run_in_unit_of_work(service.change_password, actor, form.current_password,
                                         form.new_password)
        if outcome.refused:
            return
        self.password_message = self._text("account.password_changed")
        self.form_key += 1
