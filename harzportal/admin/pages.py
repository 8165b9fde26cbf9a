from __future__ import annotations

import reflex as rx

from harzportal.admin.state import UsersAdminState
from harzportal.admin.views import UserRowView
from harzportal.core.i18n import N_
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/admin/users", "nav.admin_users", "users", position=170, staff_only=True),
)


COLUMNS = (N_("account.name"), N_("account.organization"), N_("account.role"),
           N_("admin.status"), N_("account.last_login"), N_("admin.actions"))


def _status_badge(row: UserRowView) -> rx.Component:
    return rx.badge(row.status, color_scheme=rx.cond(row.active, "green", "gray"))


def _deactivate_button(row: UserRowView) -> rx.Component:
    return rx.cond(
        row.can_deactivate,
        ui.confirm_dialog(
            rx.button(t("admin.deactivate"), size="1", variant="soft", color_scheme="red"),
            t("admin.deactivate_title"), [t("admin.deactivate_text"), " ", row.name],
            t("admin.deactivate"), UsersAdminState.deactivate(row.id)),
    )


def _reset_factor_button(row: UserRowView) -> rx.Component:
    return rx.cond(
        row.can_reset_factor,
        ui.confirm_dialog(
            rx.button(t("factor.reset"), size="1", variant="soft", color_scheme="amber"),
            t("factor.reset"), [t("factor.reset_text"), " ", row.name],
            t("factor.reset"), UsersAdminState.reset_second_factor(row.id)),
    )


def _users_table() -> rx.Component:
    def row(user: UserRowView) -> rx.Component:
        return rx.table.row(
            rx.table.cell(rx.vstack(rx.text(user.name, weight="medium"),
                                    rx.text(user.email, size="1", color_scheme="gray"),
                                    spacing="0")),
            rx.table.cell(user.organization),
            rx.table.cell(user.role),
            rx.table.cell(_status_badge(user)),
            rx.table.cell(user.last_login),
            rx.table.cell(rx.hstack(_deactivate_button(user), _reset_factor_button(user),
                                    spacing="2", wrap="wrap")),
        )

    return ui.data_table([t(key) for key in COLUMNS], UsersAdminState.rows, row,
                         caption=t("admin.users_title"))


def _invite_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("user_plus"), t("admin.invite"))),
        rx.dialog.content(
            rx.dialog.title(t("admin.invite_title")),
            rx.form(
                rx.vstack(
                    ui.field("account.name", "full_name", autocomplete="name"),
                    ui.field("auth.email", "email", type="email", autocomplete="email"),
                    rx.el.label(t("account.organization"), html_for="field-organization_id",
                                font_weight="500", font_size="0.9em"),
                    rx.el.select(
                        rx.foreach(UsersAdminState.organization_choices,
                                   lambda o: rx.el.option(o.name, value=o.id)),
                        id="field-organization_id", name="organization_id",
                        style={"width": "100%", "padding": "0.5em"},
                    ),
                    rx.el.label(t("account.role"), html_for="field-role", font_weight="500",
                                font_size="0.9em"),
                    rx.el.select(
                        rx.el.option(t("role.contact"), value="contact"),
                        rx.el.option(t("role.org_manager"), value="org_manager"),
                        id="field-role", name="role", style={"width": "100%", "padding": "0.5em"},
                    ),
                    ui.error_callout(UsersAdminState.invite_error),
                    rx.hstack(
                        rx.dialog.close(rx.button(t("common.cancel"), variant="soft",
                                                  color_scheme="gray", type="button")),
                        rx.button(t("admin.invite_send"), type="submit"),
                        justify="end", spacing="3", width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=UsersAdminState.invite,
            ),
        ),
        open=UsersAdminState.invite_open,
        on_open_change=UsersAdminState.toggle_invite,
    )


@portal_page("/admin/users", "admin.users_title", on_load=[UsersAdminState.load])
def users_admin_page() -> rx.Component:
    return rx.vstack(
        ui.page_header(ui.page_title("admin.users_title"), _invite_dialog()),
        ui.outcome_callouts(UsersAdminState),
        ui.card(
            rx.form(
                rx.hstack(
                    rx.input(name="search", placeholder=t("admin.search_placeholder"),
                             default_value=UsersAdminState.search, width="100%",
                             aria_label=t("admin.search_placeholder")),
                    rx.button(rx.icon("search"), t("common.search"), type="submit"),
                    width="100%",
                ),
                on_submit=UsersAdminState.apply_filter,
                width="100%",
            ),
            _users_table(),
            ui.pager(UsersAdminState, "admin.accounts_one", "admin.accounts_other"),
        ),
        spacing="4",
        width="100%",
    )
