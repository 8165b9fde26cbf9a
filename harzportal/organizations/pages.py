"""Member pages of an organization: its profile with review and history, the edit form."""

from __future__ import annotations

import reflex as rx

from harzportal.core.i18n import N_
from harzportal.organizations.edit_state import LOGO_UPLOAD_ID, ProfileEditState
from harzportal.organizations.labels import FEDERAL_STATE_LABELS, KIND_LABELS
from harzportal.organizations.state import OrganizationState, OwnOrganizationState
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/organization", "nav.organization", "building_2", position=20, members_only=True,
             section="/organizations/"),
    NavEntry("/admin/organizations", "nav.organizations", "building", position=120, staff_only=True,
             section="/organizations/"),
)


def logo_image(url: rx.Var, name: rx.Var, size: str = "96px") -> rx.Component:
    return rx.cond(
        url != "",
        rx.image(src=url, alt=name, width=size, height=size, object_fit="contain",
                 border_radius="var(--radius-3)", background="white",
                 border="1px solid var(--gray-5)", padding="4px"),
        rx.center(rx.icon("building_2", size=32, color="var(--gray-9)"), width=size, height=size,
                  border_radius="var(--radius-3)", background="var(--gray-3)",
                  aria_label=t("logo.none"), role="img"),
    )


def profile_details(profile: rx.Var, heading_as: str = "h2") -> rx.Component:
    """The live profile; the description is plain text (never HTML), line breaks kept.
    Where the profile is the page's subject (directory), its name is the page heading."""
    return rx.vstack(
        rx.hstack(
            logo_image(profile.logo_url, profile.name),
            rx.vstack(
                rx.heading(profile.name, size="5", as_=heading_as),
                rx.text(profile.kind, " · ", profile.city, color_scheme="gray"),
                spacing="1",
            ),
            spacing="4", align="center",
        ),
        ui.detail_row("profile.field.legal_form", profile.legal_form),
        ui.detail_row("profile.field.address", profile.address),
        ui.detail_row("profile.field.federal_state", profile.federal_state),
        ui.detail_row("profile.field.website", profile.website),
        ui.detail_row("profile.field.phone", profile.phone),
        ui.detail_row("profile.field.email", profile.email),
        ui.detail_row("profile.field.employees", profile.employees),
        ui.detail_row("profile.field.competences", profile.competences),
        ui.detail_row("org.member_since", profile.member_since),
        rx.text(profile.description, white_space="pre-wrap", color_scheme="gray",
                margin_top="0.5em"),
        spacing="2", width="100%",
    )


def value_view(row: rx.Var, side: str) -> rx.Component:
    return rx.cond(
        getattr(row, f"{side}_image") != "",
        rx.image(src=getattr(row, f"{side}_image"), alt=t("profile.field.logo"), width="64px",
                 height="64px", object_fit="contain"),
        rx.text(getattr(row, f"{side}_text"), white_space="pre-wrap", overflow_wrap="anywhere"),
    )


def _difference_table(rows: rx.Var) -> rx.Component:
    return ui.data_table((t("change.field"), t("change.old"), t("change.new")), rows,
                         lambda row: ui.table_row(
                             row.label,
                             rx.table.cell(value_view(row, "old"), color="var(--gray-11)"),
                             rx.table.cell(value_view(row, "new"), font_weight="500"),
                             id="pending-row-" + row.field),
                         caption=t("change.pending_title"))


def _pending_card() -> rx.Component:
    return ui.card(
        rx.hstack(rx.icon("hourglass", color="var(--amber-10)"),
                  rx.heading(t("change.pending_title"), size="4", as_="h2"), align="center"),
        rx.text(OrganizationState.pending.intro, color_scheme="gray"),
        _difference_table(OrganizationState.pending_rows),
        rx.cond(OrganizationState.may_propose, rx.hstack(
            ui.link_button(t("organization.edit_pending"),
                           f"/organizations/{OrganizationState.profile.id}/edit",
                           icon="pencil", variant="soft"),
            _withdraw_button(), spacing="3", wrap="wrap")),
        border_left="4px solid var(--amber-9)",
    )


def _withdraw_button() -> rx.Component:
    return ui.danger_button_confirmed("undo_2", t("change.withdraw"), t("change.withdraw_confirm"),
                                      OrganizationState.withdraw)


