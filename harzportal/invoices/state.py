"""States of the invoice pages: the member's list, the invoice detail (with staff actions)."""

from __future__ import annotations

from harzportal import db
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.invoices import collection, issuing, service
from harzportal.invoices.amounts import parse_day, parse_euro_amount
from harzportal.invoices.routes import pdf_url
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_session, requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages, shown_fields

MEMBER_ROW_FIELDS = ("id", "number", "issued", "due", "amount", "outstanding", "state",
                     "state_label")


class InvoicesState(MemberPages, PortalState):
    outstanding: str = ""
    error: str = ""

    async def _fetch_page(self, actor: Actor) -> dict:
        """The own organization's invoices; people who may not see them get the reason."""
        try:
            view = await db.run_in_unit_of_work(service.list_member_invoices, actor,
                                                actor.organization_id or 0, self.page)
        except DomainError as error:
            self.outstanding, self.error = "", self._error_text(error)
            return {"rows": [], "page": 1, "pages": 1, "total": 0}
        self.outstanding, self.error = view["outstanding"], ""
        return view | {"rows": shown_fields(view["rows"], MEMBER_ROW_FIELDS)}

    @requires_session
    async def load(self, actor: Actor):
        await self._first_page(actor)


class InvoiceState(PortalState):
    invoice: dict[str, str] = {}
    lines: list[dict[str, str]] = []
    payments: list[dict[str, str]] = []
    reminders: list[dict[str, str]] = []
    pdf_href: str = ""
    loaded: bool = False
    error: str = ""
    message: str = ""
    action_error: str = ""
    payment_key: int = 0
    today: str = ""  # default date of a payment

    async def _reload(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(service.get_invoice, actor, self._route_id())
        except DomainError as error:
            self.loaded = False
            self.invoice, self.lines, self.payments, self.reminders = {}, [], [], []
            self.error = self._error_text(error)
            return
        self.loaded, self.error = True, ""
        self.invoice, self.lines = view["invoice"], view["lines"]
        self.payments, self.reminders = view["payments"], view["reminders"]
        self.pdf_href = pdf_url(self.invoice["id"], self.invoice["number"])

    async def _staff_action(self, actor: Actor, work, *args, success_key: str) -> None:
        self.message = self.action_error = ""
        try:
            await db.run_in_unit_of_work(work, actor, *args)
        except DomainError as error:
            self.action_error = self._error_text(error)
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
        form = form_data if isinstance(form_data, dict) else {}
        try:
            paid_on = parse_day(form.get("paid_on"), "paid_on")
            amount = parse_euro_amount(form.get("amount"), "amount")
        except DomainError as error:
            self.message, self.action_error = "", self._error_text(error)
            return
        await self._staff_action(actor, collection.record_payment, self._route_id(), paid_on,
                                 amount, form.get("reference"), success_key="payment.recorded")

    @requires_staff
    async def send_reminder(self, actor: Actor):
        await self._staff_action(actor, collection.send_reminder, self._route_id(),
                                 success_key="reminder.sent")

    @requires_staff
    async def cancel(self, actor: Actor):
        await self._staff_action(actor, issuing.cancel_invoice, self._route_id(),
                                 success_key="invoice.cancelled")
