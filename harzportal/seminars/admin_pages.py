"""Staff pages: all seminars, the seminar form, participants with waitlist and attendance."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.seminars.admin_state import ParticipantsState, SeminarFormState, StaffSeminarsState
from harzportal.seminars.pages import topic_select
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/admin/seminars", "nav.admin_seminars", "presentation",
             position=150, staff_only=True),
)


@portal_page("/admin/seminars", "seminars.staff_title", on_load=[StaffSeminarsState.load])
def staff_seminars_page() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(
            rx.link(entry.title, href=entry.href),
            entry.when, entry.topic_label, entry.seats_label, entry.fee,
            rx.badge(entry.status_label, color_scheme=rx.match(
                entry.status, ("published", "green"), ("cancelled", "red"), "gray")))

    return ui.paged_table_page(
        ui.page_title("seminars.staff_title"),
        ui.link_button(t("seminar.new"), "/admin/seminars/new", icon="plus"),
        (t("seminar.field.title"), t("seminar.when"), t("seminar.field.topic"),
         t("seminar.seats"), t("seminar.fee"), t("admin.status")),
        StaffSeminarsState, row, "seminars.count_one", "seminars.count_other",
        caption=t("seminars.staff_title"))


def _field(label_key: str, name: str, **props) -> rx.Component:
    return ui.checked_field(label_key, name, getattr(SeminarFormState.errors, name),
                            default_value=getattr(SeminarFormState.values, name), **props)


def _seminar_form() -> rx.Component:
    grid = {"columns": rx.breakpoints(initial="1", sm="2"), "spacing": "4", "width": "100%"}
    values, errors = SeminarFormState.values, SeminarFormState.errors
    return ui.keyed_form(
        SeminarFormState, SeminarFormState.save,
        _field(N_("seminar.field.title"), "title", max_length=200),
        rx.grid(
            ui.checked_field(N_("seminar.field.topic"), "topic", errors.topic,
                             control=topic_select(values.topic)),
            _field(N_("seminar.field.speakers"), "speakers", max_length=500),
            _field(N_("seminar.field.starts_at"), "starts_at", type="datetime-local"),
            _field(N_("seminar.field.ends_at"), "ends_at", type="datetime-local"),
            _field(N_("seminar.field.venue"), "venue", max_length=300),
            _field(N_("seminar.field.online_link"), "online_link", type="url",
                   placeholder="https://"),
            _field(N_("seminar.field.capacity"), "capacity", input_mode="numeric"),
            _field(N_("seminar.field.per_organization_limit"), "per_organization_limit",
                   input_mode="numeric"),
            _field(N_("seminar.field.registration_opens_at"), "registration_opens_at",
                   type="datetime-local"),
            _field(N_("seminar.field.registration_deadline"), "registration_deadline",
                   type="datetime-local"),
            _field(N_("seminar.field.fee"), "fee", input_mode="decimal"),
            **grid),
        ui.checked_field(N_("seminar.field.description"), "description", errors.description,
                         control=rx.text_area(
                          id="field-description", name="description", rows="6", width="100%",
                          max_length=6000, default_value=values.description)),
        ui.error_callout(SeminarFormState.error),
        rx.hstack(rx.button(rx.icon("save"), t("seminar.save"), type="submit", size="3"),
                  justify="end", width="100%"))


@portal_page("/admin/seminars/new", "seminar.new", on_load=[SeminarFormState.load])
def new_seminar_page() -> rx.Component:
    return rx.vstack(ui.page_title("seminar.new"), ui.card(_seminar_form()), spacing="4",
                     width="100%")


@portal_page("/admin/seminars/[seminar_id]/edit", "seminar.edit",
             on_load=[SeminarFormState.load])
def edit_seminar_page() -> rx.Component:
    return rx.vstack(ui.page_title("seminar.edit"), ui.card(_seminar_form()), spacing="4",
                     width="100%")


def _people_table(rows: rx.Var, waitlist: bool, caption: rx.Var) -> rx.Component:
    def row(person: rx.Var) -> rx.Component:
        cells = [rx.table.cell(person.position)] if waitlist else []
        cells += [rx.table.row_header_cell(rx.vstack(
                      rx.text(person.name, weight="medium"),
                      rx.text(person.email, size="1", color_scheme="gray"), spacing="0")),
                  rx.table.cell(person.organization)]
        if not waitlist:
            cells.append(rx.table.cell(rx.cond(
                ParticipantsState.seminar.started,
                rx.checkbox(checked=person.attended,
                            on_change=lambda value: ParticipantsState.mark_attendance(
                                person.registration_id, value),
                            aria_label=t("seminar.attended") + ": " + person.name),
                rx.text("—"))))
        return rx.table.row(*cells)

    labels = ([t("my_seminars.position")] if waitlist else []) + [
        t("account.name"), t("account.organization")] + (
        [] if waitlist else [t("seminar.attended")])
    return ui.data_table(labels, rows, row, size="1", caption=caption)


def _cancel_seminar_dialog() -> rx.Component:
    return ui.danger_button_confirmed("ban", t("seminar.cancel"),
                                      t("seminar.cancel_seminar_confirm"),
                                      ParticipantsState.cancel_seminar)


def _seminar_actions() -> rx.Component:
    state = ParticipantsState
    return rx.hstack(
        ui.link_button(t("seminar.edit"), state.seminar.edit_href, icon="pencil", variant="soft"),
        rx.cond(state.seminar.draft,
                rx.button(rx.icon("megaphone"), t("seminar.publish"), on_click=state.publish)),
        rx.button(rx.icon("file_spreadsheet"), t("seminar.export_csv"), variant="soft",
                  on_click=rx.download(url=state.seminar.csv_href)),
        rx.cond(state.seminar.cancellable, _cancel_seminar_dialog()),
        spacing="2", wrap="wrap")


@portal_page("/admin/seminars/[seminar_id]", "seminar.participants",
             on_load=[ParticipantsState.load])
def participants_page() -> rx.Component:
    state = ParticipantsState
    return ui.object_page(
        state, ui.back_link(t("seminars.staff_title"), "/admin/seminars"),
        rx.vstack(rx.heading(state.seminar.title, size="7", as_="h1"),
                  rx.text(state.seminar.summary, color_scheme="gray"),
                  spacing="1"),
        _seminar_actions(),
        ui.card(rx.heading(state.seminar.participants_heading, size="4", as_="h2"),
                _people_table(state.confirmed, waitlist=False,
                              caption=state.seminar.participants_heading)),
        ui.card(rx.heading(state.seminar.waitlist_heading, size="4", as_="h2"),
                _people_table(state.waitlist, waitlist=True,
                              caption=state.seminar.waitlist_heading)),
    )
