"""PortalState: the state every page shares (the language, who is signed in, for display).

Who is signed in is never part of this state: every event resolves the person from the
`hp_session` cookie of its own connection (`shell/connection.py`); the state only remembers
which session it was filled for (`_session_ref`, backend-only), and is reset when that differs.

The shell imports no domain. A domain that decides what the shell shows (the invoices entry of
the navigation, say) contributes a named flag with `contribute_flag`; the shell evaluates every
contributed flag when a page opens and keeps the names of those that hold in `flags`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from harzportal import db
from harzportal.accounts import service
from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.i18n import LANGUAGES, language_or_default, translate
from harzportal.core.ids import parse_id
from harzportal.organizations.models import Organization
from harzportal.settings import settings
from harzportal.shell import connection
from harzportal.shell.connection import SESSION_COOKIE
from harzportal.shell.guard import requires_session_while_enrolling
from harzportal.shell.session_routes import END_PATH, ENROLMENT_PATH, HOME_PATH, LOGIN_PATH
from harzportal.shell.views import Identity

__all__ = ["HOME_PATH", "LOGIN_PATH", "SESSION_COOKIE", "PortalState", "contribute_flag"]
log = logging.getLogger("harzportal.auth")

FlagProvider = Callable[[Session, Actor], bool]
_FLAG_PROVIDERS: dict[str, FlagProvider] = {}


def contribute_flag(name: str, provider: FlagProvider) -> None:
    """A domain's yes-or-no question about the signed-in person that the shell shows (e.g.
    `may_view_invoices`); its pages check the permission themselves."""
    _FLAG_PROVIDERS[name] = provider


def identity_of(session: Session, actor: Actor) -> Identity:
    user = session.get(User, actor.user_id)
    organization = session.get(Organization, user.organization_id) if user.organization_id else None
    return Identity(
        name=user.full_name,
        email=user.email,
        role=user.role,
        organization=organization.name if organization else settings.network_name,
        language=language_or_default(user.preferred_language),
        flags=tuple(sorted(name for name, holds in _FLAG_PROVIDERS.items()
                           if holds(session, actor))),
    )


@dataclass
class Outcome:
    """What `PortalState._refusal_shown_in` saw: whether the service refused, and with what."""

    refused: bool = False
    error: DomainError | None = None
    result: object = None  # what the work returned (`PortalState._run_shown`)


class PortalState(rx.State):
    """Shared by every page: the language and who is signed in (for display)."""

    lang: str = rx.LocalStorage("de", name="hp_lang", sync=True)
    signed_in: bool = False
    user_name: str = ""
    user_email: str = ""
    user_role: str = ""
    organization_name: str = ""
    flags: list[str] = []  # contributed flags that hold (contribute_flag); for the eye only
    service_problem: str = ""  # set while the database cannot be reached (shell/guard.py)
    # Where the browser goes by a full page load (shell/layout.FullNavigation): the HTTP
    # answers that set and clear the cookie (sign-in ticket, logout); cleared on every load.
    navigate_to: str = ""
    # Which of our sessions this tab's state was filled for (its row id; "" for none).
    _session_ref: str = ""

    @rx.var
    def is_staff(self) -> bool:
        return self.user_role == "network_admin"

    def _text(self, key: str, **values) -> str:
        return translate(key, self.lang, **values)

    def _error_text(self, error: DomainError) -> str:
        return translate(error.message_key, self.lang, **error.values)

    @contextlib.contextmanager
    def _refusal_shown_in(self, message_var: str = "error") -> Iterator[Outcome]:
        """The one way a handler turns a service's refusal into a message on screen:

            with self._refusal_shown_in("error") as outcome:
                view = await db.run_in_unit_of_work(service.get_thing, actor, thing_id)
            if outcome.refused:
                return

        A `DomainError` inside the block puts its text (in the reader's language) into
        `message_var` and ends the block; success clears that message."""
        outcome = Outcome()
        try:
            yield outcome
        except DomainError as error:
            outcome.refused, outcome.error = True, error
            setattr(self, message_var, self._error_text(error))
        else:
            setattr(self, message_var, "")

    async def _run_shown(self, work: Callable, *args, refusal_in: str = "error") -> Outcome:
        """`work(*args)` in one unit of work, its refusal shown in `refusal_in`:

            loaded = await self._run_shown(service.get_thing, actor, self._route_id())
            if loaded.refused:
                return
            self.thing = presenter.thing_view(loaded.result, self.lang)
        """
        with self._refusal_shown_in(refusal_in) as outcome:
            outcome.result = await db.run_in_unit_of_work(work, *args)
        return outcome

    async def _change_and_reload(self, actor: Actor, work: Callable, *args,
                                 success_key: str) -> None:
        """Run the change `work(actor, *args)`; then show the page as it is now (`_reload`) with
        the change's outcome: `success_key`'s text in `message`, or the refusal in `error`."""
        self.message = ""
        if not (await self._run_shown(work, actor, *args)).refused:
            self.message = self._text(success_key)
        error = self.error
        await self._reload(actor)
        self.error = self.error or error

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
        return connection.client_ip(self)

    def _connection_token(self) -> str:
        """The session token in the cookie of the current event's own connection."""
        return connection.connection_token(self)

    async def _current_actor(self) -> Actor | None:
        """The person of the current event's connection, if the tab's state was filled for
        that very session (`connection.SessionBinding` resets it before the event otherwise)."""
        actor = await connection.connection_actor(self)
        if actor is None or connection.session_ref(actor) != self._session_ref:
            return None
        return actor

    def _clear_identity(self) -> None:
        self.signed_in = False
        self.user_name = self.user_email = self.user_role = self.organization_name = ""
        self.flags = []

    async def _signed_out(self):
        self._clear_identity()
        return rx.redirect(LOGIN_PATH, replace=True)

    def _forbidden(self):
        return rx.redirect(HOME_PATH, replace=True)

    def _to_enrolment(self):
        return rx.redirect(ENROLMENT_PATH, replace=True)

    def _apply_identity(self, identity: Identity) -> None:
        self.signed_in = True
        self.user_name = identity.name
        self.flags = list(identity.flags)
        self.user_email = identity.email
        self.user_role = identity.role
        self.organization_name = identity.organization
        self.lang = identity.language

    async def _open_page(self, actor: Actor):
        """What opening a signed-in page does first: the identity shown in the header; a person
        held at the enrolment of a second factor is sent there from every other page."""
        portal = self if type(self) is PortalState else await self.get_state(PortalState)
        portal._apply_identity(await db.run_in_unit_of_work(identity_of, actor))
        if actor.must_enrol and self.router.url.path.rstrip("/") != ENROLMENT_PATH:
            return self._to_enrolment()
        return None

    @requires_session_while_enrolling
    async def check_session(self, actor: Actor):
        """on_load of a protected page without loaders of its own (the first loader of the
        others does the same: shell/guard.py)."""
        return await self._open_page(actor)

    @requires_session_while_enrolling
    async def switch_language(self, actor: Actor, language: str | list[str]):
        if language not in LANGUAGES:
            return
        await db.run_in_unit_of_work(service.set_language, actor, language)
        self.lang = language
        # Reload the page so texts formatted on the server (dates, kinds, roles) follow too.
        url = self.router.url
        return rx.redirect(f"{url.path}?{url.query}" if url.query else url.path, replace=True)

    @requires_session_while_enrolling
    async def logout(self, actor: Actor):
        """Ends the session server-side, forgets everything of it, and sends the browser to
        the HTTP answer that clears the cookie (shell/session_routes)."""
        await db.run_in_unit_of_work(service.sign_out, self._connection_token(), actor)
        portal = await self.get_state(PortalState)
        language = portal.lang
        portal.reset()  # this state and every substate of it
        portal.lang, portal._session_ref, portal.navigate_to = language, "", END_PATH
        connection.forget_resolved_session()
