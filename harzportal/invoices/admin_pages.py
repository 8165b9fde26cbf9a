"""Staff pages: all invoices, the payment reminder proposals, the annual invoice run, a manual invoice, the fee schedule."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.invoices.admin_state import (
    FeesState,
    InvoiceRunState,
    ManualInvoiceState,
    StaffInvoicesState,
)
from harzportal.invoices.forms import MANUAL_LINES
from harzportal.invoices.pages import invoice_table, vat_choice
from harzportal.invoices.proposal_state import ReminderProposalsState
from harzportal.invoices.proposals import PAGE_PATH as PROPOSALS_PATH
from harzportal.invoices.routes import EXPORT_URL
from harzportal.jobruns.pages import run_card
from harzportal.organizations.labels import KIND_LABELS
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

FILTER_LABELS = {"all": N_("invoices.filter.all"), "open": N_("invoices.filter.open"),
                 "overdue": N_("invoices.filter.overdue"), "paid": N_("invoices.filter.paid"),
                 "cancelled": N_("invoices.filter.cancelled")}  # the order of the select

contribute(
    NavEntry("/admin/invoices", "nav.admin_invoices", "receipt_euro",
             position=130, staff_only=True),
    NavEntry("/admin/fees", "nav.fees", "scale",
             position=140, staff_only=True),
)


@portal_page("/admin/invoices", "invoices.staff_title", on_load=[StaffInvoicesState.load])
def staff_invoices_page() -> rx.Component:
    return rx.vstack(
        ui.page_header(ui.page_title("invoices.staff_title"), rx.hstack(
            ui.link_button(t("invoice_run.title"), "/admin/invoices/run", icon="calendar_check"),
            ui.link_button(t("reminder_proposal.title"), PROPOSALS_PATH, icon="bell_ring",
                           variant="soft", id="reminder-proposals"),
            ui.link_button(t("invoice.new"), "/admin/invoices/new",
                           icon="file_plus", variant="soft"),
            rx.button(rx.icon("file_spreadsheet"), t("invoices.export_csv"), variant="soft",
                      id="export-csv", on_click=rx.download(url=EXPORT_URL)),
            spacing="2", wrap="wrap")),
        ui.card(
            rx.form(rx.flex(
                rx.input(name="search", placeholder=t("invoices.search_placeholder"),
                         default_value=StaffInvoicesState.search, flex="2 1 14em",
                         aria_label=t("common.search")),
                rx.box(ui.native_select("state", [(state, t(key))
                                                  for state, key in FILTER_LABELS.items()],
                                        value=StaffInvoicesState.state_filter,
                                        aria_label=t("admin.status")), flex="1 1 10em"),
                rx.button(rx.icon("search"), t("common.search"), type="submit"),
                spacing="3", wrap="wrap", width="100%", align="center"),
                on_submit=StaffInvoicesState.apply_filter, width="100%"),
            invoice_table(StaffInvoicesState.rows, with_organization=True),
            ui.pager(StaffInvoicesState, "invoices.count_one", "invoices.count_other"),
        ),
        spacing="4", width="100%",
    )


@portal_page(PROPOSALS_PATH, "reminder_proposal.title",
             on_load=[ReminderProposalsState.load])
def reminder_proposals_page() -> rx.Component:
    def row(proposal: rx.Var) -> rx.Component:
        return ui.table_row(
            rx.link(proposal.number, href=proposal.href), proposal.organization,
            rx.table.cell(proposal.open_amount, text_align="right"), proposal.days_overdue,
            rx.badge(proposal.level_name, color_scheme="orange"),
            rx.button(rx.icon("send", size=14), t("reminder_proposal.send"), size="1",
                      variant="soft", id="send-proposal-" + proposal.number,
                      aria_label=t("reminder_proposal.send") + ": " + proposal.number,
                      on_click=ReminderProposalsState.send(proposal.invoice_id,
                                                           proposal.level)))

    return rx.vstack(
        ui.back_link(t("invoices.staff_title"), "/admin/invoices"),
        ui.page_header(
            ui.page_title("reminder_proposal.title", t("reminder_proposal.intro")),
            ui.confirm_dialog(
                rx.button(rx.icon("send"), t("reminder_proposal.send_page"),
                          disabled=ReminderProposalsState.rows.length() == 0,
                          id="send-page"),
                t("reminder_proposal.send_page"), [t("reminder_proposal.confirm_page")],
                t("reminder_proposal.send_page"), ReminderProposalsState.send_page,
                color="orange", confirm_id="send-page-confirm")),
        ui.outcome_callouts(ReminderProposalsState),
        ui.card(
            rx.cond(ReminderProposalsState.total == 0,
                    rx.text(t("reminder_proposal.none"), color_scheme="gray",
                            id="no-proposals"),
                    ui.data_table((
                        t("invoice.number"), t("approvals.organization"),
                        t("invoice.outstanding"), t("reminder_proposal.days_overdue"),
                        t("reminder_proposal.level"), t("admin.actions")),
                        ReminderProposalsState.rows, row, size="1",
                        caption=t("reminder_proposal.title"))),
            ui.pager(ReminderProposalsState, "invoices.count_one", "invoices.count_other"),
        ),
        spacing="4", width="100%",
    )


def _run_table() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(
            entry.organization, entry.kind, entry.band,
            rx.table.cell(entry.amount, text_align="right"),
            rx.badge(entry.state_label, color_scheme=rx.match(
                entry.state, ("to_issue", "blue"), ("invoiced", "green"), "orange")),
            rx.cond(entry.by_debit, rx.badge(rx.icon("landmark", size=12), entry.payment,
                                             color_scheme="teal", variant="soft"),
                    rx.text(entry.payment, size="2", color_scheme="gray")))

    return ui.data_table((
            t("approvals.organization"), t("profile.field.kind"), t("invoice_run.band"),
            t("invoice.amount"), t("admin.status"), t("debit.payment")),
        InvoiceRunState.rows, row, size="1", caption=t("invoice_run.title"))


@portal_page("/admin/invoices/run", N_("invoice_run.title"), on_load=[InvoiceRunState.load])
def invoice_run_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("invoice_run.title", t("invoice_run.intro")),
        ui.card(
            rx.form(rx.hstack(
                ui.labelled("invoice_run.year", "year", rx.input(
                    id="field-year", name="year", default_value=InvoiceRunState.year,
                    input_mode="numeric", max_length=4, width="8em")),
                rx.button(rx.icon("eye"), t("invoice_run.preview"), type="submit"),
                align="end", spacing="3"), on_submit=InvoiceRunState.choose_year),
            ui.outcome_callouts(InvoiceRunState),
            rx.hstack(
                rx.text(t("invoice_run.summary_to_issue"), ": ", InvoiceRunState.to_issue,
                        " · ", InvoiceRunState.total, weight="medium"),
                rx.text(t("invoice_run.summary_already"), ": ", InvoiceRunState.already,
                        color_scheme="gray"),
                spacing="4", wrap="wrap"),
            ui.confirm_dialog(
                rx.button(rx.icon("send"), t("invoice_run.issue_all"), size="3",
                          disabled=(InvoiceRunState.to_issue == 0) | InvoiceRunState.run.active,
                          id="issue-all"),
                t("invoice_run.issue_all"),
                [t("invoice_run.confirm"), " ", InvoiceRunState.to_issue, " · ",
                 InvoiceRunState.total],
                t("invoice_run.issue_all"), InvoiceRunState.issue_all, color="teal",
                confirm_id="issue-all-confirm"),
            run_card(InvoiceRunState.run, variant="surface"),
            _run_table(),
        ),
        spacing="4", width="100%",
    )


def _manual_line(number: int) -> rx.Component:
    return rx.grid(
        rx.input(name=f"description_{number}", placeholder=t("invoice.description"),
                 aria_label=f"{number}. " + t("invoice.description"), max_length=300),
        rx.input(name=f"quantity_{number}", placeholder=t("invoice.quantity"),
                 aria_label=f"{number}. " + t("invoice.quantity"), input_mode="decimal"),
        rx.input(name=f"price_{number}", placeholder=t("invoice.unit_price"),
                 aria_label=f"{number}. " + t("invoice.unit_price"), input_mode="decimal"),
        ui.native_select(f"vat_{number}", [("1900", vat_choice(1900)), ("700", vat_choice(700)),
                                           ("exempt", t("invoice.vat_zero")),
                                           ("not_taxable", t("fees.not_taxable"))],
                         id=f"field-vat_{number}",
                         aria_label=f"{number}. " + t("invoice.vat_rate")),
        columns=rx.breakpoints(initial="1", md="4"), spacing="2", width="100%",
    )


def _exemption_note_input() -> rx.Component:
    return rx.input(id="field-exemption_note", name="exemption_note", max_length=300,
                    placeholder=t("invoice.exemption_note_hint"))


@portal_page("/admin/invoices/new", "invoice.new", on_load=[ManualInvoiceState.load])
def manual_invoice_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("invoice.new"),
        ui.card(rx.form(rx.vstack(
            ui.labelled("approvals.organization", "organization_id", rx.el.select(
                rx.foreach(ManualInvoiceState.organization_choices,
                           lambda o: rx.el.option(o.name, value=o.id)),
                id="field-organization_id", name="organization_id",
                style=ui.SELECT_STYLE)),
            rx.grid(
                ui.labelled("invoice.service_from", "service_from", rx.input(
                    id="field-service_from", name="service_from", type="date",
                    default_value=ManualInvoiceState.period_from, required=True)),
                ui.labelled("invoice.service_to", "service_to", rx.input(
                    id="field-service_to", name="service_to", type="date",
                    default_value=ManualInvoiceState.period_to, required=True)),
                columns="2", spacing="3", width="100%"),
            rx.text(t("invoice.lines_hint"), size="2", color_scheme="gray"),
            *[_manual_line(number) for number in range(1, MANUAL_LINES + 1)],
            ui.labelled("invoice.exemption_note", "exemption_note", _exemption_note_input()),
            ui.error_callout(ManualInvoiceState.error),
            rx.hstack(rx.button(rx.icon("send"), t("invoice.issue"), type="submit", size="3"),
                      justify="end", width="100%"),
            spacing="3", width="100%"),
            on_submit=ManualInvoiceState.submit, key=ManualInvoiceState.form_key, width="100%")),
        spacing="4", width="100%",
    )


def _fee_editor() -> rx.Component:
    editing = FeesState.editing
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("fees.edit_title")),
            rx.form(rx.vstack(
                ui.labelled("profile.field.kind", "kind", ui.native_select(
                    "kind", [(kind.value, t(key)) for kind, key in KIND_LABELS.items()],
                    value=editing.kind_value)),
                rx.grid(
                    ui.labelled("fees.min_employees", "min_employees", rx.input(
                        id="field-min_employees", name="min_employees", input_mode="numeric",
                        default_value=editing.min_employees)),
                    ui.labelled("fees.max_employees", "max_employees", rx.input(
                        id="field-max_employees", name="max_employees", input_mode="numeric",
                        default_value=editing.max_employees)),
                    columns="2", spacing="3", width="100%"),
                ui.labelled("fees.fee", "fee", rx.input(id="field-fee", name="fee",
                                                      default_value=editing.fee_input,
                                                      input_mode="decimal")),
                ui.labelled("invoice.vat_rate", "vat_rate", ui.native_select(
                    "vat_rate", [("exempt", t("fees.exempt")),
                                 ("not_taxable", t("fees.not_taxable")),
                                 ("1900", vat_choice(1900)),
                                 ("700", vat_choice(700))], value=editing.vat_rate)),
                ui.labelled("fees.exemption_note", "exemption_note", rx.text_area(
                    id="field-exemption_note", name="exemption_note", max_length=300,
                    default_value=editing.exemption_note, width="100%")),
                ui.error_callout(FeesState.error),
                rx.hstack(rx.dialog.close(rx.button(t("common.cancel"), variant="soft",
                                                    color_scheme="gray", type="button")),
                          rx.button(t("fees.save"), type="submit"),
                          justify="end", spacing="3", width="100%"),
                spacing="3", width="100%"),
                on_submit=FeesState.save, key=FeesState.form_key),
        ),
        open=FeesState.dialog_open,
        on_open_change=FeesState.close_editor,
    )


@portal_page("/admin/fees", "fees.title", on_load=[FeesState.load])
def fees_page() -> rx.Component:
    def row(item: rx.Var) -> rx.Component:
        return ui.table_row(
            item.kind, item.band, rx.table.cell(item.fee, text_align="right"), item.vat,
            rx.text(item.exemption_note, size="1"),
            rx.hstack(
                rx.icon_button(rx.icon("pencil", size=14), size="1", variant="soft",
                               aria_label=t("fees.edit_title"),
                               on_click=FeesState.open_editor(item.id)),
                rx.icon_button(rx.icon("trash_2", size=14), size="1", variant="soft",
                               color_scheme="red", aria_label=t("fees.delete"),
                               on_click=FeesState.delete(item.id)),
                spacing="2"))

    return rx.vstack(
        ui.page_header(ui.page_title("fees.title", t("fees.intro")),
                       rx.button(rx.icon("plus"), t("fees.add"),
                                 on_click=FeesState.open_editor(0))),
        ui.message_callout(FeesState.message),
        ui.card(ui.data_table((
                t("profile.field.kind"), t("invoice_run.band"), t("fees.fee"),
                t("invoice.vat_rate"), t("fees.exemption_note"), t("admin.actions")),
                              FeesState.rows, row, size="1", caption=t("fees.title"))),
        _fee_editor(),
        spacing="4", width="100%",
    )
