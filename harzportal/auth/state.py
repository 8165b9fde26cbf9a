"""The session every page shares (PortalState) and the states of the public auth pages.

Handlers of the login, forgot-password, reset and invitation pages are the only ones that work
without a session; every other handler of every State is wrapped by `requires_session`.
"""

from __future__ import annotations

import logging

import reflex as rx

from harzportal import db
from harzportal.auth import service, sessions
from harzportal.auth.guard import requires_session
from harzportal.auth.models import User
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.i18n import LANGUAGES, language_or_default, translate
from harzportal.core.ids import parse_id
from harzportal.invoices.access import may_view_invoices
from harzportal.mail.sender import wake_sender
from harzportal.organizations.models import Organization
from harzportal.settings import settings

SESSION_COOKIE = "hp_session"
LOGIN_PATH = "/login"
HOME_PATH = "/dashboard"
log = logging.getLogger("harzportal.auth")


def _identity_view(session, actor: Actor) -> dict:
    user = session.get(User, actor.user_id)
    organization = session.get(Organization, user.organization_id) if user.organization_id else None
    return {
        "name": user.full_name,
        "email": user.email,
        "role": user.role,
        "organization": organization.name if organization else settings.network_name,
        "language": user.preferred_language,
        "may_view_invoices": may_view_invoices(session, actor, actor.organization_id),
    }


class PortalState(rx.State):
    """Shared by every page: the session cookie, the language and who is signed in (for display)."""

    session_token: str = rx.Cookie(
        "",
        name=SESSION_COOKIE,
        path="/",
        same_site="strict",
        secure=settings.cookies_secure,
        max_age=settings.session_absolute_hours * 3600,
    )
    lang: str = rx.LocalStorage("de", name="hp_lang", sync=True)
    signed_in: bool = False
    user_name: str = ""
    user_email: str = ""
    user_role: str = ""
    organization_name: str = ""
    may_view_invoices: bool = False  # shows the invoices entry; the pages check it themselves
    service_problem: str = ""  # set while the database cannot be reached (auth/guard.py)

    @rx.var
    def is_staff(self) -> bool:
        return self.user_role == "network_admin"

    def _text(self, key: str, **values) -> str:
        return translate(key, self.lang, **values)

    def _error_text(self, error: DomainError) -> str:
        return translate(error.message_key, self.lang, **error.values)

    def _service_unavailable(self) -> None:
        self.service_problem = self._text("service.unavailable")

    def _service_available(self) -> None:
        if self.service_problem:
            self.service_problem = ""

    def _route_id(self) -> int | None:
        """The first numeric segment of the page's path (/organizations/12/edit -> 12)."""
        for segment in self.router.url.path.split("/"):
            if segment.isdigit():
                return parse_id(segment)
        return None

    def _client_ip(self) -> str:
        return self.router.session.client_ip or ""

    async def _current_actor(self) -> Actor | None:
        return await db.run_in_unit_of_work(
            sessions.resolve_session, self.session_token, self._client_ip()
        )

    def _clear_identity(self) -> None:
        self.signed_in = False
        self.user_name = self.user_email = self.user_role = self.organization_name = ""
        self.may_view_invoices = False

    async def _signed_out(self):
        self._clear_identity()
        return rx.redirect(LOGIN_PATH, replace=True)

    def _forbidden(self):
        return rx.redirect(HOME_PATH, replace=True)

    def _apply_identity(self, view: dict) -> None:
        self.signed_in = True
        self.user_name = view["name"]
        self.may_view_invoices = view["may_view_invoices"]
        self.user_email = view["email"]
        self.user_role = view["role"]
        self.organization_name = view["organization"]
        self.lang = language_or_default(view["language"])

    @requires_session
    async def check_session(self, actor: Actor):
        """on_load of every protected page."""
        self._apply_identity(await db.run_in_unit_of_work(_identity_view, actor))

    @requires_session
    async def switch_language(self, actor: Actor, language: str | list[str]):
        if language not in LANGUAGES:
            return
        await db.run_in_unit_of_work(service.set_language, actor, language)
        self.lang = language
        # Reload the page so texts formatted on the server (dates, kinds, roles) follow too.
        url = self.router.url
        return rx.redirect(f"{url.path}?{url.query}" if url.query else url.path, replace=True)

    @requires_session
    async def logout(self, actor: Actor):
        token = self.session_token
        await db.run_in_unit_of_work(service.sign_out, token, actor)
        self.session_token = ""
        self._clear_identity()
        for substate in self.substates.values():
            substate.reset()
        return rx.redirect(LOGIN_PATH)


