"""States of the organization pages members use: the profile page and the contacts page."""

from __future__ import annotations

from functools import partial

import reflex as rx

from harzportal import db
from harzportal.accounts import service as auth_service
from harzportal.accounts.presenter import invitation_sent_text
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.mail.sender import wake_sender
from harzportal.organizations import (
    changes,
    contacts,
    presenter,
    presenter_contacts,
    public_buyer,
    service,
)
from harzportal.organizations.forms import InviteForm, PublicBuyerForm
from harzportal.organizations.views import (
    EMPTY_PENDING,
    EMPTY_PROFILE,
    EMPTY_PUBLIC_BUYER,
    ContactRowView,
    FieldChangeView,
    HistoryRowView,
    PendingView,
    ProfileView,
    PublicBuyerView,
)
from harzportal.shell.guard import requires_session, requires_staff
from harzportal.shell.state import HOME_PATH, PortalState

STAFF_HOME = "/admin/organizations"


class OwnOrganizationState(PortalState):
    """/organization: sends each person to their own organization's page."""

    @requires_session
    async def open_own(self, actor: Actor):
        if actor.organization_id is None:
            return rx.redirect(STAFF_HOME if actor.is_staff else HOME_PATH, replace=True)
        return rx.redirect(f"/organizations/{actor.organization_id}", replace=True)


class OrganizationState(PortalState):
    profile: ProfileView = EMPTY_PROFILE
    pending: PendingView = EMPTY_PENDING
    has_pending: bool = False
    pending_rows: list[FieldChangeView] = []
    history: list[HistoryRowView] = []
    may_propose: bool = False
    may_edit_directly: bool = False
    may_manage_contacts: bool = False
    public_buyer: PublicBuyerView = EMPTY_PUBLIC_BUYER  # staff only
    buyer_form_key: int = 0
    loaded: bool = False
    message: str = ""
    error: str = ""

    async def _reload(self, actor: Actor) -> None:
        loaded = await self._run_shown(service.get_profile_page, actor, self._route_id())
        if loaded.refused:
            error = self.error
            self.reset()
            self.error = error
            return
        page = loaded.result
        self.loaded = True
        self.profile, self.pending, self.pending_rows, self.history = (
            presenter.profile_page_views(page, self.lang))
        self.has_pending = page.pending is not None
        self.may_propose = page.may_propose
        self.may_edit_directly = page.may_edit_directly
        self.may_manage_contacts = page.may_manage_contacts
        self.public_buyer = (presenter.public_buyer_view(page.organization)
                             if page.may_edit_directly else EMPTY_PUBLIC_BUYER)
        self.buyer_form_key += 1

    @requires_session
    async def load(self, actor: Actor):
        notice = self.router.url.query_parameters.get("notice", "")
        self.message = presenter.notice_text(notice, self.lang)
        await self._reload(actor)

    @requires_session
    async def withdraw(self, actor: Actor):
        await self._change_and_reload(actor, changes.withdraw_change, self.pending.id or None,
                                      success_key=N_("change.withdrawn"))

    @requires_staff
    async def save_public_buyer(self, actor: Actor, form_data: dict):
        """Staff set (or clear) the Leitweg-ID and e-invoice address; a bad value is shown next
        to its field, with what was typed kept."""
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(PublicBuyerForm, form_data)
            await db.run_in_unit_of_work(
                public_buyer.set_public_buyer, actor, self._route_id(), form.leitweg_id,
                form.einvoice_address, form.einvoice_scheme)
        if outcome.refused:
            shown = presenter.public_buyer_refused(form_data, outcome.error, self.error)
            if shown is not None:  # the message goes next to its field instead of the top
                self.public_buyer, self.error = shown, ""
            return
        self.message = self._text(N_("public_buyer.saved"))
        await self._reload(actor)


class ContactsState(PortalState):
    organization: str = ""
    organization_id: int = 0
    rows: list[ContactRowView] = []
    may_manage: bool = False
    may_invite: bool = False
    message: str = ""
    error: str = ""
    invite_open: bool = False
    invite_error: str = ""

    async def _reload(self, actor: Actor) -> None:
        loaded = await self._run_shown(contacts.list_contacts, actor, self._route_id())
        if loaded.refused:
            self.rows, self.organization, self.organization_id = [], "", 0
            self.may_manage = self.may_invite = False
            return
        listing = loaded.result
        self.organization = listing.organization.name
        self.organization_id = listing.organization.id
        self.rows = presenter_contacts.contact_rows(listing, self.lang)
        self.may_manage = listing.may_manage
        self.may_invite = listing.may_invite

    def _row(self, user_id: object) -> ContactRowView | None:
        wanted = parse_id(user_id)
        return next((row for row in self.rows if row.id == wanted), None)

    @requires_session
    async def load(self, actor: Actor):
        self.message = ""
        self.invite_open = False
        await self._reload(actor)

    @requires_session
    async def change_role(self, actor: Actor, user_id: str, role: str):
        row = self._row(user_id)
        if row is None:
            return
        await self._change_and_reload(actor, partial(contacts.change_role, seen_role=row.role),
                                      row.id, role, success_key=N_("contacts.role_changed"))

    @requires_session
    async def toggle_function(self, actor: Actor, user_id: str, function: str):
        """Sends the one change the person made on the row they see (add or remove)."""
        row = self._row(user_id)
        if row is None:
            return
        await self._change_and_reload(actor, contacts.assign_function, row.id, function,
                                      function not in row.functions,
                                      success_key=N_("contacts.functions_changed"))

    @requires_session
    async def deactivate(self, actor: Actor, user_id: str):
        await self._change_and_reload(actor, contacts.deactivate_contact, parse_id(user_id),
                                      success_key=N_("admin.user_deactivated"))

    @requires_staff
    async def anonymize(self, actor: Actor, user_id: str):
        await self._change_and_reload(actor, contacts.anonymize_contact, parse_id(user_id),
                                      success_key=N_("gdpr.anonymized"))

    @requires_session
    async def toggle_invite(self, actor: Actor, is_open: bool):
        self.invite_open = is_open is True
        self.invite_error = ""

    @requires_session
    async def invite(self, actor: Actor, form_data: dict):
        with self._refusal_shown_in("invite_error") as outcome:
            form = parse_form(InviteForm, form_data)
            await db.run_in_unit_of_work(
                auth_service.invite_contact, actor, organization_id=self._route_id(),
                raw_email=form.email, full_name=form.full_name, role=form.role)
        if outcome.refused:
            return
        wake_sender()
        self.invite_open = False
        self.error = ""
        self.message = invitation_sent_text(self.lang)
        await self._reload(actor)
