"""Invoice pages for members (their organization's list) and the detail everyone allowed shares;
staff see the payment, reminder and cancellation actions on the same detail page."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.invoices.access import may_view_invoices
from harzportal.invoices.presenter import vat_rate
from harzportal.invoices.state import InvoicesState, InvoiceState
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.state import PortalState, contribute_flag
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute_flag("may_view_invoices",
                lambda session, actor: may_view_invoices(session, actor, actor.organization_id))
contribute(
    NavEntry("/invoices", "nav.invoices", "receipt_euro", position=30, members_only=True,
             requires="may_view_invoices"),
)

STATE_COLORS = (("open", "blue"), ("overdue", "red"), ("paid", "green"),
                ("cancelled", "gray"), ("credit_note", "purple"))


def state_badge(row: rx.Var) -> rx.Component:
    return rx.badge(row.state_label, color_scheme=rx.match(row.state, *STATE_COLORS, "gray"))


def vat_choice(rate_bp: int) -> rx.Var:
    """A VAT rate as an option of a select, in the reader's language (19 % / 19%)."""
    return rx.cond(PortalState.lang == "en", vat_rate(rate_bp, False, "en"),
                   vat_rate(rate_bp, False, "de"))


def invoice_table(rows: rx.Var, with_organization: bool = False) -> rx.Component:
    headers = [t("invoice.number"), *([t("approvals.organization")] if with_organization else []),
               t("invoice.issued"), t("invoice.due"), t("invoice.amount"),
               t("invoice.outstanding"), t("admin.status")]

    def row(invoice: rx.Var) -> rx.Component:
        return ui.table_row(
            rx.link(invoice.number, href=invoice.href),
            *([invoice.organization] if with_organization else []),
            invoice.issued, invoice.due,
            rx.table.cell(invoice.amount, text_align="right"),
            rx.table.cell(invoice.outstanding, text_align="right"),
            rx.vstack(state_badge(invoice),
                      rx.cond(invoice.debit_note != "",
                              rx.flex(rx.icon("landmark", size=12, flex_shrink="0",
                                              margin_top="0.2em"),
                                      rx.text(invoice.debit_note, size="1", color_scheme="gray"),
                                      gap="1", align="start", class_name="debit-note")),
                      spacing="1"))

    return ui.data_table(headers, rows, row, caption=t("invoices.title"))


@portal_page("/invoices", "invoices.title", on_load=[InvoicesState.load])
def invoices_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("invoices.title", PortalState.organization_name),
        ui.error_callout(InvoicesState.error),
        rx.cond(InvoicesState.error == "", rx.vstack(
            ui.card(rx.hstack(rx.icon("wallet", color="var(--accent-10)"),
                              rx.text(t("invoices.outstanding_total"), weight="medium"),
                              rx.spacer(),
                              rx.text(InvoicesState.outstanding, size="5", weight="bold",
                                      id="outstanding-total"),
                              align="center", width="100%")),
            # The organization's SEPA mandate (debits/, a unit above this one: linked, not
            # imported)
            ui.card(rx.flex(rx.icon("landmark", color="var(--accent-10)"),
                            rx.text(t("debit.mandate.teaser"), size="2", flex="1 1 16em"),
                            ui.link_button(t("debit.mandate.open"), "/invoices/mandate",
                                           id="open-mandate"),
                            spacing="3", align="center", wrap="wrap", width="100%")),
            ui.card(rx.cond(InvoicesState.total > 0,
                            rx.vstack(invoice_table(InvoicesState.rows),
                                      ui.pager(InvoicesState, "invoices.count_one",
                                               "invoices.count_other"), width="100%"),
                            rx.text(t("invoices.empty"), color_scheme="gray"))),
            spacing="4", width="100%")),
        spacing="4", width="100%",
    )


def _lines_table() -> rx.Component:
    def row(line: rx.Var) -> rx.Component:
        return rx.table.row(
            rx.table.cell(line.position), rx.table.row_header_cell(line.description),
            rx.table.cell(line.quantity, text_align="right"),
            rx.table.cell(line.unit_price, text_align="right"),
            rx.table.cell(line.vat, text_align="right"),
            rx.table.cell(line.net, text_align="right"))

    return ui.data_table((
            t("invoice.position"), t("invoice.description"), t("invoice.quantity"),
            t("invoice.unit_price"), t("invoice.vat_rate"), t("invoice.line_amount")),
                         InvoiceState.lines, row, size="1", caption=t("invoice.lines_caption"))


