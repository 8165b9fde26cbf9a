"""The states of the public auth pages (sign-in, forgotten password, reset, invitation).

Handlers of the login, forgot-password, reset and invitation pages are the only ones that work
without a session; every other handler of every State is wrapped by `requires_session`.
"""

from __future__ import annotations

import asyncio
import logging

import reflex as rx

from harzportal import db
from harzportal.accounts import service, throttle
from harzportal.accounts.presenter import sign_in_refusal
from harzportal.auth.forms import (
    CodeForm,
    ForgotPasswordForm,
    NewPasswordForm,
    PasskeyForm,
    SignInForm,
)
from harzportal.core.forms import parse_form
from harzportal.core.i18n import LANGUAGES, language_or_default
from harzportal.mail.sender import wake_sender
from harzportal.shell.session_routes import start_url
from harzportal.shell.state import HOME_PATH, PortalState

log = logging.getLogger("harzportal.auth")


class PublicPageState(PortalState):
    """Base of the pages that work without a session: a message and the language choice."""

    message: str = ""
    error: str = ""
    busy: bool = False

    def choose_language(self, language: str | list[str]):
        if language in LANGUAGES:
            self.lang = language


class LoginState(PublicPageState):
    # The password was right and the account's second factor is asked for. Its pending
    # sign-in's token is backend-only: it never reaches the browser (accounts/second_step).
    awaiting_code: bool = False
    _pending_token: str = ""

    async def open_login(self):
        """on_load of the login page: a visitor who is signed in already goes to the dashboard."""
        self.error = ""
        self.awaiting_code, self._pending_token = False, ""
        try:
            if self._connection_token() and await self._current_actor() is not None:
                return rx.redirect(HOME_PATH, replace=True)
        except Exception as error:
            self._unless_unavailable(error)

    def _unless_unavailable(self, error: Exception) -> None:
        """Show "service unavailable" when the database cannot be reached; re-raise the rest."""
        if not db.database_unavailable(error):
            raise error
        log.error("Database unavailable on the login page: %s", type(error).__name__)
        self.error = self._text("service.unavailable")

    async def _checked(self, work, *args):
        """`work(*args)` after the client address's throttling delay, or None (shown) when the
        database cannot be reached."""
        try:
            # A busy client address waits before the check (on the event loop, not a thread).
            await asyncio.sleep(await db.run_in_unit_of_work(throttle.address_delay,
                                                             self._client_ip()))
            return await db.run_in_unit_of_work(work, *args)
        except Exception as error:
            self._unless_unavailable(error)
            return None

    def _follow(self, result) -> None:
        """Show a refusal, ask for the second factor, or go to the HTTP answer that sets the
        cookie with the ticket (a full page load: the next socket carries it)."""
        self._pending_token = result.pending or ""
        self.awaiting_code = result.pending is not None
        if result.ticket is None:
            self.error = sign_in_refusal(result.error_key, self.lang) if result.error_key else ""
            return
        self.error = ""
        self.lang = language_or_default(result.language)
        self.navigate_to = start_url(result.ticket)

    async def sign_in(self, form_data: dict):
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(SignInForm, form_data)
        if outcome.refused:
            return
        self.busy = True
        yield
        result = await self._checked(service.sign_in_for_browser, form.email, form.password,
                                     self._client_ip(), self._connection_token())
        self.busy = False
        if result is not None:
            self._follow(result)

    async def verify_code(self, form_data: dict):
        """The second step of a sign-in: a code of the app or a recovery code."""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(CodeForm, form_data)
        if outcome.refused or not self._pending_token:
            self.awaiting_code = bool(self._pending_token)
            return
        self.busy = True
        yield
        result = await self._checked(service.complete_sign_in_for_browser, self._pending_token,
                                     form.code, self._client_ip(), self._connection_token())
        self.busy = False
        if result is not None:
            self._follow(result)

    async def sign_in_with_passkey(self, form_data: dict):
        """A passkey's answer (assets/passkeys.js submits it): two factors at once."""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(PasskeyForm, form_data)
        if outcome.refused:
            return
        self.busy = True
        yield
        result = await self._checked(service.sign_in_with_passkey_for_browser, form.credential,
                                     self._client_ip(), self._connection_token())
        self.busy = False
        if result is not None:
            self._follow(result)

    def cancel_code(self):
        """Back to the password form (the pending sign-in expires on its own)."""
        self.awaiting_code, self._pending_token, self.error = False, "", ""


class ForgotPasswordState(PublicPageState):
    sent: bool = False

    def open_forgot(self):
        self.sent = False
        self.error = ""

    async def request_link(self, form_data: dict):
        """The answer is the same whether an account exists or not (and for a forged form)."""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(ForgotPasswordForm, form_data)
            await db.run_in_unit_of_work(
                service.request_password_reset, form.email, self._client_ip()
            )
        if not outcome.refused:
            wake_sender()
        self.sent = True


class _TokenPageState(PublicPageState):
    """Reset and invitation pages: the token comes from the link's query string."""

    done: bool = False
    token_problem: str = ""

    def _link_token(self) -> str:
        return self.router.url.query_parameters.get("token", "")

    def _start(self) -> None:
        self.done = False
        self.error = ""
        self.token_problem = ""

    async def _set_password_with(self, redeem, form_data: object) -> None:
        """The new password, typed twice, redeemed with the link's token (`redeem`)."""
        with self._refusal_shown_in("error") as outcome:
            form = parse_form(NewPasswordForm, form_data)
            await db.run_in_unit_of_work(redeem, self._link_token(), form.password,
                                         self._client_ip())
        self.done = not outcome.refused


class ResetPasswordState(_TokenPageState):
    def open_reset(self):
        self._start()
        if not self._link_token():
            self.token_problem = self._text("token.invalid")

    async def set_new_password(self, form_data: dict):
        await self._set_password_with(service.reset_password, form_data)


class InvitationState(_TokenPageState):
    invitee_name: str = ""
    invitee_email: str = ""
    invitee_organization: str = ""

    async def open_invitation(self):
        self._start()
        with self._refusal_shown_in("token_problem") as outcome:
            invitation = await db.run_in_unit_of_work(service.describe_invitation,
                                                      self._link_token())
        if outcome.refused:
            return
        self.invitee_name = invitation.full_name
        self.invitee_email = invitation.email
        self.invitee_organization = invitation.organization

    async def accept(self, form_data: dict):
        await self._set_password_with(service.accept_invitation, form_data)
