"""States of the circulars: the staff's list, composing, one circular (preview, recipients, send,
deliveries, resend); the members' "Mitteilungen" and their choices on Mein Konto."""

from __future__ import annotations

import reflex as rx

from harzportal import db
from harzportal.circulars import presenter, service
from harzportal.circulars.audience import Audience
from harzportal.circulars.forms import CircularChoicesForm, CircularForm
from harzportal.circulars.views import (
    EMPTY_CIRCULAR,
    EMPTY_RECEIVED,
    CircularRowView,
    CircularView,
    DeliveryCountView,
    DocumentLinkView,
    OptionView,
    ReceivedRowView,
    ReceivedView,
    RecipientRowView,
)
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.paging import Page
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_session, requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages, StaffPages


class StaffCircularsState(StaffPages, PortalState):
    rows: list[CircularRowView] = []

    async def _fetch_page(self, actor: Actor) -> Page[CircularRowView]:
        found = await db.run_in_unit_of_work(service.list_circulars, actor, self.page)
        return presenter.circular_rows(found, self.lang)


class _ComposingState(rx.State, mixin=True):
    """The compose form's checkboxes, ticked as the circular has them."""

    kinds: list[OptionView] = []
    states: list[OptionView] = []
    functions: list[OptionView] = []
    roles: list[OptionView] = []
    organizations: list[OptionView] = []
    documents: list[OptionView] = []
    form_key: int = 0

    async def _show_options(self, actor: Actor, audience: Audience,
                            document_ids: list[int]) -> None:
        choices = await db.run_in_unit_of_work(service.compose_choices, actor)
        options = presenter.audience_options(audience, document_ids, choices, self.lang)
        for name, shown in options.items():
            setattr(self, name, shown)
        self.form_key += 1


class NewCircularState(_ComposingState, PortalState):
    error: str = ""

    @requires_staff
    async def load(self, actor: Actor):
        self.error = ""
        await self._show_options(actor, Audience(), [])

    @requires_staff
    async def save(self, actor: Actor, form_data: dict):
        form = parse_form(CircularForm, form_data)
        with self._refusal_shown_in("error") as outcome:
            saved = await db.run_in_unit_of_work(service.save_circular, actor, None,
                                                 form.as_input())
        if not outcome.refused:
            return rx.redirect(f"/admin/circulars/{saved.id}")


class StaffCircularState(StaffPages, _ComposingState, PortalState):
    """A draft: edit, preview, the exact recipients, send. A sent one: the deliveries, resend."""

    circular: CircularView = EMPTY_CIRCULAR
    rows: list[RecipientRowView] = []  # the recipients (a draft) or the deliveries (sent)
    counts: list[DeliveryCountView] = []
    loaded: bool = False
    error: str = ""
    message: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[RecipientRowView]:
        if self.circular.is_draft:
            found = await db.run_in_unit_of_work(service.preview_recipients, actor,
                                                 self._route_id(), self.page)
            self.counts = []
            return presenter.addressees(found, self.lang)
        found = await db.run_in_unit_of_work(service.deliveries, actor, self._route_id(),
                                             self.page)
        rows, self.counts = presenter.deliveries(found, self.lang)
        return rows

    async def _show(self, actor: Actor) -> None:
        with self._refusal_shown_in("error") as outcome:
            detail = await db.run_in_unit_of_work(service.get_circular, actor, self._route_id())
        self.loaded = not outcome.refused
        if not self.loaded:
            self.circular, self.rows, self.counts = EMPTY_CIRCULAR, [], []
            return
        self.circular = presenter.circular(detail, self.lang)
        await self._show_options(actor, detail.audience, list(detail.circular.document_ids))
        await self._reload(actor)

    @requires_staff
    async def load(self, actor: Actor):
        self.error = self.message = ""
        self.page = 1
        await self._show(actor)

    @requires_staff
    async def save(self, actor: Actor, form_data: dict):
        self.message = ""
        form = parse_form(CircularForm, form_data)
        with self._refusal_shown_in("error") as outcome:
            await db.run_in_unit_of_work(service.save_circular, actor, self._route_id(),
                                         form.as_input())
        if outcome.refused:
            return
        self.page = 1
        await self._show(actor)
        self.message = self._text("circular.saved")

    @requires_staff
    async def send(self, actor: Actor):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            count = await db.run_in_unit_of_work(service.send_circular, actor, self._route_id())
        if outcome.refused:
            return
        wake_sender()
        self.page = 1
        await self._show(actor)
        self.message = presenter.sent_message(count, self.lang)

    @requires_staff
    async def resend(self, actor: Actor):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            count = await db.run_in_unit_of_work(service.resend_failed, actor, self._route_id())
        if outcome.refused:
            return
        wake_sender()
        await self._reload(actor)
        self.message = presenter.resent_message(count, self.lang)


class MyCircularsState(MemberPages, PortalState):
    rows: list[ReceivedRowView] = []

    async def _fetch_page(self, actor: Actor) -> Page[ReceivedRowView]:
        found = await db.run_in_unit_of_work(service.my_circulars, actor, self.page)
        return presenter.received_rows(found, self.lang)


class MyCircularState(PortalState):
    circular: ReceivedView = EMPTY_RECEIVED
    links: list[DocumentLinkView] = []
    loaded: bool = False
    error: str = ""
    message: str = ""

    @requires_session
    async def load(self, actor: Actor):
        self.error = ""
        with self._refusal_shown_in("error") as outcome:
            found = await db.run_in_unit_of_work(service.my_circular, actor, self._route_id())
        self.loaded = not outcome.refused
        if self.loaded:
            self.circular, self.links = presenter.received(found, self.lang)
        else:
            self.circular, self.links = EMPTY_RECEIVED, []


class CircularChoicesState(PortalState):
    """Mein Konto: which optional categories of circulars the person gets."""

    choices: list[OptionView] = []
    mandatory: str = ""  # the mandatory categories, named
    choices_error: str = ""
    choices_message: str = ""
    choices_key: int = 0

    async def _show_choices(self, actor: Actor) -> None:
        opted_out = await db.run_in_unit_of_work(service.opted_out, actor)
        self.choices = presenter.category_choices(opted_out, self.lang)
        self.mandatory = presenter.mandatory_categories(self.lang)
        self.choices_key += 1

    @requires_session
    async def load(self, actor: Actor):
        self.choices_error = self.choices_message = ""
        if actor.is_staff:
            self.choices = []
            return
        await self._show_choices(actor)

    @requires_session
    async def save_choices(self, actor: Actor, form_data: dict):
        self.choices_message = ""
        with self._refusal_shown_in("choices_error") as outcome:
            form = parse_form(CircularChoicesForm, form_data)
            await db.run_in_unit_of_work(service.choose_categories, actor, form.wanted)
        if outcome.refused:
            return
        await self._show_choices(actor)
        self.choices_message = self._text("circular.choices_saved")


