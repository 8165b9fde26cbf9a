"""States of the invoice pages: the member's list, the invoice detail (with staff actions)."""

from __future__ import annotations

from harzportal import db
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.paging import Page
from harzportal.invoices import collection, issuing, presenter, refunds, service
from harzportal.invoices.forms import PaymentForm, RefundForm, RefundMadeForm
from harzportal.invoices.views import (
    EMPTY_INVOICE,
    NO_REFUND,
    InvoiceLineView,
    InvoiceRowView,
    InvoiceView,
    PaymentView,
    RefundView,
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
    refund: RefundView = NO_REFUND
    refund_dialog_open: bool = False
    loaded: bool = False
    error: str = ""
    message: str = ""
    action_error: str = ""
    payment_key: int = 0
    today: str = ""  # default date of a payment

    async def _reload(self, actor: Actor) -> None:
        self.loaded = False
        self.invoice, self.lines, self.payments, self.reminders = EMPTY_INVOICE, [], [], []
        self.refund = NO_REFUND
        with self._refusal_shown_in("error") as outcome:
            detail = await db.run_in_unit_of_work(service.get_invoice, actor, self._route_id())
        if outcome.refused:
            return
        view = presenter.invoice_detail(detail, self.lang)
        self.loaded = True
        self.invoice, self.lines = view.invoice, list(view.lines)
        self.payments, self.reminders = list(view.payments), list(view.reminders)
        self.refund = view.refund

    async def _staff_action(self, actor: Actor, work, *args, success_key: str) -> bool:
        self.message = ""
        with self._refusal_shown_in("action_error") as outcome:
            await db.run_in_unit_of_work(work, actor, *args)
        if outcome.refused:
            return False
        wake_sender()
        self.message = self._text(success_key)
        self.payment_key += 1
        await self._reload(actor)
        return True

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

    @requires_staff
    async def open_refund_dialog(self, actor: Actor, is_open: bool):
        self.refund_dialog_open = is_open is True
        self.action_error = ""

    @requires_staff
    async def cancel_with_refund(self, actor: Actor, form_data: dict):
        """Cancel a paid invoice, saying how the amount paid is refunded."""
        self.message = ""
        with self._refusal_shown_in("action_error") as outcome:
            refund = parse_form(RefundForm, form_data).request()
        if outcome.refused:
            return
        if await self._staff_action(actor, issuing.cancel_invoice, self._route_id(), refund,
                                    success_key=N_("invoice.cancelled")):
            self.refund_dialog_open = False

    @requires_staff
    async def mark_refund_made(self, actor: Actor, form_data: dict):
        self.message = ""
        with self._refusal_shown_in("action_error") as outcome:
            made = parse_form(RefundMadeForm, form_data)
        if outcome.refused:
            return
        await self._staff_action(actor, refunds.mark_refund_made, self.refund.id, made.made_on,
                                 made.reference, success_key=N_("refund.marked"))
