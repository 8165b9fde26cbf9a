"""Login, forgot password, reset password and invitation pages."""

from __future__ import annotations


import reflex as rx

from harzportal.accounts.labels import ROLE_LABELS
from harzportal.accounts.passwords import MAX_LENGTH, MIN_LENGTH
from harzportal.accounts.presenter import forgot_sent_text
from harzportal.auth.account_state import AccountState
from harzportal.circulars.pages import circular_choices_card
from harzportal.circulars.state import CircularChoicesState
from harzportal.auth.state import (
    ForgotPasswordState,
    InvitationState,
    LoginState,
    PublicPageState,
    ResetPasswordState,
)
from harzportal.core.i18n import N_
from harzportal.gdpr.routes import PERSON_URL
from harzportal.settings import settings
from harzportal.shell.layout import DocumentLanguage, language_switch, portal_page, public_page
from harzportal.shell.state import PortalState
from harzportal.shell.text import in_reader_language, t, t_choice
from harzportal.ui import components as ui


def _public_frame(*children) -> rx.Component:
    return rx.center(
        DocumentLanguage.create(),
        rx.el.main(rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.text(settings.network_short_name, size="6", weight="bold",
                            color=settings.brand_color),
                    rx.text(settings.network_name, size="2", color_scheme="gray"),
                    spacing="0",
                ),
                rx.spacer(),
                language_switch(PublicPageState.choose_language),
                width="100%",
                align="center",
            ),
            rx.card(rx.vstack(*children, spacing="4", width="100%"), size="4", width="100%"),
            spacing="4",
            width="100%",
        ), width="100%", max_width="26em"),
        min_height="100vh",
        padding="1em",
        background_color="var(--gray-2)",
    )


def _password_rules() -> rx.Component:
    return rx.text(t("auth.password_rules", min=MIN_LENGTH, max=MAX_LENGTH), size="1",
                   color_scheme="gray")


def _back_to_login() -> rx.Component:
    return rx.link(t("auth.back_to_login"), href="/login", size="2")


def _new_password_fields() -> list[rx.Component]:
    return [
        ui.field("auth.new_password", "password", type="password", autocomplete="new-password"),
        ui.field("auth.new_password_repeat", "password_repeat", type="password",
                 autocomplete="new-password"),
        _password_rules(),
    ]


def _password_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            ui.field("auth.email", "email", type="email", autocomplete="username"),
            ui.field("auth.password", "password", type="password",
                     autocomplete="current-password"),
            ui.error_callout(LoginState.error),
            rx.button(t("auth.login_button"), type="submit", size="3", width="100%",
                      loading=LoginState.busy, id="login-submit"),
            spacing="3",
            width="100%",
        ),
        on_submit=LoginState.sign_in,
        reset_on_submit=False,
        width="100%",
    )


def _code_form() -> rx.Component:
    """The second step: a code of the authenticator app or a recovery code."""
    return rx.form(
        rx.vstack(
            rx.text(t("auth.code_intro"), size="2"),
            ui.field("auth.code", "code", autocomplete="one-time-code", inputmode="numeric",
                     max_length=64),
            rx.text(t("auth.code_recovery_hint"), size="1", color_scheme="gray"),
            ui.error_callout(LoginState.error),
            rx.button(t("auth.code_button"), type="submit", size="3", width="100%",
                      loading=LoginState.busy, id="code-submit"),
            rx.button(t("auth.code_cancel"), type="button", variant="ghost", size="2",
                      on_click=LoginState.cancel_code, id="code-cancel"),
            spacing="3",
            width="100%",
        ),
        on_submit=LoginState.verify_code,
        reset_on_submit=True,
        width="100%",
    )


def _passkey_form() -> rx.Component:
    """"Mit Passkey anmelden": no address typed (assets/passkeys.js submits the answer)."""
    return rx.form(
        rx.el.input(type="hidden", name="credential", default_value=""),
        rx.button(rx.icon("key_round"), t("passkey.sign_in"), type="button", size="3",
                  width="100%", variant="outline", loading=LoginState.busy,
                  disabled=~LoginState.is_hydrated,  # its form submits through the page
                  custom_attrs={"data-passkey": "sign-in"}, id="passkey-sign-in"),
        on_submit=LoginState.sign_in_with_passkey,
        width="100%",
    )


@public_page("/login", "auth.login_title", on_load=LoginState.open_login)
def login_page() -> rx.Component:
    return _public_frame(
        rx.heading(t("auth.login_title"), size="5", as_="h1"),
        rx.cond(LoginState.awaiting_code, _code_form(), _password_form()),
        rx.text(t("passkey.or"), size="2", color_scheme="gray", align="center", width="100%"),
        _passkey_form(),
        rx.link(t("auth.forgot_link"), href="/forgot-password", size="2"),
    )


