"""Seminar pages for everyone signed in: the catalogue, a seminar, my seminars."""

from __future__ import annotations

import reflex as rx

from harzportal.seminars.labels import TOPIC_LABELS
from harzportal.seminars.state import MySeminarsState, SeminarCatalogueState, SeminarState
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/seminars", "nav.seminars", "graduation_cap", position=40),
    NavEntry("/my-seminars", "nav.my_seminars", "calendar_check", position=50, members_only=True),
)


def topic_badge(seminar: rx.Var) -> rx.Component:
    return rx.badge(seminar.topic_label, color_scheme="teal", variant="soft")


def seats_badge(seminar: rx.Var) -> rx.Component:
    return rx.badge(seminar.seats_label, color_scheme=rx.cond(seminar.full, "orange", "green"))


def topic_select(value: rx.Var, *, all_topics: bool = False, **props) -> rx.Component:
    """The topics to choose from (the catalogue's filter adds "all topics")."""
    options = [(topic.value, t(key)) for topic, key in TOPIC_LABELS.items()]
    if all_topics:
        options.insert(0, ("", t("seminars.all_topics")))
    return ui.native_select("topic", options, value=value, **props)


def _seminar_card(row: rx.Var) -> rx.Component:
    return rx.link(rx.card(rx.vstack(
        rx.hstack(topic_badge(row), rx.spacer(), seats_badge(row), width="100%", wrap="wrap"),
        rx.text(row.title, weight="bold", size="4", color="var(--gray-12)"),
        rx.hstack(rx.icon("calendar", size=15), rx.text(row.when, size="2"),
                  color="var(--gray-11)", align="center", spacing="2"),
        rx.hstack(rx.icon("map_pin", size=15), rx.text(row.place, size="2"),
                  color="var(--gray-11)", align="center", spacing="2"),
        spacing="2"), width="100%", height="100%"),
        href=row.href, underline="none", width="100%")


@portal_page("/seminars", "seminars.title", on_load=[SeminarCatalogueState.load])
def catalogue_page() -> rx.Component:
    state = SeminarCatalogueState
    return rx.vstack(
        ui.page_title("seminars.title", t("seminars.intro")),
        ui.card(rx.form(rx.flex(
            rx.input(name="search", placeholder=t("seminars.search_placeholder"),
                     default_value=state.search, aria_label=t("common.search"),
                     flex="2 1 14em", size="3"),
            rx.box(topic_select(state.topic, all_topics=True, id="filter-topic",
                                aria_label=t("seminar.field.topic")), flex="1 1 10em"),
            # A visible label: an empty month field shows only "--------- ----".
            rx.el.label(rx.text(t("seminars.month"), size="2", weight="medium",
                                white_space="nowrap", flex_shrink="0"),
                        rx.input(name="month", type="month", default_value=state.month,
                                 size="3", flex="1"),
                        display="flex", align_items="center", gap="0.5em",
                        flex="0 1 16em"),
            rx.button(rx.icon("search"), t("common.search"), type="submit", size="3"),
            spacing="3", wrap="wrap", width="100%", align="center"),
            on_submit=state.apply_filter, width="100%")),
        rx.cond(state.rows.length() > 0,
                rx.grid(rx.foreach(state.rows, _seminar_card),
                        columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3",
                        width="100%"),
                rx.callout(t("seminars.empty"), icon="calendar_x", width="100%")),
        ui.pager(state, "seminars.count_one", "seminars.count_other"),
        spacing="4", width="100%",
    )


def _registration_box() -> rx.Component:
    state = SeminarState
    registration = state.registration
    return ui.card(
        rx.heading(t("seminar.registration_title"), size="4", as_="h2"),
        rx.match(
            registration.status,
            ("confirmed", rx.callout(t("seminar.you_are_registered"), icon="circle_check",
                                     color_scheme="green", width="100%")),
            ("waitlisted", rx.callout(registration.waitlist_label, icon="hourglass",
                                      color_scheme="amber", width="100%")),
            rx.cond(state.seminar.open,
                    rx.button(rx.icon("user_check"),
                              rx.cond(state.seminar.full, t("seminar.join_waitlist"),
                                      t("seminar.register")),
                              size="3", on_click=state.register_myself, id="register-myself"),
                    rx.text(t("seminar.closed_note"), color_scheme="gray")),
        ),
        rx.cond(registration.id > 0, ui.danger_button_confirmed(
            "x", t("seminar.cancel_registration"), t("seminar.cancel_confirm"), state.cancel_mine,
            button_id="cancel-registration", confirm_id="cancel-registration-confirm")),
        rx.cond((state.colleagues.length() > 0) & state.seminar.open, rx.form(
            rx.hstack(
                rx.el.select(rx.foreach(state.colleagues,
                                        lambda c: rx.el.option(c.name, value=c.id)),
                             name="user_id", aria_label=t("seminar.register_colleague"),
                             style={"padding": "0.5em", "min_width": "14em"}),
                rx.button(rx.icon("user_plus"), t("seminar.register_colleague"), type="submit",
                          variant="soft"),
                spacing="2", wrap="wrap", align="center"),
            on_submit=state.register_colleague)),
        ui.error_callout(state.action_error),
        rx.button(rx.icon("calendar_plus"), t("seminar.calendar_file"), variant="outline",
                  on_click=rx.download(url=state.seminar.ics_href), id="download-ics"),
    )


