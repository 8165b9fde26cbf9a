from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.dashboard.state import DashboardState
from harzportal.dashboard.views import AttentionItemView
from harzportal.shell.layout import page_description, portal_page, tab_title
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.state import PortalState
from harzportal.shell.text import t
from harzportal.ui import components as ui
from harzportal.ui.charts import bar_chart_card as _chart

contribute(
    NavEntry("/dashboard", "nav.dashboard", "layout_dashboard", position=10),
)


def _card_heading(icon: str, key: str) -> rx.Component:
    return rx.hstack(rx.icon(icon, size=20, color="var(--accent-9)"),
                     rx.heading(t(key), size="4", as_="h2"), align="center", spacing="2")


def _organization_card() -> rx.Component:
    organization = DashboardState.organization
    return ui.card(
        _card_heading("building_2", "dashboard.organization"),
        rx.text(organization.name, size="5", weight="bold"),
        ui.detail_row("org.kind", organization.kind),
        ui.detail_row("org.location", organization.city),
        ui.detail_row("org.federal_state", organization.federal_state),
        ui.detail_row("org.employees", organization.employees),
        ui.detail_row("org.member_since", organization.member_since),
    )


def _account_card() -> rx.Component:
    account = DashboardState.account
    return ui.card(
        _card_heading("circle_user", "dashboard.account"),
        ui.detail_row("account.email", account.email),
        ui.detail_row("account.role", account.role),
        ui.detail_row("account.last_login", account.last_login),
        rx.link(t("dashboard.to_account"), href="/account"),
    )


def _attention_card() -> rx.Component:
    def item(entry: AttentionItemView) -> rx.Component:
        return rx.link(rx.hstack(
            rx.icon("circle_alert", size=18, color=rx.match(
                entry.tone, ("red", "var(--red-10)"), ("amber", "var(--amber-10)"),
                ("green", "var(--green-10)"), "var(--accent-10)"), flex_shrink="0"),
            rx.text(entry.text, color="var(--gray-12)"),
            rx.spacer(), rx.icon("chevron_right", size=16, color="var(--gray-9)"),
            align="center", spacing="3", width="100%", padding="0.6em 0.25em",
            border_bottom="1px solid var(--gray-4)"), href=entry.href, underline="none",
            width="100%")

    return ui.card(
        _card_heading("bell", "dashboard.attention"),
        rx.cond(DashboardState.attention.length() > 0,
                rx.vstack(rx.foreach(DashboardState.attention, item), spacing="0",
                          width="100%"),
                rx.text(t("dashboard.nothing_to_do"), color_scheme="gray")),
        id="attention",
    )


def _figure(value: rx.Var, label_key: str, href: str, note: rx.Var | str = "") -> rx.Component:
    return rx.link(rx.card(rx.vstack(
        rx.text(value, size=rx.breakpoints(initial="5", md="7"), weight="bold",
                color="var(--gray-12)"),
        rx.text(t(label_key), size="2", color_scheme="gray"),
        rx.text(note, size="1", color_scheme="gray"),
        spacing="0"), width="100%"), href=href, underline="none", width="100%")


def _network_section() -> rx.Component:
    state, figures = DashboardState, DashboardState.figures
    return rx.vstack(
        rx.heading(t("dashboard.network"), size="5", as_="h2"),
        rx.grid(
            _figure(figures.open_approvals, N_("dashboard.open_approvals"), "/admin/approvals",
                    figures.oldest_approval),
            _figure(figures.outstanding, N_("dashboard.outstanding_fees"), "/admin/invoices"),
            _figure(figures.overdue_count, N_("dashboard.overdue_invoices"),
                    "/admin/invoices", figures.overdue_amount),
            _figure(figures.members, N_("dashboard.member_organizations"),
                    "/admin/organizations", t("dashboard.active_users") + ": "
                    + figures.active_users),
            columns=rx.breakpoints(initial="2", md="4"), spacing="3", width="100%"),
        rx.grid(
            _chart(N_("dashboard.seminar_fill"), state.seminar_fill, N_("seminar.field.title"),
                   N_("dashboard.fill_percent")),
            _chart(N_("dashboard.downloads"), state.downloads, N_("dashboard.month"),
                   N_("library.downloads")),
            _chart(N_("dashboard.members_by_kind"), state.by_kind, N_("org.kind"),
                   N_("dashboard.count")),
            _chart(N_("dashboard.members_by_state"), state.by_state, N_("org.federal_state"),
                   N_("dashboard.count")),
            columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
        spacing="3", width="100%", id="network",
    )

def _new_posts_card() -> rx.Component:
    def item(post: rx.Var) -> rx.Component:
        return rx.link(rx.hstack(
            rx.badge(post.kind), rx.text(post.title, color="var(--gray-12)"), rx.spacer(),
            rx.text(post.published, size="1", color_scheme="gray"),
            align="center", spacing="3", width="100%", padding="0.6em 0.25em",
            border_bottom="1px solid var(--gray-4)", wrap="wrap"), href=post.href,
            underline="none", width="100%")

    return ui.card(
        _card_heading("handshake", "dashboard.new_posts"),
        rx.vstack(rx.foreach(DashboardState.new_posts, item), spacing="0", width="100%"),
        ui.link_button(t("dashboard.all_posts"), "/exchange", variant="soft"),
        id="new-posts")


@portal_page("/dashboard", "nav.dashboard", on_load=[DashboardState.load])
def dashboard_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("dashboard.greeting"), " ", PortalState.user_name, size="7", as_="h1"),
        rx.text(rx.cond(DashboardState.has_network, t("dashboard.intro_staff"),
                        t("dashboard.intro")), color_scheme="gray"),
        rx.cond(DashboardState.has_organization, _attention_card()),
        rx.cond(DashboardState.new_posts.length() > 0, _new_posts_card()),
        rx.cond(DashboardState.has_network, _network_section()),
        rx.grid(
            rx.cond(DashboardState.has_organization, _organization_card()),
            _account_card(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


@rx.page(route="/", title=tab_title("nav.dashboard"), description=page_description(),
         on_load=rx.redirect("/dashboard", replace=True))
def index_page() -> rx.Component:
    return rx.center(rx.spinner(size="3"), min_height="100vh")