def _payments_card() -> rx.Component:
    return ui.card(
        rx.heading(t("invoice.payments"), size="4", as_="h2"),
        rx.cond(InvoiceState.payments.length() > 0,
                rx.vstack(rx.foreach(InvoiceState.payments, lambda p: rx.hstack(
                    rx.text(p.paid_on), rx.text(p.amount, weight="medium"),
                    rx.text(p.reference, color_scheme="gray"), spacing="4", wrap="wrap")),
                    spacing="1"),
                rx.text(t("invoice.no_payments"), color_scheme="gray")),
        rx.cond(InvoiceState.reminders.length() > 0, rx.vstack(
            rx.heading(t("invoice.reminders"), size="3", as_="h3", margin_top="0.5em"),
            rx.foreach(InvoiceState.reminders, lambda r: rx.flex(
                rx.text(r.title, weight="medium", size="2"),
                rx.text(r.sent, " · ", r.open_amount, " · ", r.new_due, " · ", r.recipients,
                        size="2", color_scheme="gray"),
                rx.cond(r.pdf_href != "", rx.button(
                    rx.icon("file_down", size=14), t("invoice.reminder_pdf"), size="1",
                    variant="soft", aria_label=r.title,
                    on_click=rx.download(url=r.pdf_href))),
                rx.cond(r.document_note != "", rx.badge(
                    rx.icon("hourglass", size=12), r.document_note, color_scheme="orange")),
                spacing="3", wrap="wrap", align="center")), spacing="1")),
    )


def _payment_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.vstack(rx.el.label(t("payment.paid_on"), html_for="field-paid_on", size="1"),
                      rx.input(id="field-paid_on", name="paid_on", type="date",
                               default_value=InvoiceState.today, required=True),
                      spacing="1"),
            rx.vstack(rx.el.label(t("invoice.amount"), html_for="field-amount"),
                      rx.input(id="field-amount", name="amount", placeholder="1.200,00",
                               required=True, input_mode="decimal"), spacing="1"),
            rx.vstack(rx.el.label(t("payment.reference"), html_for="field-reference"),
                      rx.input(id="field-reference", name="reference", max_length=200),
                      spacing="1", flex="1 1 12em"),
            rx.button(rx.icon("banknote"), t("payment.record"), type="submit"),
            spacing="3", wrap="wrap", align="end", width="100%"),
        on_submit=InvoiceState.record_payment, key=InvoiceState.payment_key, width="100%")


def _method_choice(value: str, key: str, checked: bool) -> rx.Component:
    return rx.el.label(
        rx.hstack(rx.el.input(type="radio", name="method", value=value, id=f"method-{value}",
                              default_checked=checked),
                  rx.text(t(key), size="2"), spacing="2", align="center"),
        html_for=f"method-{value}")


def _refund_dialog() -> rx.Component:
    """Cancelling a paid invoice: how the amount paid is refunded, then the credit note."""
    invoice = InvoiceState.invoice
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("file_x"), t("refund.cancel_paid"), variant="soft",
                                    color_scheme="red", id="cancel-with-refund")),
        rx.dialog.content(
            rx.dialog.title(t("refund.cancel_paid")),
            rx.dialog.description(t("refund.paid_so_far"), ": ", invoice.paid, ". ",
                                  t("refund.cancel_paid_intro"), size="2"),
            rx.form(rx.vstack(
                rx.el.fieldset(
                    rx.el.legend(t("refund.method_label"), font_weight="500",
                                 font_size="0.9em"),
                    rx.vstack(_method_choice("transfer", N_("refund.method.transfer"), True),
                              _method_choice("set_off", N_("refund.method.set_off"), False),
                              spacing="1", margin_top="0.4em"),
                    border="none", padding="0", margin="0.75em 0 0 0"),
                ui.labelled("refund.amount", "refund_amount", rx.input(
                    id="field-refund_amount", name="refund_amount", input_mode="decimal",
                    default_value=invoice.paid_input, required=True, width="12em")),
                rx.text(t("refund.transfer_hint"), size="1", color_scheme="gray"),
                ui.labelled("refund.account_holder", "account_holder", rx.input(
                    id="field-account_holder", name="account_holder", max_length=70,
                    auto_complete="off", width="100%")),
                ui.labelled("refund.iban", "iban", rx.input(
                    id="field-iban", name="iban", max_length=42, auto_complete="off",
                    placeholder="DE89 3704 0044 0532 0130 00", font_family="monospace",
                    width="100%")),
                ui.error_callout(InvoiceState.action_error),
                rx.hstack(rx.dialog.close(rx.button(t("common.cancel"), variant="soft",
                                                    color_scheme="gray", type="button")),
                          rx.button(rx.icon("file_x"), t("refund.cancel_paid"), type="submit",
                                    color_scheme="red", id="cancel-with-refund-confirm"),
                          justify="end", spacing="3", width="100%", wrap="wrap"),
                spacing="3", width="100%"),
                on_submit=InvoiceState.cancel_with_refund, key=InvoiceState.payment_key,
                width="100%"),
            max_width="30em"),
        open=InvoiceState.refund_dialog_open,
        on_open_change=InvoiceState.open_refund_dialog)


