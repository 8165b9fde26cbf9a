"""The member directory and an organization's directory page."""

from __future__ import annotations

import reflex as rx

from harzportal.organizations.directory_state import DirectoryEntryState, DirectoryState
from harzportal.organizations.labels import FEDERAL_STATE_LABELS, KIND_LABELS
from harzportal.organizations.pages import logo_image, profile_details
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/directory", "nav.directory", "book_user", position=70),
)


def _filters() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.input(name="search", placeholder=t("directory.search_placeholder"),
                     default_value=DirectoryState.search, aria_label=t("common.search"),
                     flex="2 1 16em", size="3"),
            rx.box(ui.native_select("kind", [("", t("directory.all_kinds"))]
                                    + [(kind.value, t(key)) for kind, key in KIND_LABELS.items()],
                                    value=DirectoryState.kind, id="filter-kind",
                                    aria_label=t("directory.filter_kind")), flex="1 1 10em"),
            rx.box(ui.native_select("federal_state", [("", t("directory.all_states"))]
                                    + [(state.value, t(key))
                                       for state, key in FEDERAL_STATE_LABELS.items()],
                                    value=DirectoryState.federal_state, id="filter-state",
                                    aria_label=t("directory.filter_state")), flex="1 1 10em"),
            rx.button(rx.icon("search"), t("common.search"), type="submit", size="3"),
            spacing="3", wrap="wrap", width="100%", align="center"),
        on_submit=DirectoryState.apply_filter, width="100%",
    )


def _entry_card(entry: rx.Var) -> rx.Component:
    return rx.link(
        rx.card(rx.hstack(
            logo_image(entry.logo_url, entry.name, size="56px"),
            rx.vstack(
                rx.text(entry.name, weight="bold", color="var(--gray-12)"),
                rx.text(entry.kind, " · ", entry.city, " (", entry.federal_state, ")",
                        size="2", color_scheme="gray"),
                rx.text(entry.competences, size="1", color_scheme="gray"),
                spacing="1", min_width="0"),
            spacing="3", align="start"), width="100%", height="100%"),
        href=f"/directory/{entry.id}", underline="none", width="100%",
    )


@portal_page("/directory", "directory.title", on_load=[DirectoryState.load])
def directory_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("directory.title", t("directory.intro")),
        ui.card(_filters()),
        rx.cond(
            DirectoryState.rows.length() > 0,
            rx.grid(rx.foreach(DirectoryState.rows, _entry_card),
                    columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3",
                    width="100%"),
            rx.callout(t("directory.empty"), icon="search_x", width="100%"),
        ),
        ui.pager(DirectoryState, "directory.results_one", "directory.results_other"),
        spacing="4", width="100%",
    )


def _contact_card(contact: rx.Var) -> rx.Component:
    return rx.card(rx.vstack(
        rx.text(contact.name, weight="bold"),
        rx.text(contact.job_title, size="2", color_scheme="gray"),
        rx.link(contact.email, href="mailto:" + contact.email, size="2"),
        rx.text(contact.phone, size="2"),
        spacing="1"), width="100%")


@portal_page("/directory/[org_id]", "directory.title", on_load=[DirectoryEntryState.load])
def directory_entry_page() -> rx.Component:
    return rx.vstack(
        ui.back_link(t("directory.back"), "/directory"),
        ui.error_callout(DirectoryEntryState.error),
        rx.cond(DirectoryEntryState.profile.id != 0, rx.vstack(
            ui.card(profile_details(DirectoryEntryState.profile, heading_as="h1")),
            ui.card(
                rx.heading(t("directory.contacts"), size="4", as_="h2"),
                rx.cond(DirectoryEntryState.contacts.length() > 0,
                        rx.grid(rx.foreach(DirectoryEntryState.contacts, _contact_card),
                                columns=rx.breakpoints(initial="1", sm="2"), spacing="3",
                                width="100%"),
                        rx.text(t("directory.no_contacts"), color_scheme="gray")),
            ),
            spacing="4", width="100%")),
        spacing="4", width="100%",
    )
