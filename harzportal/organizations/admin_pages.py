"""Staff pages: the approval queue, the decision on one request, the list of organizations."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.organizations.approval_state import (
    ApprovalQueueState,
    ApprovalState,
    OrganizationsAdminState,
)
from harzportal.organizations.forms import REASON_PREFIX
from harzportal.organizations.pages import value_view
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/admin/approvals", "nav.approvals", "list_checks", position=110, staff_only=True),
)


def _queue_table() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return ui.table_row(
            entry.organization, entry.author,
            rx.table.cell(rx.text(entry.created),
                          rx.text(entry.age, size="1", color_scheme="gray")),
            entry.fields,
            ui.link_button(t("approvals.open"), f"/admin/approvals/{entry.id}", size="1"))

    return ui.data_table([t(key) for key in (
            N_("approvals.organization"), N_("approvals.author"), N_("change.requested"),
            N_("approvals.fields"), N_("admin.actions"))], ApprovalQueueState.rows, row,
        caption=t("approvals.title"))


@portal_page("/admin/approvals", "approvals.title", on_load=[ApprovalQueueState.load])
def approvals_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("approvals.title", t("approvals.intro")),
        ui.card(rx.cond(ApprovalQueueState.rows.length() > 0, _queue_table(),
                        rx.text(t("approvals.empty"), color_scheme="gray"))),
        spacing="4", width="100%",
    )


def _decision_control(row: rx.Var) -> rx.Component:
    field = row.field
    approve = rx.cond(row.conflict, "override", "approve")
    return rx.vstack(
        rx.radio_group.root(
            rx.hstack(
                rx.el.label(rx.hstack(rx.radio_group.item(value=approve),
                                      rx.cond(row.conflict, t("approvals.override"),
                                              t("approvals.approve")),
                                      spacing="1", align="center")),
                rx.el.label(rx.hstack(rx.radio_group.item(value="reject"),
                                      t("approvals.reject"), spacing="1", align="center")),
                spacing="4", wrap="wrap"),
            value=row.choice,
            on_change=lambda choice: ApprovalState.choose(field, choice),
            aria_label=t("change.decision") + ": " + row.label,
            id="decision-" + field,
        ),
        rx.text_area(name=REASON_PREFIX + field, placeholder=t("approvals.reason_placeholder"),
                     aria_label=t("change.reason") + ": " + row.label, rows="2",
                     width="100%", max_length=1000, id="reason-" + field,
                     aria_describedby="error-" + field),
        rx.el.div(rx.cond(row.error != "",
                          rx.hstack(rx.icon("circle_alert", size=14, color="var(--red-11)",
                                            flex_shrink="0"),
                                    rx.text(row.error, size="2",
                                            color_scheme="red"), spacing="1", align="center")),
                  id="error-" + field, aria_live="polite"),
        spacing="2", width="100%", min_width="14em",
    )


def _decision_row(row: rx.Var) -> rx.Component:
    return ui.table_row(
        rx.vstack(rx.text(row.label, weight="medium"),
                  rx.cond(row.conflict,
                          rx.badge(rx.icon("triangle_alert", size=12), t("approvals.conflict"),
                                   color_scheme="orange")),
                  spacing="1"),
        rx.table.cell(value_view(row, "old"), color="var(--gray-11)"),
        rx.table.cell(value_view(row, "new"), font_weight="500"),
        rx.cond(row.conflict, value_view(row, "current"), rx.text("—", color_scheme="gray")),
        rx.cond(ApprovalState.request.is_open, _decision_control(row),
                rx.vstack(rx.badge(row.decision_label, color_scheme=rx.match(
                    row.decision, ("approved", "green"), ("rejected", "red"), "gray")),
                    rx.text(row.reason, size="2"), spacing="1")),
        id="change-row-" + row.field)


def _decision_form() -> rx.Component:
    request = ApprovalState.request
    return ui.keyed_form(
        ApprovalState, ApprovalState.decide,
        rx.hstack(
            rx.vstack(rx.heading(request.organization, size="5", as_="h2"),
                      rx.text(t("approvals.author"), ": ", request.author, " · ",
                              request.created, color_scheme="gray"), spacing="1"),
            rx.spacer(),
            rx.cond(request.is_open,
                    rx.button(rx.icon("check_check"), t("approvals.approve_all"),
                              type="button", variant="soft",
                              on_click=ApprovalState.approve_all)),
            width="100%", wrap="wrap", align="center"),
        ui.data_table([t(key) for key in (
                N_("change.field"), N_("change.old"), N_("change.new"), N_("change.current"),
                N_("change.decision"))], ApprovalState.rows, _decision_row,
            caption=t("approvals.detail_title")),
        ui.error_callout(ApprovalState.error),
        rx.cond(request.is_open,
                rx.hstack(rx.button(rx.icon("save"), t("approvals.submit"), type="submit",
                                    size="3"), justify="end", width="100%"),
                rx.callout(t("approvals.not_open"), icon="info", width="100%")),
    )


@portal_page("/admin/approvals/[request_id]", "approvals.detail_title",
             on_load=[ApprovalState.load])
def approval_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("approvals.detail_title"),
        ui.back_link(t("approvals.back"), "/admin/approvals"),
        ui.message_callout(ApprovalState.message),
        rx.cond(ApprovalState.loaded, ui.card(_decision_form()),
                ui.error_callout(ApprovalState.error)),
        spacing="4", width="100%",
    )


def _organizations_table() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        path = f"/organizations/{entry.id}"
        return ui.table_row(
            rx.link(entry.name, href=path), entry.city, entry.kind, entry.status,
            rx.cond(entry.open_request,
                    rx.badge(t("organizations.has_request"), color_scheme="amber")),
            rx.hstack(
                ui.link_button(t("organization.edit_directly"), path + "/edit",
                               size="1", variant="soft"),
                ui.link_button(t("organization.contacts"), path + "/contacts",
                               size="1", variant="soft"),
                spacing="2"))

    return ui.data_table([t(key) for key in (
            N_("profile.field.name"), N_("profile.field.city"), N_("profile.field.kind"),
            N_("organizations.status"), N_("approvals.title"), N_("admin.actions"))],
                         OrganizationsAdminState.rows, row, caption=t("organizations.title"))


@portal_page("/admin/organizations", "organizations.title",
             on_load=[OrganizationsAdminState.load])
def organizations_admin_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("organizations.title"),
        ui.card(
            rx.form(rx.hstack(
                rx.input(name="search", placeholder=t("organizations.search_placeholder"),
                         default_value=OrganizationsAdminState.search, width="100%",
                         aria_label=t("organizations.search_placeholder")),
                rx.button(rx.icon("search"), t("common.search"), type="submit"),
                width="100%"), on_submit=OrganizationsAdminState.apply_filter, width="100%"),
            _organizations_table(),
            ui.pager(OrganizationsAdminState, "organizations.count_one",
                     "organizations.count_other"),
        ),
        spacing="4", width="100%",
    )