def _history_card() -> rx.Component:
    def row(entry: rx.Var) -> rx.Component:
        return rx.table.row(
            rx.table.cell(rx.text(entry.request_created), rx.text(
                entry.request_author, size="1", color_scheme="gray")),
            rx.table.row_header_cell(entry.label),
            rx.table.cell(value_view(entry, "new")),
            rx.table.cell(rx.badge(
                rx.cond(entry.decision == "pending", entry.request_status,
                        entry.decision_label),
                color_scheme=rx.match(entry.decision, ("approved", "green"),
                                      ("rejected", "red"), "gray"))),
            rx.table.cell(rx.text(entry.reason, overflow_wrap="anywhere")),
            rx.table.cell(rx.text(entry.request_decided), rx.text(
                entry.request_decider, size="1", color_scheme="gray")),
        )

    return ui.card(
        rx.heading(t("change.history"), size="4", as_="h2"),
        rx.cond(
            OrganizationState.history.length() > 0,
            ui.data_table([t(key) for key in (
                        N_("change.requested"), N_("change.field"), N_("change.new"),
                        N_("change.decision"), N_("change.reason"), N_("change.decided_by"))],
                          OrganizationState.history, row, size="1",
                          caption=t("change.history")),
            rx.text(t("change.history_empty"), color_scheme="gray"),
        ),
        id="change-history",
    )


def _profile_actions() -> rx.Component:
    org_path = f"/organizations/{OrganizationState.profile.id}"
    return rx.hstack(
        rx.cond(OrganizationState.may_propose & ~OrganizationState.has_pending,
                ui.link_button(t("organization.propose"), org_path + "/edit", icon="pencil")),
        rx.cond(OrganizationState.may_edit_directly,
                ui.link_button(t("organization.edit_directly"), org_path + "/edit", icon="pencil")),
        ui.link_button(t("organization.contacts"), org_path + "/contacts",
                       icon="users", variant="soft"),
        rx.cond(OrganizationState.may_manage_contacts,
                rx.button(rx.icon("archive"), t("gdpr.export_organization"), variant="soft",
                          on_click=rx.download(
                              url=f"/files/organization-data/{OrganizationState.profile.id}.zip"))),
        spacing="3", wrap="wrap",
    )


def _public_buyer_field(label_key: str, name: str, **props) -> rx.Component:
    return ui.checked_field(label_key, name, getattr(OrganizationState.public_buyer, f"{name}_error"),
                            default_value=getattr(OrganizationState.public_buyer, name), **props)


def _public_buyer_card() -> rx.Component:
    """Staff only: the Leitweg-ID that makes an organization a public-sector buyer (XRechnung)."""
    address_hint = N_("public_buyer.address_hint")
    scheme = ui.checked_field(
        "public_buyer.scheme", "einvoice_scheme", OrganizationState.public_buyer.einvoice_scheme_error,
        control=ui.native_select("einvoice_scheme", [("0204", t("public_buyer.scheme_leitweg")),
                                                      ("EM", t("public_buyer.scheme_email"))],
                                 value=OrganizationState.public_buyer.einvoice_scheme,
                                 aria_describedby="error-einvoice_scheme"))
    return ui.card(
        rx.heading(t("public_buyer.title"), size="4", as_="h2"),
        rx.text(t("public_buyer.intro"), size="2", color_scheme="gray"),
        rx.form(rx.vstack(
            rx.grid(
                _public_buyer_field(N_("public_buyer.leitweg_id"), "leitweg_id", max_length=46,
                                    placeholder="991-33333TEST-33", auto_complete="off"),
                _public_buyer_field(N_("public_buyer.einvoice_address"), "einvoice_address",
                                    max_length=254, hint_key=address_hint, auto_complete="off"),
                scheme,
                columns=rx.breakpoints(initial="1", md="3"), spacing="4", width="100%"),
            rx.hstack(rx.button(rx.icon("save"), t("public_buyer.save"), type="submit"),
                      justify="end", width="100%"),
            spacing="3", width="100%"),
            on_submit=OrganizationState.save_public_buyer, key=OrganizationState.buyer_form_key,
            width="100%"),
        id="public-buyer")


@portal_page("/organization", "organization.title", on_load=[OwnOrganizationState.open_own])
def own_organization_page() -> rx.Component:
    return rx.center(rx.spinner(size="3"), padding="4em")


@portal_page("/organizations/[org_id]", "organization.title", on_load=[OrganizationState.load])
def organization_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(rx.vstack(
            rx.heading(rx.cond(OrganizationState.may_edit_directly, t("organization.title_staff"),
                               t("organization.title")), size="7", as_="h1"),
            rx.text(OrganizationState.profile.name, color_scheme="gray"),
            spacing="1", margin_bottom="1em"),
                  rx.spacer(), rx.cond(OrganizationState.loaded, _profile_actions()),
                  width="100%", align="start", wrap="wrap"),
        ui.outcome_callouts(OrganizationState),
        rx.cond(OrganizationState.loaded, rx.vstack(
            rx.cond(OrganizationState.has_pending, _pending_card()),
            ui.card(profile_details(OrganizationState.profile), id="live-profile"),
            rx.cond(OrganizationState.may_edit_directly, _public_buyer_card()),
            _history_card(),
            spacing="4", width="100%")),
        spacing="4", width="100%",
    )


# The edit form ---------------------------------------------------------------------------------

def _text_input(label_key: str, name: str, **props) -> rx.Component:
    return ui.checked_field(label_key, name, getattr(ProfileEditState.errors, name),
                            default_value=getattr(ProfileEditState.values, name), **props)


