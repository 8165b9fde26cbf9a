"""Pages of the circulars: staff compose, preview and send them and follow the deliveries;
members read theirs under "Mitteilungen" and choose their categories on Mein Konto."""

from __future__ import annotations

import reflex as rx

from harzportal.circulars.labels import CATEGORY_LABELS
from harzportal.circulars.state import (
    CircularChoicesState,
    MyCircularsState,
    MyCircularState,
    NewCircularState,
    StaffCircularsState,
    StaffCircularState,
)
from harzportal.core.i18n import N_
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/circulars", "nav.circulars", "mail", position=65, members_only=True),
    NavEntry("/admin/circulars", "nav.admin_circulars", "mails", position=165, staff_only=True),
)

LANGUAGES = (("de", N_("circular.in_de")), ("en", N_("circular.in_en")))
PREVIEWS = (("de", N_("circular.preview_de")), ("en", N_("circular.preview_en")))
LONG_WORDS = {"hyphens": "auto", "overflow_wrap": "anywhere"}  # "Mitgliederversammlung" at 375 px
PREVIEW_STYLE = {"border": "1px solid var(--gray-6)", "border_radius": "var(--radius-3)",
                 "padding": "1em", "width": "100%", "overflow_wrap": "anywhere",
                 "background": "var(--color-background)",
                 # the mail's own few tags, spaced as a mail program shows them
                 "& p": {"margin": "0 0 0.75em"}, "& ul": {"margin": "0 0 0.75em",
                                                          "padding_left": "1.5em",
                                                          "list_style": "disc"},
                 "& a": {"color": "var(--accent-11)", "text_decoration": "underline"}}


# Staff ---------------------------------------------------------------------------------------

@portal_page("/admin/circulars", "circular.staff_title", on_load=[StaffCircularsState.load])
def staff_circulars_page() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(rx.link(entry.subject, href=entry.href), entry.category,
                            entry.status_label, entry.sent, entry.recipients)

    return ui.paged_table_page(
        ui.page_title("circular.staff_title"),
        ui.link_button(t("circular.new"), "/admin/circulars/new", icon="mail_plus"),
        (t("circular.subject"), t("circular.category"), t("circular.status"),
         t("circular.sent_at"), t("circular.recipients")),
        StaffCircularsState, row, "circular.count_one", "circular.count_other",
        caption=t("circular.staff_title"))


def _checkboxes(legend_key: str, options: rx.Var, *, scroll: bool = False) -> rx.Component:
    boxes = rx.flex(rx.foreach(options, lambda option: rx.el.label(rx.hstack(
        rx.checkbox(name=option.name, default_checked=option.checked, aria_label=option.label),
        rx.text(option.label, size="2"), spacing="1", align="center"))),
        spacing="3", wrap="wrap")
    body = rx.box(boxes, max_height="12em", overflow_y="auto", width="100%",
                  padding="0.5em", border="1px solid var(--gray-5)",
                  border_radius="var(--radius-2)") if scroll else boxes
    return rx.el.fieldset(
        rx.el.legend(t(legend_key), font_weight="500", font_size="0.9em"), body,
        border="none", padding="0", margin="0", width="100%")