def _staff_actions() -> rx.Component:
    invoice = InvoiceState.invoice
    return ui.card(
        rx.heading(t("invoice.staff_actions"), size="4", as_="h2"),
        rx.cond(invoice.payable, _payment_form()),
        rx.hstack(
            rx.cond(invoice.overdue,
                    rx.button(rx.icon("mail_warning"), t("reminder.send"), variant="soft",
                              color_scheme="orange", on_click=InvoiceState.send_reminder)),
            rx.cond(invoice.needs_refund, _refund_dialog(),
                    ui.danger_button_confirmed("file_x", t("invoice.cancel"),
                                               t("invoice.cancel_confirm"),
                                               InvoiceState.cancel)),
            spacing="3", wrap="wrap"),
        rx.cond(~InvoiceState.refund_dialog_open, ui.error_callout(InvoiceState.action_error)),
    )


def _refund_card() -> rx.Component:
    """How a cancelled paid invoice's payment comes back; staff record it as made."""
    refund = InvoiceState.refund
    made_form = rx.form(
        rx.flex(
            rx.vstack(rx.el.label(t("refund.made_on"), html_for="field-made_on"),
                      rx.input(id="field-made_on", name="made_on", type="date",
                               default_value=InvoiceState.today, required=True), spacing="1"),
            rx.vstack(rx.el.label(t("refund.reference"), html_for="field-refund_reference"),
                      rx.input(id="field-refund_reference", name="reference", max_length=200),
                      spacing="1", flex="1 1 12em"),
            rx.button(rx.icon("check"), t("refund.mark_made"), type="submit",
                      id="mark-refund-made"),
            spacing="3", wrap="wrap", align="end", width="100%"),
        on_submit=InvoiceState.mark_refund_made, key=InvoiceState.payment_key, width="100%")
    return ui.card(
        rx.hstack(rx.heading(t("refund.title"), size="4", as_="h2"),
                  rx.badge(refund.state_label, id="refund-state",
                           color_scheme=rx.cond(refund.pending, "amber", "green")),
                  spacing="3", align="center", wrap="wrap"),
        rx.text(refund.text, id="refund-text", margin_top="0.5em"),
        rx.cond(refund.made_note != "", rx.text(
            refund.made_note, rx.cond(refund.reference != "", " · " + refund.reference, ""),
            size="2", color_scheme="gray", id="refund-made")),
        rx.cond(PortalState.is_staff & refund.pending,
                rx.box(made_form, margin_top="0.75em", width="100%")),
        rx.cond(PortalState.is_staff & ~invoice_cancellable(),
                ui.error_callout(InvoiceState.action_error)),
    )


def invoice_cancellable() -> rx.Var:
    return InvoiceState.invoice.cancellable


@portal_page("/invoices/[invoice_id]", N_("invoice.title"), on_load=[InvoiceState.load])
def invoice_page() -> rx.Component:
    invoice = InvoiceState.invoice
    return ui.object_page(
        InvoiceState,
        ui.back_link(t("invoice.back"),
                     rx.cond(PortalState.is_staff, "/admin/invoices", "/invoices")),
        rx.hstack(
            rx.vstack(rx.heading(invoice.kind, " ", invoice.number, size="7", as_="h1"),
                      state_badge(invoice), spacing="2"),
            rx.spacer(),
            # rx.download fetches our route; a router link would navigate instead.
            rx.cond(invoice.pdf_href != "",
                    rx.button(rx.icon("download"), t("invoice.download_pdf"), size="3",
                              id="download-pdf",
                              on_click=rx.download(url=invoice.pdf_href,
                                                   filename=invoice.number + ".pdf")),
                    rx.badge(rx.icon("hourglass", size=14), invoice.document_note, size="3",
                             color_scheme="amber", id="document-note")),
            rx.cond(invoice.xrechnung_href != "", rx.button(
                rx.icon("file_code"), t("invoice.download_xrechnung"), size="3", variant="soft",
                id="download-xrechnung",
                on_click=rx.download(url=invoice.xrechnung_href,
                                     filename=invoice.number + "-xrechnung.xml"))),
            width="100%", align="start", wrap="wrap"),
        ui.card(
            ui.detail_row("invoice.recipient", invoice.recipient),
            ui.detail_row("invoice.issued", invoice.issued),
            ui.detail_row("invoice.period", invoice.period),
            ui.detail_row("invoice.due", invoice.due),
            rx.cond(invoice.debit_note != "",
                    ui.detail_row("debit.payment", invoice.debit_note)),
            rx.cond(invoice.leitweg_id != "",
                    ui.detail_row("public_buyer.leitweg_id", invoice.leitweg_id)),
            rx.cond(invoice.related_href != "", ui.detail_row(
                "invoice.related", rx.link(invoice.related_number,
                                           href=invoice.related_href))),
            _lines_table(),
            rx.vstack(
                rx.text(t("invoice.net"), ": ", invoice.net),
                rx.text(t("invoice.vat"), ": ", invoice.vat),
                rx.text(t("invoice.gross"), ": ", invoice.amount, weight="bold",
                        size="4"),
                rx.text(t("invoice.outstanding"), ": ", invoice.outstanding,
                        id="invoice-outstanding"),
                align="end", spacing="1", width="100%"),
        ),
        rx.cond(InvoiceState.refund.id != 0, _refund_card()),
        _payments_card(),
        rx.cond(PortalState.is_staff & invoice.cancellable, _staff_actions()),
    )
