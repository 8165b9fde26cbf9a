"""The contacts page of an organization: everyone sees colleagues, managers and staff manage."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.organizations.contacts import FUNCTIONS
from harzportal.organizations.presenter_contacts import FUNCTION_LABELS
from harzportal.organizations.state import ContactsState
from harzportal.shell.layout import portal_page
from harzportal.shell.state import PortalState
from harzportal.shell.text import t
from harzportal.ui import components as ui


def _role_control(row: rx.Var) -> rx.Component:
    return rx.cond(
        row.manageable,
        rx.select.root(
            rx.select.trigger(aria_label=t("account.role") + ": " + row.name),
            rx.select.content(
                rx.select.item(t("role.contact"), value="contact"),
                rx.select.item(t("role.org_manager"), value="org_manager"),
            ),
            value=row.role, size="1",
            on_change=lambda role: ContactsState.change_role(row.id, role),
        ),
        rx.text(row.role_label),
    )


def _functions_control(row: rx.Var) -> rx.Component:
    summary = rx.text(row.function_labels, size="2")
    return rx.cond(
        row.may_set_functions,
        rx.popover.root(
            rx.popover.trigger(rx.button(summary, rx.icon("chevron_down", size=14),
                                         variant="ghost", size="1",
                                         aria_label=row.function_labels + " – "
                                         + t("contacts.edit_functions") + ": " + row.name)),
            rx.popover.content(rx.vstack(
                rx.text(t("contacts.edit_functions"), weight="medium"),
                *[rx.checkbox(t(FUNCTION_LABELS[function]),
                              checked=row.functions.contains(function),
                              on_change=lambda _checked, f=function:
                              ContactsState.toggle_function(row.id, f))
                  for function in FUNCTIONS],
                spacing="2")),
        ),
        summary,
    )


def _deactivate(row: rx.Var) -> rx.Component:
    return rx.cond(
        row.manageable,
        ui.confirm_dialog(
            rx.icon_button(rx.icon("user_x", size=16), size="1", variant="soft",
                           color_scheme="red",
                           aria_label=t("admin.deactivate") + ": " + row.name),
            t("admin.deactivate_title"), [t("contacts.deactivate_text"), " ", row.name],
            t("admin.deactivate"), ContactsState.deactivate(row.id)),
    )


def _anonymize(row: rx.Var) -> rx.Component:
    return rx.cond(
        PortalState.is_staff & (row.role != "network_admin"),
        ui.confirm_dialog(
            rx.icon_button(rx.icon("eraser", size=16), size="1", variant="soft",
                           color_scheme="gray",
                           aria_label=t("gdpr.anonymize") + ": " + row.name),
            t("gdpr.anonymize"), [t("gdpr.anonymize_text"), " ", row.name],
            t("gdpr.anonymize"), ContactsState.anonymize(row.id)))


def _contacts_table() -> rx.Component:
    def row(contact: rx.Var) -> rx.Component:
        return ui.table_row(
            rx.vstack(rx.text(contact.name, weight="medium"),
                      rx.text(contact.email, size="1", color_scheme="gray"),
                      rx.text(contact.job_title, size="1", color_scheme="gray"), spacing="0"),
            _role_control(contact), _functions_control(contact),
            rx.badge(contact.status_label, color_scheme=rx.match(
                contact.status, ("active", "green"), ("invited", "blue"), "gray")),
            rx.cond(contact.listed,
                    rx.icon("check", size=16, aria_label=t("contacts.listed")),
                    rx.text("—")),
            rx.hstack(_deactivate(contact), _anonymize(contact), spacing="2"))

    return ui.data_table([t(key) for key in (
        N_("account.name"), N_("account.role"), N_("contacts.functions"), N_("admin.status"),
        N_("contacts.listed"), N_("admin.actions"))], ContactsState.rows, row,
        caption=t("contacts.title"))


def _invite_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("user_plus"), t("admin.invite"))),
        rx.dialog.content(
            rx.dialog.title(t("admin.invite_title")),
            rx.form(rx.vstack(
                ui.field("account.name", "full_name", autocomplete="name"),
                ui.field("auth.email", "email", type="email", autocomplete="email"),
                rx.el.label(t("account.role"), html_for="field-role", font_weight="500",
                            font_size="0.9em"),
                rx.el.select(
                    rx.el.option(t("role.contact"), value="contact"),
                    rx.el.option(t("role.org_manager"), value="org_manager"),
                    id="field-role", name="role", style={"width": "100%", "padding": "0.5em"}),
                ui.error_callout(ContactsState.invite_error),
                rx.hstack(
                    rx.dialog.close(rx.button(t("common.cancel"), variant="soft",
                                              color_scheme="gray", type="button")),
                    rx.button(t("admin.invite_send"), type="submit"),
                    justify="end", spacing="3", width="100%"),
                spacing="3", width="100%"),
                on_submit=ContactsState.invite),
        ),
        open=ContactsState.invite_open,
        on_open_change=ContactsState.toggle_invite,
    )


@portal_page("/organizations/[org_id]/contacts", "contacts.title",
             on_load=[ContactsState.load])
def contacts_page() -> rx.Component:
    return rx.vstack(
        ui.page_header(ui.page_title("contacts.title", ContactsState.organization),
                       rx.cond(ContactsState.may_invite, _invite_dialog())),
        rx.cond(ContactsState.organization_id != 0, ui.back_link(
            t("change.back_to_profile"), f"/organizations/{ContactsState.organization_id}")),
        ui.outcome_callouts(ContactsState),
        rx.cond(ContactsState.organization != "", ui.card(_contacts_table())),
        spacing="4", width="100%",
    )