@portal_page("/seminars/[seminar_id]", "seminars.title", on_load=[SeminarState.load])
def seminar_page() -> rx.Component:
    state = SeminarState
    seminar = state.seminar
    return ui.object_page(
        state, ui.back_link(t("seminar.back"), "/seminars"),
        rx.vstack(rx.hstack(topic_badge(seminar), seats_badge(seminar), spacing="2",
                            wrap="wrap"),
                  rx.heading(seminar.title, size=rx.breakpoints(initial="6", sm="7"),
                             as_="h1", overflow_wrap="anywhere", lang="de",
                             style={"hyphens": "auto"}),
                  spacing="2", width="100%"),
        rx.grid(
            ui.card(
                ui.detail_row("seminar.when", seminar.when),
                ui.detail_row("seminar.venue", seminar.venue),
                ui.detail_row("seminar.speakers", seminar.speakers),
                ui.detail_row("seminar.deadline", seminar.deadline),
                ui.detail_row("seminar.fee", seminar.fee),
                rx.cond(seminar.has_online_link, rx.cond(
                    seminar.online_link != "",
                    ui.detail_row("seminar.online_link", rx.link(
                        seminar.online_link, href=seminar.online_link,
                        is_external=True)),
                    ui.detail_row("seminar.online_link",
                                  t("seminar.link_after_registration")))),
                rx.text(seminar.description, white_space="pre-wrap", margin_top="0.5em"),
            ),
            _registration_box(),
            columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
    )


def _my_action(entry: rx.Var, past: bool) -> rx.Component:
    if past:
        return rx.cond(entry.certificate_href != "", rx.button(
            rx.icon("award"), t("my_seminars.certificate"), size="1", variant="soft",
            on_click=rx.download(url=entry.certificate_href)))
    return rx.cond(entry.cancellable, rx.button(
        t("seminar.cancel_registration"), size="1", variant="soft", color_scheme="red",
        on_click=MySeminarsState.cancel(entry.registration_id)))


def _my_table(rows: rx.Var, past: bool, caption: rx.Var) -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(
            rx.link(entry.title, href=entry.seminar_href),
            entry.when,
            rx.badge(entry.status_label,
                     color_scheme=rx.match(entry.status, ("confirmed", "green"),
                                           ("waitlisted", "amber"), "gray")),
            rx.cond(entry.seminar_cancelled,
                    rx.badge(entry.seminar_status_label, color_scheme="red"),
                    _my_action(entry, past)))

    return rx.cond(rows.length() > 0, ui.data_table((
            t("seminar.field.title"), t("seminar.when"), t("admin.status"),
            t("admin.actions")), rows, row, caption=caption),
        rx.text(t("my_seminars.empty"), color_scheme="gray"))


def _feed_card() -> rx.Component:
    state = MySeminarsState
    return ui.card(
        rx.heading(t("feed.title"), size="4", as_="h2"),
        rx.text(t("feed.intro"), color_scheme="gray", size="2"),
        rx.cond(state.feed_url != "", rx.vstack(
            rx.text(t("feed.copy_now"), size="2", weight="medium"),
            rx.code(state.feed_url, id="feed-url", overflow_wrap="anywhere"),
            width="100%")),
        rx.text(rx.cond(state.has_feed, t("feed.active"), t("feed.none")), size="2"),
        rx.hstack(
            rx.button(rx.icon("rss"), rx.cond(state.has_feed, t("feed.renew"), t("feed.create")),
                      on_click=state.create_feed, variant="soft", id="create-feed"),
            rx.cond(state.has_feed, rx.button(t("feed.revoke"), on_click=state.revoke_feed,
                                              variant="soft", color_scheme="red")),
            spacing="3", wrap="wrap"),
    )


@portal_page("/my-seminars", "my_seminars.title", on_load=[MySeminarsState.load])
def my_seminars_page() -> rx.Component:
    state = MySeminarsState
    return rx.vstack(
        ui.page_title("my_seminars.title"),
        ui.outcome_callouts(state),
        ui.card(rx.heading(t("my_seminars.upcoming"), size="4", as_="h2"),
                _my_table(state.upcoming, past=False, caption=t("my_seminars.upcoming")),
                id="my-upcoming"),
        ui.card(rx.heading(t("my_seminars.past"), size="4", as_="h2"),
                _my_table(state.past, past=True, caption=t("my_seminars.past")),
                id="my-past"),
        _feed_card(),
        spacing="4", width="100%",
    )
