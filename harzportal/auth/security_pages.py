"""The security page: passkeys, and the authenticator app as second factor with its recovery
codes."""

from __future__ import annotations

import reflex as rx

from harzportal.auth.security_state import SecurityState
from harzportal.auth.views import PasskeyRowView
from harzportal.shell.layout import portal_page
from harzportal.shell.text import t
from harzportal.ui import components as ui


PASSKEY_SCRIPT = "/passkeys.js"


def passkey_script() -> rx.Component:
    """assets/passkeys.js, deferred in the head of every page: the buttons with data-passkey call
    navigator.credentials. Inserted by a page, it came after the page was interactive, and an
    early click did nothing; now a button takes clicks only once the script has run
    (assets/contrast.css) and the page is hydrated (its `disabled`)."""
    return rx.el.script(src=PASSKEY_SCRIPT, defer=True)


def _passkey_row(passkey: PasskeyRowView) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(passkey.name, weight="medium")),
        rx.table.cell(passkey.created_on),
        rx.table.cell(passkey.last_used_on),
        rx.table.cell(rx.hstack(
            rx.popover.root(
                rx.popover.trigger(rx.button(t("passkey.rename"), size="1", variant="soft")),
                rx.popover.content(rx.form(
                    rx.vstack(
                        rx.el.input(type="hidden", name="passkey_id", value=passkey.id),
                        ui.field("passkey.name", "name", default_value=passkey.name,
                                 max_length=60),
                        rx.button(t("passkey.rename"), type="submit", size="2"),
                        spacing="2"),
                    on_submit=SecurityState.rename_passkey)),
            ),
            rx.popover.root(
                rx.popover.trigger(rx.button(t("passkey.remove"), size="1", variant="soft",
                                             color_scheme="red")),
                rx.popover.content(rx.form(
                    rx.vstack(
                        rx.el.input(type="hidden", name="passkey_id", value=passkey.id),
                        rx.text(t("passkey.remove_intro"), size="2"),
                        ui.field("passkey.secret", "secret", type="password",
                                 autocomplete="current-password"),
                        rx.button(t("passkey.remove"), type="submit", size="2",
                                  color_scheme="red", class_name="passkey-remove-confirm"),
                        spacing="2"),
                    on_submit=SecurityState.remove_passkey)),
            ),
            spacing="2", wrap="wrap")),
    )


def _passkeys_card() -> rx.Component:
    return ui.card(
        rx.heading(t("passkey.title"), size="4", as_="h2"),
        rx.text(t("passkey.intro"), size="2", color_scheme="gray"),
        rx.cond(SecurityState.passkeys.length() > 0,
                ui.data_table([t("passkey.name"), t("passkey.created"), t("passkey.last_used"),
                               t("admin.actions")], SecurityState.passkeys, _passkey_row,
                              caption=t("passkey.title"))),
        ui.keyed_form(
            SecurityState, SecurityState.add_passkey,
            ui.field("passkey.name", "name", max_length=60, placeholder=t("passkey.example")),
            rx.el.input(type="hidden", name="credential", default_value=""),
            rx.button(rx.icon("key_round"), t("passkey.add"), type="button",
                      disabled=~SecurityState.is_hydrated,  # its form submits through the page
                      custom_attrs={"data-passkey": "register"}, id="passkey-add"),
        ),
    )


def _code_field() -> rx.Component:
    return ui.field("factor.code", "code", autocomplete="one-time-code", inputmode="numeric",
                    max_length=64)


def _enrolment() -> rx.Component:
    """The QR code and the secret for the app, and the first code from it."""
    enrolment = SecurityState.enrolment
    return rx.vstack(
        rx.text(t("factor.scan"), size="2"),
        rx.image(src=enrolment.qr_code, alt=t("factor.qr_alt"), width="14em", height="14em",
                 id="totp-qr"),
        rx.text(t("factor.secret_label"), size="2", color_scheme="gray"),
        rx.code(enrolment.secret, id="totp-secret", size="3"),
        ui.keyed_form(SecurityState, SecurityState.confirm_totp, _code_field(),
                      rx.button(t("factor.confirm"), type="submit", id="totp-confirm")),
        spacing="3", width="100%",
    )


def _recovery_codes() -> rx.Component:
    return rx.cond(
        SecurityState.recovery_codes.length() > 0,
        rx.callout(
            rx.vstack(
                rx.text(t("factor.recovery_once"), weight="bold"),
                rx.el.ul(rx.foreach(SecurityState.recovery_codes,
                                    lambda code: rx.el.li(rx.code(code))),
                         id="recovery-codes"),
                spacing="2",
            ),
            icon="key_round", color_scheme="amber", width="100%",
        ),
    )


def _enabled() -> rx.Component:
    factor = SecurityState.factor
    return rx.vstack(
        ui.detail_row("factor.enrolled_on", factor.enrolled_on),
        rx.text(factor.recovery_codes_left, size="2", id="recovery-left"),
        rx.heading(t("factor.disable_title"), size="3", as_="h3"),
        rx.text(t("factor.disable_intro"), size="2", color_scheme="gray"),
        ui.keyed_form(SecurityState, SecurityState.disable_totp, _code_field(),
                      rx.button(t("factor.disable"), type="submit", color_scheme="red",
                                variant="soft", id="totp-disable")),
        spacing="3", width="100%",
    )


@portal_page("/account/security", "factor.page_title", on_load=[SecurityState.open_security])
def security_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("factor.page_title"),
        rx.cond(SecurityState.must_enrol,
                rx.callout(t("factor.must_enrol"), icon="shield_alert", color_scheme="amber",
                           role="alert", width="100%", id="must-enrol")),
        ui.outcome_callouts(SecurityState),
        _recovery_codes(),
        _passkeys_card(),
        ui.card(
            rx.heading(t("factor.totp_title"), size="4", as_="h2"),
            rx.text(t("factor.totp_intro"), size="2", color_scheme="gray"),
            rx.cond(
                SecurityState.factor.totp_enabled,
                _enabled(),
                rx.cond(SecurityState.enrolment.secret != "", _enrolment(),
                        rx.button(t("factor.start"), on_click=SecurityState.start_totp,
                                  id="totp-start")),
            ),
        ),
        spacing="4",
        width="100%",
    )
