"""States of the staff's invoice screens: all invoices, the annual run, a manual invoice, fees."""

from __future__ import annotations


import reflex as rx

from harzportal import db
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.core.paging import Page
from harzportal.invoices import annual_run, fees, issuing, presenter, service
from harzportal.invoices.forms import InvoiceFilterForm, ManualInvoiceForm, RunYearForm
from harzportal.invoices.views import NEW_FEE, FeeRowView, InvoiceRowView, RunRowView
from harzportal.jobruns import presenter as run_presenter
from harzportal.jobruns import service as runs
from harzportal.jobruns.views import NO_RUN, RunView
from harzportal.jobruns.watch import follow_to_outcome
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import (
    requires_staff,
    requires_staff_in_background,
)
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages


class StaffInvoicesState(StaffPages, PortalState):
    filter_form = InvoiceFilterForm
    rows: list[InvoiceRowView] = []
    state_filter: str = "all"
    search: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[InvoiceRowView]:
        invoices = await db.run_in_unit_of_work(service.list_staff_invoices, actor,
                                                state=self.state_filter, search=self.search,
                                                page=self.page)
        return presenter.invoice_rows(invoices, self.lang)

    def _take_filter(self, chosen: InvoiceFilterForm) -> None:
        self.state_filter, self.search = chosen.state, chosen.search





class InvoiceRunState(PortalState):
    year: str = ""
    run: RunView = NO_RUN  # the year's latest run: its progress bar
    _watching: bool = False
    rows: list[RunRowView] = []
    to_issue: int = 0
    already: int = 0
    total: str = ""
    error: str = ""
    message: str = ""

    async def _preview(self, actor: Actor) -> None:
        with self._refusal_shown_in("error") as outcome:
            preview = await db.run_in_unit_of_work(issuing.preview_annual_run, actor,
                                                   parse_id(self.year))
        if outcome.refused:
            self.rows, self.to_issue = [], 0
            return
        view = presenter.run_preview(preview, self.lang)
        self.rows, self.to_issue, self.already, self.total = (
            list(view.rows), view.to_issue, view.already, view.total)

    async def _show_latest_run(self, actor: Actor):
        """The year's latest run; while it is unfinished, a background event follows it (also
        after the page was left and opened again)."""
        latest = await db.run_in_unit_of_work(runs.latest, actor, annual_run.KIND, self.year)
        self.run = run_presenter.run_view(latest, self.lang)
        if self.run.active and not self._watching:
            return InvoiceRunState.watch_run

    @requires_staff
    async def load(self, actor: Actor):
        self.year = self.year or str(clock.today().year)
        self.message = ""
        await self._preview(actor)
        return await self._show_latest_run(actor)

    @requires_staff
    async def choose_year(self, actor: Actor, form_data: dict):
        self.year = parse_form(RunYearForm, form_data).year
        self.message = ""
        await self._preview(actor)
        return await self._show_latest_run(actor)

    @requires_staff
    async def issue_all(self, actor: Actor):
        """Start the run as a job; the progress bar follows it."""
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            started = await db.run_in_unit_of_work(annual_run.start_annual_run, actor,
                                                   parse_id(self.year))
        if outcome.refused:
            return
        self.run = run_presenter.run_view(started, self.lang)
        if not self._watching:
            return InvoiceRunState.watch_run

    @rx.event(background=True)
    @requires_staff_in_background
    async def watch_run(self, actor: Actor):
        """Background: the run's progress bar, to its end (the tab's other events go on
        meanwhile); then the preview again."""
        await follow_to_outcome(self, self._preview)


class ManualInvoiceState(PortalState):
    organization_choices: list[Choice] = []
    period_from: str = ""
    period_to: str = ""
    error: str = ""
    form_key: int = 0

    @requires_staff
    async def load(self, actor: Actor):
        self.error = ""
        year = clock.today().year
        self.period_from, self.period_to = f"{year}-01-01", f"{year}-12-31"
        self.organization_choices = list(
            await db.run_in_unit_of_work(service.list_organization_choices, actor))
        self.form_key += 1

    @requires_staff
    async def submit(self, actor: Actor, form_data: dict):
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(ManualInvoiceForm, form_data)
            invoice = await db.run_in_unit_of_work(
                issuing.issue_manual_invoice, actor, form.organization_id, form.line_inputs(),
                form.service_from, form.service_to)
        if outcome.refused:
            return
        wake_sender()
        return rx.redirect(f"/invoices/{invoice.id}")


class FeesState(PortalState):
    rows: list[FeeRowView] = []
    editing: FeeRowView = NEW_FEE
    dialog_open: bool = False
    error: str = ""
    message: str = ""
    form_key: int = 0
    _editing_id: int | None = None

    async def _reload(self, actor: Actor) -> None:
        self.rows = list(presenter.fee_rows(
            await db.run_in_unit_of_work(fees.list_fee_schedule, actor), self.lang))

    async def _changed(self, actor: Actor, work, *args, success_key: str) -> bool:
        with self._refusal_shown_in("error") as outcome:
            await db.run_in_unit_of_work(work, actor, *args)
        if outcome.refused:
            return False
        self.message = self._text(success_key)
        await self._reload(actor)
        return True

    @requires_staff
    async def load(self, actor: Actor):
        self.message = ""
        await self._reload(actor)

    @requires_staff
    async def open_editor(self, actor: Actor, item_id: int):
        wanted = parse_id(item_id)
        row = next((row for row in self.rows if row.id == wanted), None)
        self._editing_id = row.id if row else None
        self.editing = row or NEW_FEE
        self.error = ""
        self.dialog_open = True
        self.form_key += 1

    @requires_staff
    async def close_editor(self, actor: Actor, is_open: bool):
        self.dialog_open = is_open is True

    @requires_staff
    async def save(self, actor: Actor, form_data: dict):
        if await self._changed(actor, fees.save_fee_item, self._editing_id, form_data,
                               success_key=N_("fees.saved")):
            self.dialog_open = False

    @requires_staff
    async def delete(self, actor: Actor, item_id: int):
        await self._changed(actor, fees.delete_fee_item, parse_id(item_id),
                            success_key=N_("fees.deleted"))