def _choice(label_key: str, name: str, labels: dict[str, str]) -> rx.Component:
    return ui.checked_field(label_key, name, getattr(ProfileEditState.errors, name),
                            control=ui.native_select(
        name, [(value.value, t(key)) for value, key in labels.items()],
        value=getattr(ProfileEditState.values, name),
        aria_describedby=f"error-{name}"))


def _logo_field() -> rx.Component:
    # Built before checked_field(...): message extraction does not look into its arguments.
    hint_key = N_("logo.upload_hint")
    control = rx.hstack(
        logo_image(ProfileEditState.logo_preview, ProfileEditState.organization_name),
        rx.vstack(
            rx.el.label(rx.upload.root(
                rx.button(rx.icon("upload"), t("logo.choose"), type="button", variant="soft",
                          id="field-logo"),
                id=LOGO_UPLOAD_ID, max_files=1, multiple=False,
                accept={"image/png": [".png"], "image/jpeg": [".jpg", ".jpeg"],
                        "image/webp": [".webp"]},
                on_drop=ProfileEditState.upload_logo(rx.upload_files(upload_id=LOGO_UPLOAD_ID)),
                border="none", padding="0",
            )),
            rx.cond(ProfileEditState.logo_preview != "",
                    rx.button(rx.icon("trash_2"), t("logo.remove"), type="button",
                              variant="ghost", color_scheme="red",
                              on_click=ProfileEditState.remove_logo)),
            rx.cond(ProfileEditState.logo_note != "",
                    rx.text(ProfileEditState.logo_note, size="2", color_scheme="green")),
            spacing="2", align="start"),
        spacing="4", align="center", wrap="wrap")
    return ui.checked_field("profile.field.logo", "logo", ProfileEditState.errors.logo,
                            hint_key=hint_key, control=control)


def _edit_form() -> rx.Component:
    grid = {"columns": rx.breakpoints(initial="1", sm="2"), "spacing": "4", "width": "100%"}
    return ui.keyed_form(
        ProfileEditState, ProfileEditState.submit,
        rx.grid(
            _text_input("profile.field.name", "name", max_length=200),
            _text_input("profile.field.legal_form", "legal_form", max_length=60),
            _choice("profile.field.kind", "kind", KIND_LABELS),
            _text_input("profile.field.employees", "employees", input_mode="numeric"),
            **grid),
        rx.grid(
            _text_input("profile.field.street", "street", auto_complete="street-address"),
            rx.grid(
                _text_input("profile.field.postal_code", "postal_code", input_mode="numeric",
                            auto_complete="postal-code", max_length=10),
                _text_input("profile.field.city", "city"),
                columns="2", spacing="3", width="100%"),
            _choice("profile.field.federal_state", "federal_state", FEDERAL_STATE_LABELS),
            _text_input("profile.field.website", "website", type="url",
                        placeholder="https://"),
            _text_input("profile.field.phone", "phone", type="tel"),
            _text_input("profile.field.email", "email", type="email"),
            **grid),
        ui.competence_field(N_("profile.field.competences"), "competences",
                            ProfileEditState.errors.competences,
                            ProfileEditState.values.competences, ProfileEditState.vocabulary),
        ui.checked_field("profile.field.description", "description",
                         ProfileEditState.errors.description, control=rx.text_area(
                          id="field-description", name="description", rows="6",
                          default_value=ProfileEditState.values.description,
                          max_length=4000, width="100%",
                          aria_describedby="error-description")),
        _logo_field(),
        ui.error_callout(ProfileEditState.error),
        rx.hstack(
            ui.link_button(t("common.cancel"),
                           f"/organizations/{ProfileEditState.organization_id}",
                           variant="soft", color_scheme="gray", type="button"),
            rx.button(rx.icon("send"), rx.cond(
                ProfileEditState.direct, t("change.save_directly"),
                rx.cond(ProfileEditState.has_pending, t("change.update_proposal"),
                        t("change.submit_proposal"))), type="submit", size="3"),
            justify="end", spacing="3", width="100%", wrap="wrap"))


@portal_page("/organizations/[org_id]/edit", "change.edit_title",
             on_load=[ProfileEditState.load])
def organization_edit_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("change.edit_title", ProfileEditState.organization_name),
        rx.cond(ProfileEditState.loaded, rx.vstack(
            rx.callout(rx.cond(ProfileEditState.direct, t("change.edit_direct_intro"),
                               t("change.edit_intro")), icon="info", width="100%"),
            rx.cond(ProfileEditState.has_pending,
                    rx.callout(t("change.edit_pending_note"), icon="hourglass",
                               color_scheme="amber", width="100%")),
            ui.card(_edit_form()),
            spacing="4", width="100%"),
            ui.error_callout(ProfileEditState.error)),
        spacing="4", width="100%",
    )