def _compose_form(state, on_submit, circular=None) -> rx.Component:
    def text_of(name: str):
        return getattr(circular, name) if circular is not None else ""

    category = ui.labelled("circular.category", "category", ui.native_select(
        "category", [(member.value, t(key)) for member, key in CATEGORY_LABELS.items()],
        value=circular.category if circular is not None else "news"))
    languages = rx.grid(*[rx.vstack(
        rx.heading(t(heading), size="3", as_="h3"),
        ui.field("circular.subject", f"subject_{code}", max_length=200,
                 default_value=text_of(f"subject_{code}")),
        ui.labelled("circular.body", f"body_{code}", rx.text_area(
            id=f"field-body_{code}", name=f"body_{code}", rows="10", width="100%",
            max_length=20000, default_value=text_of(f"body_{code}"))),
        spacing="2", width="100%") for code, heading in LANGUAGES],
        columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%")
    return ui.keyed_form(
        state, on_submit,
        category,
        rx.text(t("circular.category_hint"), size="2", color_scheme="gray"),
        languages,
        rx.text(t("circular.markup_hint"), size="2", color_scheme="gray"),
        rx.heading(t("circular.audience"), size="4", as_="h2"),
        rx.text(t("circular.audience_hint"), size="2", color_scheme="gray"),
        _checkboxes(N_("circular.kinds"), state.kinds),
        _checkboxes(N_("circular.states"), state.states),
        _checkboxes(N_("circular.functions"), state.functions),
        _checkboxes(N_("circular.roles"), state.roles),
        _checkboxes(N_("circular.organizations"), state.organizations, scroll=True),
        rx.heading(t("circular.documents"), size="4", as_="h2"),
        rx.text(t("circular.documents_hint"), size="2", color_scheme="gray"),
        _checkboxes(N_("circular.documents"), state.documents, scroll=True),
        ui.error_callout(state.error),
        rx.hstack(rx.button(rx.icon("save"), t("circular.save"), type="submit", size="3",
                            id="save-circular"), justify="end", width="100%"),
    )


@portal_page("/admin/circulars/new", "circular.new", on_load=[NewCircularState.load])
def new_circular_page() -> rx.Component:
    return rx.vstack(
        ui.back_link(t("circular.staff_title"), "/admin/circulars"),
        ui.page_title("circular.new"),
        ui.card(rx.heading(t("circular.compose"), size="4", as_="h2"),
                _compose_form(NewCircularState, NewCircularState.save)),
        spacing="4", width="100%")


def _previews(circular: rx.Var) -> rx.Component:
    return rx.grid(*[rx.vstack(
        rx.heading(t(heading), size="3", as_="h3"),
        rx.box(rx.text(getattr(circular, f"subject_{code}"), font_weight="600"),
               rx.box(rx.html(getattr(circular, f"preview_{code}")), style=PREVIEW_STYLE,
                      id=f"preview-{code}"), lang=code, width="100%"),
        spacing="2", width="100%") for code, heading in PREVIEWS],
        columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%")


def _recipient_table(state) -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(entry.name, entry.email, entry.organization, entry.language,
                            rx.cond(entry.status == "failed",
                                    rx.badge(entry.status_label, color_scheme="red"),
                                    entry.status_label),
                            entry.resent)

    return rx.vstack(
        ui.data_table((t("circular.person"), t("account.email"), t("circular.organization"),
                       t("circular.language"), t("circular.delivery"), t("circular.resent")),
                      state.rows, row, caption=t("circular.recipients")),
        ui.pager(state, "circular.recipient_count_one", "circular.recipient_count_other"),
        spacing="3", width="100%")


def _send_card(state) -> rx.Component:
    return ui.card(
        rx.heading(t("circular.recipients"), size="4", as_="h2"),
        rx.text(t("circular.recipients_hint"), size="2", color_scheme="gray"),
        _recipient_table(state),
        rx.hstack(ui.confirm_dialog(
            rx.button(rx.icon("send"), t("circular.send"), size="3", id="send-circular",
                      disabled=state.total == 0),
            t("circular.send"), [t("circular.send_question"), " ", state.total],
            t("circular.send"), state.send, color="teal", confirm_id="confirm-send"),
            justify="end", width="100%"))


def _deliveries_card(state) -> rx.Component:
    return ui.card(
        rx.heading(t("circular.deliveries"), size="4", as_="h2"),
        rx.flex(rx.foreach(state.counts, lambda count: rx.badge(
            count.label, ": ", count.count, size="2",
            color_scheme=rx.cond(count.status == "failed", "red", "gray"))),
            spacing="2", wrap="wrap"),
        _recipient_table(state),
        rx.hstack(rx.button(rx.icon("refresh_cw"), t("circular.resend"), variant="soft",
                            on_click=state.resend, id="resend-failed"),
                  justify="end", width="100%"))


@portal_page("/admin/circulars/[circular_id]", "circular.staff_title",
             on_load=[StaffCircularState.load])
def staff_circular_page() -> rx.Component:
    state = StaffCircularState
    circular = state.circular
    return ui.object_page(
        state, ui.back_link(t("circular.staff_title"), "/admin/circulars"),
        rx.heading(circular.subject_de, size="7", as_="h1", style=LONG_WORDS),
        rx.hstack(rx.badge(circular.category_label), rx.cond(
            circular.is_draft, rx.badge(t("circular.status.draft"), color_scheme="amber"),
            rx.badge(t("circular.status.sent"), " ", circular.sent, color_scheme="green")),
            spacing="2", wrap="wrap"),
        ui.card(rx.heading(t("circular.preview"), size="4", as_="h2"),
                rx.text(t("circular.preview_hint"), size="2", color_scheme="gray"),
                _previews(circular)),
        rx.cond(circular.is_draft, rx.fragment(
            _send_card(state),
            ui.card(rx.heading(t("circular.edit"), size="4", as_="h2"),
                    _compose_form(state, state.save, circular))),
            _deliveries_card(state)),
    )


# Members -------------------------------------------------------------------------------------

@portal_page("/circulars", "circular.my_title", on_load=[MyCircularsState.load])
def my_circulars_page() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(rx.link(entry.subject, href=entry.href), entry.category, entry.sent)

    return ui.paged_table_page(
        ui.page_title("circular.my_title", t("circular.my_intro")),
        ui.link_button(t("circular.my_choices"), "/account", icon="settings", variant="soft"),
        (t("circular.subject"), t("circular.category"), t("circular.sent_at")),
        MyCircularsState, row, "circular.count_one", "circular.count_other",
        caption=t("circular.my_title"))


@portal_page("/circulars/[circular_id]", "circular.my_title", on_load=[MyCircularState.load])
def my_circular_page() -> rx.Component:
    state = MyCircularState
    return ui.object_page(
        state, ui.back_link(t("circular.my_title"), "/circulars"),
        rx.heading(state.circular.subject, size="7", as_="h1", style=LONG_WORDS),
        rx.text(state.circular.category, " · ", state.circular.sent, color_scheme="gray"),
        ui.card(rx.box(rx.html(state.circular.body), style=PREVIEW_STYLE, id="circular-body"),
                rx.cond(state.links.length() > 0, rx.vstack(
                    rx.heading(t("circular.documents"), size="4", as_="h2"),
                    rx.foreach(state.links, lambda link: rx.link(
                        rx.hstack(rx.icon("file_text", size=16), link.title, align="center",
                                  spacing="1"), href=link.href)),
                    spacing="2"))),
    )


def circular_choices_card() -> rx.Component:
    """Mein Konto: the optional categories, each ticked while the person gets it."""
    state = CircularChoicesState
    return rx.cond(state.choices.length() > 0, ui.card(
        rx.heading(t("circular.choices_title"), size="4", as_="h2"),
        rx.text(t("circular.choices_intro"), size="2", color_scheme="gray"),
        rx.form(rx.vstack(
            rx.foreach(state.choices, lambda option: rx.el.label(rx.hstack(
                rx.checkbox(name=option.name, default_checked=option.checked,
                            aria_label=option.label),
                rx.text(option.label), spacing="2", align="center"))),
            rx.text(t("circular.choices_mandatory"), " ", rx.text.strong(state.mandatory),
                    size="2", color_scheme="gray"),
            ui.error_callout(state.choices_error), ui.message_callout(state.choices_message),
            rx.button(t("circular.choices_save"), type="submit", id="save-circular-choices"),
            spacing="3", align="start", width="100%"),
            on_submit=state.save_choices, key=state.choices_key, width="100%")))
