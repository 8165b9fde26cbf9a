"""States of the invoice pages: the member's list, the invoice detail (with staff actions)."""

from __future__ import annotations

from harzportal import db
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.paging import Page
from harzportal.invoices import collection, issuing, presenter, service
from harzportal.invoices.forms import PaymentForm
from harzportal.invoices.views import (
    EMPTY_INVOICE,
    InvoiceLineView,
    InvoiceRowView,
    InvoiceView,
    PaymentView,
    ReminderView,
)
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_session, requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages

NO_ROWS: Page[InvoiceRowView] = Page((), 1, 1, 0)


class InvoicesState(MemberPages, PortalState):
    rows: list[InvoiceRowView] = []
    outstanding: str = ""
    error: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[InvoiceRowView]:
        """The own organization's invoices; people who may not see them get the reason."""
        self.outstanding = ""
        with self._refusal_shown_in("error") as outcome:
            invoices = await db.run_in_unit_of_work(service.list_member_invoices, actor,
                                                    actor.organization_id or 0, self.page)
        if outcome.refused:
            return NO_ROWS
        self.outstanding = presenter.outstanding_total(invoices, self.lang)
        return presenter.invoice_rows(invoices.page, self.lang)


class InvoiceState(PortalState):
    invoice: InvoiceView = EMPTY_INVOICE
    lines: list[InvoiceLineView] = []
    payments: list[PaymentView] = []
    reminders: list[ReminderView] = []
    loaded: bool = False
    error: str = ""
    message: str = ""
    action_error: str = ""
    payment_key: int = 0
    today: str = ""  # default date of a payment

    async def _reload(self, actor: Actor) -> None:
        self.loaded = False
        self.invoice, self.lines, self.payments, self.reminders = EMPTY_INVOICE, [], [], []
        with self._refusal_shown_in("error") as outcome:
            detail = await db.run_in_unit_of_work(service.get_invoice, actor, self._route_id())
        if outcome.refused:
            return
        view = presenter.invoice_detail(detail, self.lang)
        self.loaded = True
        self.invoice, self.lines = view.invoice, list(view.lines)
        self.payments, self.reminders = list(view.payments), list(view.reminders)

    async def _staff_action(self, actor: Actor, work, *args, success_key: str) -> None:
        self.message = ""
        with self._refusal_shown_in("action_error") as outcome:
            await db.run_in_unit_of_work(work, actor, *args)
        if outcome.refused:
            return
        wake_sender()
        self.message = self._text(success_key)
        self.payment_key += 1
        await self._reload(actor)

    @requires_session
    async def load(self, actor: Actor):
        self.message = self.action_error = ""
        self.today = clock.today().isoformat()
        await self._reload(actor)

    @requires_staff
    async def record_payment(self, actor: Actor, form_data: dict):
        self.message = ""
        with self._refusal_shown_in("action_error") as outcome:
            payment = parse_form(PaymentForm, form_data)
        if outcome.refused:
            return
        await self._staff_action(actor, collection.record_payment, self._route_id(),
                                 payment.paid_on, payment.amount, payment.reference,
                                 success_key=N_("payment.recorded"))

    @requires_staff
    async def send_reminder(self, actor: Actor):
        await self._staff_action(actor, collection.send_reminder, self._route_id(),
                                 success_key=N_("reminder.sent"))

    @requires_staff
    async def cancel(self, actor: Actor):
        await self._staff_action(actor, issuing.cancel_invoice, self._route_id(),
                                 success_key=N_("invoice.cancelled"))
