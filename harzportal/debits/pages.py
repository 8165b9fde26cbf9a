"""SEPA debit pages: the member's mandate (below the invoices, for those who see invoices) and
the staff's collection runs."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.debits.state import DebitRunsState, MandateState
from harzportal.jobruns.pages import run_card
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/admin/debits", "nav.admin_debits", "landmark", position=135, staff_only=True),
)


def _fact(label_key: str, value: rx.Var) -> rx.Component:
    """A label and its value: side by side from the small breakpoint, stacked on a phone (the
    long German labels and the IBAN-like values would break mid-word in two columns)."""
    return rx.flex(
        rx.text(t(label_key), color_scheme="gray", width=rx.breakpoints(initial="auto",
                                                                        sm="11em"),
                flex_shrink="0", size=rx.breakpoints(initial="1", sm="3")),
        rx.text(value, font_weight="500", overflow_wrap="anywhere", min_width="0"),
        direction=rx.breakpoints(initial="column", sm="row"), gap=rx.breakpoints(
            initial="0", sm="3"), width="100%")


def _mandate_facts(mandate: rx.Var) -> rx.Component:
    return rx.vstack(
        _fact(N_("debit.reference"), mandate.reference),
        _fact(N_("debit.scheme"), mandate.scheme_label),
        _fact(N_("debit.account_holder"), mandate.account_holder),
        _fact(N_("debit.iban"), mandate.iban),
        rx.cond(mandate.bank != "", _fact(N_("debit.bic"), mandate.bank)),
        _fact(N_("debit.granted"), mandate.granted),
        rx.cond(mandate.revoked != "", _fact(N_("debit.revoked_on"), mandate.revoked)),
        spacing="2", width="100%")


def _active_mandate() -> rx.Component:
    mandate = MandateState.mandate
    return ui.card(
        rx.hstack(rx.heading(t("debit.mandate.active"), size="4", as_="h2"),
                  rx.badge(mandate.scheme, color_scheme="teal"), align="center", wrap="wrap"),
        _mandate_facts(mandate),
        _fact(N_("debit.creditor_id"), MandateState.creditor_id),
        rx.text(t("debit.mandate.effect"), size="2", color_scheme="gray"),
        rx.flex(
            rx.button(rx.icon("file_down"), t("debit.mandate.download"), id="download-mandate",
                      on_click=rx.download(url=mandate.pdf_href)),
            ui.danger_button_confirmed("ban", t("debit.mandate.revoke"),
                                       t("debit.mandate.revoke_confirm"), MandateState.revoke,
                                       button_id="revoke-mandate"),
            spacing="3", wrap="wrap"),
    )


def _mandate_text() -> rx.Component:
    return rx.foreach(MandateState.texts, lambda text: rx.cond(
        text.scheme == MandateState.scheme_choice,
        rx.box(rx.heading(text.title, size="3", as_="h3"),
               rx.foreach(text.paragraphs, lambda paragraph: rx.text(paragraph, size="2")),
               id="mandate-text", padding="0.75em", border_radius="var(--radius-3)",
               background="var(--gray-a2)", width="100%")))


def _grant_form() -> rx.Component:
    return ui.card(
        rx.heading(t("debit.mandate.grant_title"), size="4", as_="h2"),
        rx.text(t("debit.mandate.grant_intro"), size="2"),
        _fact(N_("debit.creditor"), MandateState.creditor_name),
        _fact(N_("debit.creditor_id"), MandateState.creditor_id),
        ui.keyed_form(
            MandateState, MandateState.grant,
            ui.field("debit.account_holder", "account_holder", max_length=70,
                     default_value=MandateState.organization_name),
            ui.field("debit.iban", "iban", autocomplete="off", max_length=42,
                     placeholder="DE.. .... .... .... .... ..", spell_check=False),
            ui.labelled("debit.scheme", "scheme", rx.radio_group.root(
                rx.flex(
                    rx.el.label(rx.hstack(rx.radio_group.item(value="CORE"),
                                          rx.text(t("debit.scheme.core"), size="2"),
                                          spacing="2", align="center")),
                    rx.el.label(rx.hstack(rx.radio_group.item(value="B2B"),
                                          rx.text(t("debit.scheme.b2b"), size="2"),
                                          spacing="2", align="center")),
                    spacing="4", wrap="wrap"),
                name="scheme", value=MandateState.scheme_choice,
                on_change=MandateState.choose_scheme, id="field-scheme")),
            rx.text(t("debit.scheme_hint"), size="1", color_scheme="gray"),
            _mandate_text(),
            rx.el.label(rx.hstack(rx.checkbox(name="accepted", id="field-accepted"),
                                  rx.text(t("debit.mandate.accept"), size="2"),
                                  spacing="2", align="start")),
            ui.error_callout(MandateState.form_error),
            rx.button(rx.icon("landmark"), t("debit.mandate.grant"), type="submit", size="3",
                      id="grant-mandate")),
    )


def _earlier() -> rx.Component:
    return rx.cond(MandateState.earlier.length() > 0, ui.card(
        rx.heading(t("debit.mandate.earlier"), size="4", as_="h2"),
        rx.foreach(MandateState.earlier, lambda m: rx.flex(
            rx.text(m.reference, weight="medium", size="2"),
            rx.text(m.scheme, " · ", m.iban, " · ", t("debit.revoked_on"), " ", m.revoked,
                    size="2", color_scheme="gray"),
            rx.button(rx.icon("file_down", size=14), t("debit.mandate.download"), size="1",
                      variant="soft", aria_label=m.reference,
                      on_click=rx.download(url=m.pdf_href)),
            spacing="3", wrap="wrap", align="center"))))


@portal_page("/invoices/mandate", N_("debit.mandate.title"), on_load=[MandateState.load])
def mandate_page() -> rx.Component:
    return rx.vstack(
        ui.back_link(t("debit.back_to_invoices"), "/invoices"),
        ui.page_title("debit.mandate.title", MandateState.organization_name),
        ui.outcome_callouts(MandateState),
        rx.cond(MandateState.loaded, rx.vstack(
            rx.cond(MandateState.has_mandate, _active_mandate(), _grant_form()),
            _earlier(), spacing="4", width="100%")),
        spacing="4", width="100%")


# Staff: collection runs -----------------------------------------------------------------------

def _groups_table() -> rx.Component:
    return ui.data_table(
        (t("debit.scheme"), t("debit.collection_date"), t("debit.sequence_type"),
         t("debit.count"), t("invoice.amount")),
        DebitRunsState.groups,
        lambda g: ui.table_row(g.scheme, g.collection_date, g.sequence_type,
                               rx.table.cell(g.count, text_align="right"),
                               rx.table.cell(g.total, text_align="right")), size="1",
        caption=t("debit.groups_caption"))


def _debits_table() -> rx.Component:
    return ui.data_table(
        (t("invoice.number"), t("debit.account_holder"), t("debit.reference"), t("debit.iban"),
         t("debit.scheme"), t("debit.sequence_type"), t("debit.collection_date"),
         t("invoice.amount")),
        DebitRunsState.debits,
        lambda d: ui.table_row(rx.link(d.invoice_number, href=d.invoice_href), d.debtor,
                               d.mandate_reference, d.iban, d.scheme, d.sequence_type,
                               d.collection_date, rx.table.cell(d.amount, text_align="right")),
        size="1", caption=t("debit.due_title"))


CREATE_KEYS = {"CORE": N_("debit.run.create_core"), "B2B": N_("debit.run.create_b2b")}


def _create_button(scheme: str, total: rx.Var) -> rx.Component:
    return rx.cond(total != "", rx.form(
        rx.el.input(type="hidden", name="scheme", value=scheme),
        rx.button(rx.icon("file_plus"), t(CREATE_KEYS[scheme]), " (", total,
                  ")", type="submit", id="create-run-" + scheme.lower()),
        on_submit=DebitRunsState.create_run))


def _runs_table() -> rx.Component:
    def row(run: rx.Var) -> rx.Component:
        return ui.table_row(
            run.created, run.scheme, rx.table.cell(run.item_count, text_align="right"),
            rx.table.cell(run.total, text_align="right"),
            rx.vstack(rx.badge(run.status_label, color_scheme=rx.match(
                run.status, ("submitted", "green"), "blue")),
                rx.cond(run.submitted != "", rx.text(run.submitted, size="1")), spacing="1"),
            rx.flex(
                rx.button(rx.icon("file_down", size=14), t("debit.run.download"), size="1",
                          variant="soft", on_click=rx.download(url=run.file_href),
                          class_name="download-run"),
                rx.cond(run.submittable, rx.button(
                    rx.icon("send", size=14), t("debit.run.submit"), size="1",
                    on_click=DebitRunsState.submit_run(run.id), class_name="submit-run")),
                spacing="2", wrap="wrap"))

    return ui.data_table((t("debit.run.created_on"), t("debit.scheme"), t("debit.count"),
                          t("invoice.amount"), t("admin.status"), t("debit.run.actions")),
                         DebitRunsState.runs, row, size="1", caption=t("debit.runs.list"))


@portal_page("/admin/debits", N_("debit.runs.title"), on_load=[DebitRunsState.load])
def debit_runs_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("debit.runs.title", t("debit.runs.intro")),
        ui.outcome_callouts(DebitRunsState),
        run_card(DebitRunsState.run),
        rx.cond(DebitRunsState.loaded, rx.vstack(
            ui.card(
                rx.form(rx.flex(
                    rx.vstack(rx.el.label(t("debit.until"), html_for="field-until",
                                          font_weight="500", font_size="0.9em"),
                              rx.input(id="field-until", name="until", type="date",
                                       default_value=DebitRunsState.until,
                                       key=DebitRunsState.until), spacing="1"),
                    rx.button(rx.icon("filter"), t("debit.show"), type="submit",
                              variant="soft"),
                    spacing="3", align="end", wrap="wrap"), on_submit=DebitRunsState.apply_until),
                rx.heading(t("debit.due_title"), size="4", as_="h2"),
                rx.cond(DebitRunsState.debits.length() > 0, rx.vstack(
                    _groups_table(), _debits_table(),
                    rx.flex(_create_button("CORE", DebitRunsState.total_core),
                            _create_button("B2B", DebitRunsState.total_b2b),
                            spacing="3", wrap="wrap"),
                    spacing="3", width="100%"),
                    rx.text(t("debit.nothing_due"), color_scheme="gray", id="nothing-due")),
            ),
            ui.card(rx.heading(t("debit.runs.list"), size="4", as_="h2"),
                    rx.cond(DebitRunsState.runs.length() > 0, _runs_table(),
                            rx.text(t("debit.runs.none"), color_scheme="gray"))),
            spacing="4", width="100%")),
        spacing="4", width="100%")
