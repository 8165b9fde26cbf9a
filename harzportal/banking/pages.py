"""The staff's bank statement page (`/admin/bank`): import, flagged entries, the export."""

from __future__ import annotations

import reflex as rx

from harzportal.banking.routes import DATEV_URL, DEMO_STATEMENT_URL, PLAIN_URL
from harzportal.banking.state import UPLOAD_ID, BankStatementState
from harzportal.core import clock
from harzportal.jobruns.pages import run_card
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(NavEntry("/admin/bank", "nav.bank", "landmark", position=135, staff_only=True))

S = BankStatementState
OUTCOME_COLORS = (("exact", "green"), ("assigned", "green"), ("partial", "amber"),
                  ("over", "amber"), ("returned", "red"), ("return_unmatched", "red"))


def _badge(row: rx.Var) -> rx.Component:
    return rx.badge(row.outcome_label, color_scheme=rx.match(row.outcome, *OUTCOME_COLORS, "gray"))


def _upload() -> rx.Component:
    return rx.vstack(
        rx.heading(t("statement.import_title"), size="4", as_="h2"),
        rx.text(t("statement.import_intro"), size="2", color_scheme="gray"),
        rx.el.label(rx.upload.root(
            rx.hstack(rx.button(rx.icon("upload"), t("statement.choose_file"), type="button",
                                variant="soft"),
                      rx.text(t("statement.upload_hint"), size="1", color_scheme="gray"),
                      spacing="3", align="center", wrap="wrap"),
            id=UPLOAD_ID, max_files=1, multiple=False,
            accept={"application/xml": [".xml"], "text/xml": [".xml"],
                    # MT940: the kind is decided by the content, not by the name
                    "text/plain": [".sta", ".mt940", ".txt"],
                    "application/octet-stream": [".sta", ".mt940"]},
            on_drop=S.upload(rx.upload_files(upload_id=UPLOAD_ID)),
            border="1px dashed var(--gray-7)", padding="0.75em", border_radius="var(--radius-3)",
            width="100%"), width="100%"),
        rx.link(rx.hstack(rx.icon("download", size=14), t("statement.demo_file"), spacing="1",
                          align="center"),
                href=DEMO_STATEMENT_URL, size="2", id="demo-statement"),
        spacing="2", width="100%")


def _preview() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(
            entry.day, entry.counterparty, rx.table.cell(entry.amount, text_align="right"),
            rx.cond(entry.already, rx.badge(t("statement.already"), color_scheme="gray"),
                    _badge(entry)),
            rx.text(entry.invoice_number, white_space="nowrap"),
            rx.vstack(rx.text(entry.note, size="1"),
                                            rx.text(entry.remittance, size="1",
                                                    color_scheme="gray"), spacing="0"))

    return rx.cond(S.planned.length() > 0, rx.vstack(
        rx.heading(t("statement.preview_title"), size="4", as_="h2"),
        rx.text(S.file_name, " · ", S.preview.summary, size="2"),
        rx.text(S.preview.counts, size="2", weight="medium", id="preview-counts"),
        ui.data_table((t("statement.day"), t("statement.counterparty"), t("invoice.amount"),
                       t("statement.outcome"), t("invoice.number"), t("statement.note")),
                      S.planned, row, size="1", caption=t("statement.preview_title")),
        rx.hstack(
            ui.confirm_dialog(
                rx.button(rx.icon("check"), t("statement.book"), size="3", id="book-statement",
                          disabled=S.preview.to_book == 0),
                t("statement.book"), [t("statement.book_confirm"), " ", S.preview.counts],
                t("statement.book"), S.book, color="teal", confirm_id="book-confirm"),
            rx.button(t("statement.discard"), variant="soft", color_scheme="gray",
                      on_click=S.discard, type="button"),
            spacing="3", wrap="wrap"),
        spacing="3", width="100%", id="statement-preview"))


def _assign_form(entry: rx.Var) -> rx.Component:
    return rx.form(rx.hstack(
        rx.el.input(type="hidden", name="entry_id", value=entry.id),
        rx.el.select(
            rx.el.option(t("bank_entry.choose_invoice"), value=""),
            rx.foreach(S.invoice_choices, lambda o: rx.el.option(o.name, value=o.id)),
            name="invoice_id", aria_label=t("bank_entry.choose_invoice"),
            style=ui.SELECT_STYLE | {"maxWidth": "22em"}),
        rx.button(t("bank_entry.assign"), size="1", type="submit"),
        spacing="2", align="center", wrap="wrap"), on_submit=S.assign, reset_on_submit=True)


def _flagged() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(
            entry.day, entry.counterparty, rx.table.cell(entry.amount, text_align="right"),
            _badge(entry),
            rx.cond(entry.invoice_href != "", rx.link(entry.invoice_number, href=entry.invoice_href,
                                                      white_space="nowrap"), rx.text("–")),
            rx.vstack(rx.text(entry.note, size="1"),
                      rx.text(entry.remittance, size="1", color_scheme="gray"),
                      rx.cond(entry.assignable, _assign_form(entry)), spacing="1"),
            rx.button(t("bank_entry.mark_reviewed"), size="1", variant="soft", type="button",
                      on_click=S.mark_reviewed(entry.id)))

    return rx.vstack(
        rx.heading(t("bank_entry.flagged_title"), size="4", as_="h2"),
        rx.cond(S.entries.length() > 0,
                ui.data_table((t("statement.day"), t("statement.counterparty"),
                               t("invoice.amount"), t("statement.outcome"), t("invoice.number"),
                               t("statement.note"), t("admin.actions")),
                              S.entries, row, size="1",
                              caption=t("bank_entry.flagged_title")),
                rx.text(t("bank_entry.none_flagged"), color_scheme="gray", size="2")),
        spacing="3", width="100%", id="flagged-entries")


def _export() -> rx.Component:
    year = clock.today().year
    return rx.vstack(
        rx.heading(t("export.title"), size="4", as_="h2"),
        rx.text(t("export.intro"), size="2", color_scheme="gray"),
        rx.el.form(
            rx.hstack(
                ui.labelled("export.from", "from", rx.input(
                    id="field-from", name="from", type="date",
                    default_value=f"{year - 1}-01-01", required=True)),
                ui.labelled("export.to", "to", rx.input(
                    id="field-to", name="to", type="date",
                    default_value=f"{year - 1}-12-31", required=True)),
                spacing="3", wrap="wrap", align="end"),
            rx.hstack(
                rx.button(rx.icon("download"), t("export.datev"), type="submit",
                          form_action=DATEV_URL, id="export-datev"),
                rx.button(rx.icon("sheet"), t("export.plain"), type="submit", variant="soft",
                          form_action=PLAIN_URL, id="export-plain"),
                spacing="3", wrap="wrap", margin_top="0.75em"),
            method="get", action=DATEV_URL),
        spacing="2", width="100%")


@portal_page("/admin/bank", "statement.title", on_load=[S.load])
def bank_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("statement.title", t("statement.intro")),
        ui.outcome_callouts(S),
        run_card(S.run),
        ui.card(_upload(), _preview()),
        ui.card(_flagged()),
        ui.card(_export()),
        spacing="4", width="100%")
