"""The security page: the authenticator app as second factor, and its recovery codes."""

from __future__ import annotations

import reflex as rx

from harzportal.auth.security_state import SecurityState
from harzportal.shell.layout import portal_page
from harzportal.shell.session_routes import ENROLMENT_PATH
from harzportal.shell.text import t
from harzportal.ui import components as ui


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


@portal_page(ENROLMENT_PATH, "factor.page_title", on_load=[SecurityState.open_security])
def security_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("factor.page_title"),
        rx.cond(SecurityState.must_enrol,
                rx.callout(t("factor.must_enrol"), icon="shield_alert", color_scheme="amber",
                           role="alert", width="100%", id="must-enrol")),
        ui.outcome_callouts(SecurityState),
        _recovery_codes(),
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
