"""States of the staff's invoice screens: all invoices, the annual run, a manual invoice, fees."""

from __future__ import annotations

import reflex as rx

from harzportal import db
from harzportal.admin import service as admin_service
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.core.text import single_line
from harzportal.invoices import fees, issuing, service
from harzportal.invoices.amounts import LineInput, parse_day, parse_euro_amount, parse_quantity
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages

MANUAL_LINES = 4
VAT_CHOICES = ("1900", "700", "exempt")


class StaffInvoicesState(StaffPages, PortalState):
    state_filter: str = "all"
    search: str = ""

    async def _fetch_page(self, actor: Actor) -> dict:
        return await db.run_in_unit_of_work(service.list_staff_invoices, actor,
                                            state=self.state_filter, search=self.search,
                                            page=self.page)

    @requires_staff
    async def load(self, actor: Actor):
        await self._first_page(actor)

    @requires_staff
    async def apply_filter(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        state = form.get("state")
        self.state_filter = state if state in service.STAFF_FILTERS else "all"
        self.search = single_line(form.get("search"))[:100]
        await self._first_page(actor)


class InvoiceRunState(PortalState):
    year: str = ""
    rows: list[dict[str, str]] = []
    to_issue: int = 0
    already: int = 0
    total: str = ""
    error: str = ""
    message: str = ""

    async def _preview(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(issuing.preview_annual_run, actor,
                                                parse_id(self.year))
        except DomainError as error:
            self.rows, self.to_issue, self.error = [], 0, self._error_text(error)
            return
        self.error = ""
        self.rows, self.to_issue, self.already, self.total = (
            view["rows"], view["to_issue"], view["already"], view["total"])

    @requires_staff
    async def load(self, actor: Actor):
        self.year = self.year or str(clock.today().year)
        self.message = ""
        await self._preview(actor)

    @requires_staff
    async def choose_year(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.year = single_line(form.get("year"))[:4]
        self.message = ""
        await self._preview(actor)

    @requires_staff
    async def issue_all(self, actor: Actor):
        self.message = self.error = ""
        try:
            issued = await db.run_in_unit_of_work(issuing.issue_annual_run, actor,
                                                  parse_id(self.year))
        except DomainError as error:
            self.error = self._error_text(error)
            return
        wake_sender()
        self.message = self._text("invoice_run.issued" if issued else "invoice_run.nothing_new",
                                  count=issued, year=self.year)
        await self._preview(actor)


class ManualInvoiceState(PortalState):
    organization_choices: list[dict[str, str]] = []
    period_from: str = ""
    period_to: str = ""
    error: str = ""
    form_key: int = 0

    @requires_staff
    async def load(self, actor: Actor):
        self.error = ""
        year = clock.today().year
        self.period_from, self.period_to = f"{year}-01-01", f"{year}-12-31"
        self.organization_choices = await db.run_in_unit_of_work(
            admin_service.list_organization_choices, actor)
        self.form_key += 1

    @requires_staff
    async def submit(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        try:
            lines = []
            for number in range(1, MANUAL_LINES + 1):
                description = single_line(form.get(f"description_{number}"))
                if not description:
                    continue
                rate = form.get(f"vat_{number}")
                exempt = rate == "exempt"
                lines.append(LineInput(
                    description=description,
                    quantity_milli=parse_quantity(form.get(f"quantity_{number}") or "1"),
                    unit_price_cents=parse_euro_amount(form.get(f"price_{number}"), "price"),
                    vat_rate_bp=0 if exempt else int(rate) if rate in VAT_CHOICES else -1,
                    vat_exempt=exempt,
                    exemption_note=single_line(form.get("exemption_note"))[:300]
                    if exempt else ""))
            invoice = await db.run_in_unit_of_work(
                issuing.issue_manual_invoice, actor, parse_id(form.get("organization_id")),
                lines, parse_day(form.get("service_from"), "service_from"),
                parse_day(form.get("service_to"), "service_to"))
        except DomainError as error:
            self.error = self._error_text(error)
            return
        wake_sender()
        return rx.redirect(f"/invoices/{invoice.id}")


class FeesState(PortalState):
    rows: list[dict[str, str]] = []
    editing: dict[str, str] = {}
    dialog_open: bool = False
    error: str = ""
    message: str = ""
    form_key: int = 0
    _editing_id: int | None = None

    async def _reload(self, actor: Actor) -> None:
        self.rows = await db.run_in_unit_of_work(fees.list_fee_schedule, actor)

    @requires_staff
    async def load(self, actor: Actor):
        self.message = ""
        await self._reload(actor)

    @requires_staff
    async def open_editor(self, actor: Actor, item_id: str):
        row = next((r for r in self.rows if r["id"] == item_id), None)
        self._editing_id = parse_id(item_id) if row else None
        self.editing = row or {"kind_value": "chemical", "min_employees": "0",
                               "max_employees": "", "fee_input": "", "vat_rate": "exempt",
                               "exemption_note": ""}
        self.error = ""
        self.dialog_open = True
        self.form_key += 1

    @requires_staff
    async def close_editor(self, actor: Actor, is_open: bool):
        self.dialog_open = is_open is True

    @requires_staff
    async def save(self, actor: Actor, form_data: dict):
        try:
            await db.run_in_unit_of_work(fees.save_fee_item, actor, self._editing_id, form_data)
        except DomainError as error:
            self.error = self._error_text(error)
            return
        self.dialog_open = False
        self.message = self._text("fees.saved")
        await self._reload(actor)

    @requires_staff
    async def delete(self, actor: Actor, item_id: str):
        try:
            await db.run_in_unit_of_work(fees.delete_fee_item, actor, parse_id(item_id))
        except DomainError as error:
            self.error = self._error_text(error)
            return
        self.message = self._text("fees.deleted")
        await self._reload(actor)