class PublicPageState(PortalState):
    """Base of the pages that work without a session: a message and the language choice."""

    message: str = ""
    error: str = ""
    busy: bool = False

    def choose_language(self, language: str | list[str]):
        if language in LANGUAGES:
            self.lang = language


class LoginState(PublicPageState):
    async def open_login(self):
        """on_load of the login page: a visitor who is signed in already goes to the dashboard."""
        self.error = ""
        try:
            if self.session_token and await self._current_actor() is not None:
                return rx.redirect(HOME_PATH, replace=True)
        except Exception as error:
            self._unless_unavailable(error)

    def _unless_unavailable(self, error: Exception) -> None:
        """Show "service unavailable" when the database cannot be reached; re-raise the rest."""
        if not db.database_unavailable(error):
            raise error
        log.error("Database unavailable on the login page: %s", type(error).__name__)
        self.error = self._text("service.unavailable")

    async def sign_in(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.busy = True
        yield
        try:
            result = await db.run_in_unit_of_work(
                service.sign_in, form.get("email"), form.get("password"), self._client_ip(),
                self.session_token,
            )
        except Exception as error:
            self.busy = False
            self._unless_unavailable(error)
            return
        self.busy = False
        if result.token is None:
            self.error = self._text(result.error_key)
            return
        self.error = ""
        self.session_token = result.token
        self.lang = language_or_default(result.language)
        yield rx.redirect(HOME_PATH, replace=True)


class ForgotPasswordState(PublicPageState):
    sent: bool = False

    def open_forgot(self):
        self.sent = False
        self.error = ""

    async def request_link(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        await db.run_in_unit_of_work(
            service.request_password_reset, form.get("email"), self._client_ip()
        )
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

    def _passwords_from(self, form_data: object) -> str | None:
        form = form_data if isinstance(form_data, dict) else {}
        password = form.get("password")
        if password != form.get("password_repeat"):
            self.error = self._text("password.mismatch")
            return None
        return password


class ResetPasswordState(_TokenPageState):
    def open_reset(self):
        self._start()
        if not self._link_token():
            self.token_problem = self._text("token.invalid")

    async def set_new_password(self, form_data: dict):
        password = self._passwords_from(form_data)
        if password is None:
            return
        try:
            await db.run_in_unit_of_work(
                service.reset_password, self._link_token(), password, self._client_ip()
            )
        except DomainError as error:
            self.error = self._error_text(error)
            return
        self.error = ""
        self.done = True


class InvitationState(_TokenPageState):
    invitee_name: str = ""
    invitee_email: str = ""
    invitee_organization: str = ""

    async def open_invitation(self):
        self._start()
        try:
            view = await db.run_in_unit_of_work(service.describe_invitation, self._link_token())
        except DomainError as error:
            self.token_problem = self._error_text(error)
            return
        self.invitee_name = view["full_name"]
        self.invitee_email = view["email"]
        self.invitee_organization = view["organization"]

    async def accept(self, form_data: dict):
        password = self._passwords_from(form_data)
        if password is None:
            return
        try:
            await db.run_in_unit_of_work(
                service.accept_invitation, self._link_token(), password, self._client_ip()
            )
        except DomainError as error:
            self.error = self._error_text(error)
            return
        self.error = ""
        self.done = True
