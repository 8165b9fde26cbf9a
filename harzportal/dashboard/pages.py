from __future__ import annotations

import reflex as rx

from harzportal.auth.state import PortalState
from harzportal.dashboard.state import DashboardState
from harzportal.ui.components import card, detail_row
from harzportal.ui.i18n import t
from harzportal.ui.layout import portal_page


def _card_heading(icon: str, key: str) -> rx.Component:
    return rx.hstack(rx.icon(icon, size=20, color="var(--accent-9)"),
                     rx.heading(t(key), size="4", as_="h2"), align="center", spacing="2")


def _organization_card() -> rx.Component:
    organization = DashboardState.organization
    return card(
        _card_heading("building_2", "dashboard.organization"),
        rx.text(organization["name"], size="5", weight="bold"),
        detail_row("org.kind", organization["kind"]),
        detail_row("org.location", organization["city"]),
        detail_row("org.federal_state", organization["federal_state"]),
        detail_row("org.employees", organization["employees"]),
        detail_row("org.member_since", organization["member_since"]),
    )


def _account_card() -> rx.Component:
    account = DashboardState.account
    return card(
        _card_heading("circle_user", "dashboard.account"),
        detail_row("account.email", account["email"]),
        detail_row("account.role", account["role"]),
        detail_row("account.last_login", account["last_login"]),
        rx.link(t("dashboard.to_account"), href="/account"),
    )


def _network_card() -> rx.Component:
    return card(
        _card_heading("network", "dashboard.network"),
        rx.hstack(
            rx.vstack(rx.text(DashboardState.network_members, size="7", weight="bold"),
                      rx.text(t("dashboard.member_organizations"), size="2", color_scheme="gray"),
                      spacing="0"),
            rx.vstack(rx.text(DashboardState.network_users, size="7", weight="bold"),
                      rx.text(t("dashboard.active_users"), size="2", color_scheme="gray"),
                      spacing="0"),
            spacing="7",
        ),
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(t("org.kind")),
                rx.table.column_header_cell(t("dashboard.count"), justify="end"),
            )),
            rx.table.body(rx.foreach(
                DashboardState.network_by_kind,
                lambda row: rx.table.row(rx.table.cell(row["kind"]),
                                         rx.table.cell(row["count"], justify="end")),
            )),
            size="1",
            width="100%",
        ),
        rx.link(t("dashboard.to_users"), href="/admin/users"),
    )


@portal_page("/dashboard", "nav.dashboard", on_load=[DashboardState.load])
def dashboard_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("dashboard.greeting"), " ", PortalState.user_name, size="7", as_="h1"),
        rx.text(t("dashboard.intro"), color_scheme="gray"),
        rx.grid(
            rx.cond(DashboardState.has_organization, _organization_card()),
            _account_card(),
            rx.cond(DashboardState.has_network, _network_card()),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


@rx.page(route="/", on_load=rx.redirect("/dashboard", replace=True))
def index_page() -> rx.Component:
    return rx.center(rx.spinner(size="3"), min_height="100vh")
