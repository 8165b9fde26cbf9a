from __future__ import annotations

from harzportal import db
from harzportal.accounts import factors
from harzportal.accounts import service as accounts
from harzportal.accounts.presenter import invitation_sent_text
from harzportal.admin import service
from harzportal.admin.forms import InviteForm, SearchForm
from harzportal.admin.presenter import user_row_view
from harzportal.admin.views import UserRowView
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.core.paging import Page
from harzportal.mail.sender import wake_sender
from harzportal.organizations import contacts
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class UsersAdminState(StaffPages, PortalState):
    filter_form = SearchForm
    rows: list[UserRowView] = []
    search: str = ""
    message: str = ""
    error: str = ""
    invite_open: bool = False
    invite_error: str = ""
    organization_choices: list[Choice] = []

    async def _fetch_page(self, actor: Actor) -> Page[UserRowView]:
        listed = await db.run_in_unit_of_work(service.list_users, actor, page=self.page,
                                              search=self.search)
        return listed.map(lambda listing: user_row_view(listing, actor.user_id, self.lang))

    @requires_staff
    async def load(self, actor: Actor):
        self.message = self.error = ""
        await self._first_page(actor)


    @requires_staff
    async def deactivate(self, actor: Actor, user_id: str):
        await self._change_and_reload(actor, contacts.deactivate_contact, parse_id(user_id),
                                      success_key=N_("admin.user_deactivated"))

    @requires_staff
    async def reset_second_factor(self, actor: Actor, user_id: str):
        await self._change_and_reload(actor, factors.reset_second_factor, parse_id(user_id),
                                      success_key=N_("factor.reset_done"))
        wake_sender()

    @requires_staff
    async def toggle_invite(self, actor: Actor, is_open: bool):
        self.invite_open = is_open is True
        self.invite_error = ""
        self.organization_choices = list(
            await db.run_in_unit_of_work(service.list_organization_choices, actor)
            if self.invite_open else ())

    @requires_staff
    async def invite(self, actor: Actor, form_data: dict):
        with self._refusal_shown_in("invite_error") as outcome:
            form = parse_form(InviteForm, form_data)
            await db.run_in_unit_of_work(
                accounts.invite_contact, actor, organization_id=form.organization_id,
                raw_email=form.email, full_name=form.full_name, role=form.role,
            )
        if outcome.refused:
            return
        wake_sender()
        self.invite_open = False
        self.organization_choices = []
        self.message = invitation_sent_text(self.lang)
        await self._reload(actor)