@public_page("/forgot-password", "auth.forgot_title", on_load=ForgotPasswordState.open_forgot)
def forgot_password_page() -> rx.Component:
    return _public_frame(
        rx.heading(t("auth.forgot_title"), size="5", as_="h1"),
        rx.cond(
            ForgotPasswordState.sent,
            ui.success_callout(in_reader_language(forgot_sent_text)),
            rx.form(
                rx.vstack(
                    rx.text(t("auth.forgot_intro"), size="2"),
                    ui.field("auth.email", "email", type="email", autocomplete="username"),
                    rx.button(t("auth.forgot_button"), type="submit", size="3", width="100%"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=ForgotPasswordState.request_link,
                width="100%",
            ),
        ),
        _back_to_login(),
    )


def _token_page(state, title_key: str, intro: rx.Component, button_key: str, done_key: str,
                on_submit) -> rx.Component:
    return _public_frame(
        rx.heading(t(title_key), size="5", as_="h1"),
        rx.cond(
            state.token_problem != "",
            rx.callout(state.token_problem, icon="triangle_alert", color_scheme="red",
                       role="alert"),
            rx.cond(
                state.done,
                ui.success_callout(t(done_key)),
                rx.form(
                    rx.vstack(
                        intro,
                        *_new_password_fields(),
                        ui.error_callout(state.error),
                        rx.button(t(button_key), type="submit", size="3", width="100%"),
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=on_submit,
                    width="100%",
                ),
            ),
        ),
        _back_to_login(),
    )


@public_page("/reset-password", "auth.reset_title", on_load=ResetPasswordState.open_reset)
def reset_password_page() -> rx.Component:
    return _token_page(ResetPasswordState, N_("auth.reset_title"),
                       rx.text(t("auth.reset_intro")), N_("auth.reset_button"),
                       N_("auth.reset_done"), ResetPasswordState.set_new_password)


@public_page("/invitation", "auth.invitation_title", on_load=InvitationState.open_invitation)
def invitation_page() -> rx.Component:
    intro = rx.vstack(
        rx.text(t("auth.invitation_hello"), " ", InvitationState.invitee_name, weight="bold"),
        rx.text(t("auth.invitation_intro"), " ", InvitationState.invitee_organization, "."),
        rx.text(InvitationState.invitee_email, size="2", color_scheme="gray"),
        spacing="1",
    )
    return _token_page(InvitationState, N_("auth.invitation_title"), intro,
                       N_("auth.invitation_button"), N_("auth.invitation_done"),
                       InvitationState.accept)


def _account_password_card() -> rx.Component:
    return ui.card(
        rx.heading(t("account.password_title"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                ui.field("account.current_password", "current_password", type="password",
                         autocomplete="current-password"),
                ui.field("auth.new_password", "new_password", type="password",
                         autocomplete="new-password"),
                ui.field("auth.new_password_repeat", "new_password_repeat", type="password",
                         autocomplete="new-password"),
                _password_rules(),
                ui.error_callout(AccountState.password_error),
                ui.message_callout(AccountState.password_message),
                rx.button(t("account.password_button"), type="submit", size="3"),
                spacing="3",
                width="100%",
            ),
            on_submit=AccountState.change_password,
            reset_on_submit=True,
            key=AccountState.form_key,
            width="100%",
        ),
    )


def _account_details_card() -> rx.Component:
    details = AccountState.details
    return ui.card(
        rx.heading(t("details.title"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                rx.grid(
                    ui.field("account.name", "full_name", autocomplete="name",
                             default_value=details.full_name, max_length=200),
                    ui.field("contacts.job_title", "job_title", autocomplete="organization-title",
                             required=False, default_value=details.job_title, max_length=200),
                    ui.field("contacts.phone", "phone", type="tel", autocomplete="tel",
                             required=False, default_value=details.phone, max_length=50),
                    columns=rx.breakpoints(initial="1", md="3"), spacing="3", width="100%"),
                rx.el.label(
                    rx.hstack(rx.checkbox(name="listed_in_directory",
                                          default_checked=details.listed,
                                          aria_label=t("details.listed")),
                              rx.text(t("details.listed")), spacing="2", align="center"),
                ),
                ui.error_callout(AccountState.details_error),
                ui.message_callout(AccountState.details_message),
                rx.button(t("details.save"), type="submit"),
                spacing="3", width="100%", align="start",
            ),
            on_submit=AccountState.save_details,
            key=AccountState.details_key,
            width="100%",
        ),
    )


def _account_data_card() -> rx.Component:
    return ui.card(
        rx.heading(t("gdpr.title"), size="4", as_="h2"),
        rx.text(t("gdpr.intro"), color_scheme="gray", size="2"),
        rx.button(rx.icon("download"), t("gdpr.download_mine"), variant="soft",
                  on_click=rx.download(url=PERSON_URL), id="download-my-data"),
    )


def _account_language_card() -> rx.Component:
    return ui.card(
        rx.heading(t("account.language_title"), size="4", as_="h2"),
        rx.text(t("account.language_intro"), size="2", color_scheme="gray"),
        rx.hstack(
            # Each language named in itself, and marked as such for screen readers.
            rx.button("Deutsch", variant=rx.cond(PortalState.lang == "de", "solid", "outline"),
                      on_click=PortalState.switch_language("de"), id="language-de", lang="de"),
            rx.button("English", variant=rx.cond(PortalState.lang == "en", "solid", "outline"),
                      on_click=PortalState.switch_language("en"), id="language-en", lang="en"),
            spacing="3",
        ),
    )


@portal_page("/account", "account.title",
             on_load=[AccountState.open_account, CircularChoicesState.load])
def account_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("account.title"),
        ui.card(
            rx.heading(t("account.profile_title"), size="4", as_="h2"),
            ui.detail_row("account.name", PortalState.user_name),
            ui.detail_row("account.email", PortalState.user_email),
            ui.detail_row("account.organization", PortalState.organization_name),
            ui.detail_row("account.role", t_choice(PortalState.user_role, ROLE_LABELS)),
        ),
        _account_details_card(),
        ui.card(
            rx.heading(t("factor.title"), size="4", as_="h2"),
            rx.text(t("factor.account_intro"), size="2", color_scheme="gray"),
            ui.link_button(t("factor.open"), "/account/security", icon="shield-check"),
        ),
        circular_choices_card(),
        rx.grid(_account_password_card(), rx.vstack(_account_language_card(),
                                                     _account_data_card(), spacing="4"),
                columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
        spacing="4",
        width="100%",
    )
