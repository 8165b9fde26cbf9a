"""The session check that every protected State handler passes first.

`@requires_session` resolves our own session from the `hp_session` cookie of the event's own
connection (the socket's handshake, or the upload's request: `shell/connection.py`; never the
Reflex client token, never anything the tab's state remembers) off the event loop, and calls
the handler with the `Actor` as its first argument.
Without a valid session the handler body never runs: identity is cleared and the browser is sent
to the login page. `@requires_staff` additionally needs the network_admin role.

A person whose role must have a second factor and who has none yet (`Actor.must_enrol`) is held
at its enrolment: every guarded handler refuses and sends the browser to the enrolment page,
except those marked `@requires_session_while_enrolling` (that page's own, signing out, the
header, the language).

The first loader of a signed-in page (`shell/layout.portal_page` marks it with `opens_page`) also does
what `PortalState.check_session` does for a page without loaders (the identity shown in the
header; a person held at enrolment sent there) before its body, in the same event: a page open
resolves the session once (`shell/connection.py` keeps an event's resolution for that event).

While the database cannot be reached, a guarded handler shows "service unavailable, try again in
a minute" on the page instead of failing with an error; the next handler that gets through
clears it (the engine replaces dead connections, so no restart is needed).
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.shell import connection

log = logging.getLogger("harzportal.auth")


def _public_signature(handler: Callable) -> inspect.Signature:
    """The handler's signature without its `actor` parameter: what clients may send."""
    signature = inspect.signature(handler)
    parameters = list(signature.parameters.values())
    del parameters[1]  # (self, actor, ...) -> (self, ...)
    return signature.replace(parameters=parameters)


def _checked_signature(handler: Callable) -> inspect.Signature:
    if not inspect.iscoroutinefunction(handler):
        raise TypeError(f"{handler.__qualname__}: guarded handlers must be async")
    return _public_signature(handler)


def _arguments_fit(public_signature: inspect.Signature, handler: Callable, args, kwargs) -> bool:
    """False for a forged event with missing or extra arguments: refused before anything runs."""
    try:
        public_signature.bind(*args, **kwargs)
    except TypeError:
        log.warning("Refused %s: the event's arguments do not fit", handler.__qualname__)
        return False
    return True


def _refusal(state, actor: Actor | None, *, staff_only: bool,
             while_enrolling: bool) -> Callable | None:
    """How the state turns away a person who may not run the handler (None: they may)."""
    if actor is None:
        return state._signed_out
    if actor.must_enrol and not while_enrolling:
        return state._to_enrolment
    if staff_only and not actor.is_staff:
        return state._forbidden
    return None


async def _turned_away(refusal: Callable):
    """The redirect of a refusal (signing out also clears the tab's identity)."""
    redirect = refusal()
    return await redirect if inspect.isawaitable(redirect) else redirect


def _as_guarded(guarded: Callable, public_signature: inspect.Signature, handler: Callable,
                while_enrolling: bool) -> Callable:
    """What clients see of a guarded handler: its arguments without the actor."""
    guarded.__signature__ = public_signature
    guarded.__annotations__ = {k: v for k, v in handler.__annotations__.items() if k != "actor"}
    del guarded.__wrapped__
    guarded.requires_session = True
    guarded.while_enrolling = while_enrolling
    return guarded


def _guard(handler: Callable, *, staff_only: bool, while_enrolling: bool = False) -> Callable:
    public_signature = _checked_signature(handler)

    @functools.wraps(handler)
    async def guarded(self, *args, **kwargs):
        if not _arguments_fit(public_signature, handler, (self, *args), kwargs):
            return None
        try:
            actor: Actor | None = await self._current_actor()
            if actor is not None and _opens_page(self, handler) and \
                    (redirect := await self._open_page(actor)) is not None:
                return redirect
            if (refusal := _refusal(self, actor, staff_only=staff_only,
                                    while_enrolling=while_enrolling)) is not None:
                return await _turned_away(refusal)
            result = await handler(self, actor, *args, **kwargs)
        except Exception as error:
            if not db.database_unavailable(error):
                raise
            log.error("Database unavailable in %s: %s", handler.__qualname__,
                      type(getattr(error, "orig", None) or error).__name__)
            self._service_unavailable()
            return None
        self._service_available()
        return result

    return _as_guarded(guarded, public_signature, handler, while_enrolling)


# (state's full name, handler's name) of the first loaders of signed-in pages; Reflex copies a
# handler's function into its EventHandler, so the mark cannot live on the function.
_PAGE_OPENERS: set[tuple[str, str]] = set()


def _opens_page(state, handler: Callable) -> bool:
    state_name = getattr(state, "get_full_name", None)
    return state_name is not None and (state_name(), handler.__name__) in _PAGE_OPENERS


def opens_page(loader) -> None:
    """Mark `loader` (an EventHandler of a guarded handler) as the first loader of a page."""
    if not getattr(loader.fn, "requires_session", False):
        raise TypeError(f"{loader.fn.__qualname__}: a page's first loader must be guarded")
    _PAGE_OPENERS.add((loader.state_full_name, loader.fn.__name__))


def requires_session(handler: Callable) -> Callable:
    return _guard(handler, staff_only=False)


def requires_staff(handler: Callable) -> Callable:
    return _guard(handler, staff_only=True)


def requires_session_while_enrolling(handler: Callable) -> Callable:
    """`requires_session` that also serves a person held at the enrolment of a second factor."""
    return _guard(handler, staff_only=False, while_enrolling=True)


def requires_staff_in_background(handler: Callable) -> Callable:
    """`requires_staff` for a Reflex background event (`rx.event(background=True)`: it runs
    beside the tab's other events and changes the state only inside `async with self`). The
    session is checked under the state's lock before the body runs; the body gets the Actor
    and must take the lock itself for every change, and reads only through services that check
    the Actor's permission on every call, with `staff_still_signed_in` before each later step."""
    public_signature = _checked_signature(handler)

    @functools.wraps(handler)
    async def guarded(self, *args, **kwargs):
        if not _arguments_fit(public_signature, handler, (self, *args), kwargs):
            return None
        async with self:
            actor: Actor | None = await self._current_actor()
            if (refusal := _refusal(self, actor, staff_only=True,
                                    while_enrolling=False)) is not None:
                return await _turned_away(refusal)
        return await handler(self, actor, *args, **kwargs)

    return _as_guarded(guarded, public_signature, handler, while_enrolling=False)


async def staff_still_signed_in(state) -> Actor | None:
    """For each later step of a background event (call it under the state's lock): the
    connection's person resolved anew, not the one the event started with. None once the session
    was ended, revoked or timed out, or the person is no longer staff: the event stops there."""
    connection.forget_resolved_session()
    actor = await state._current_actor()
    refused = _refusal(state, actor, staff_only=True, while_enrolling=False) is not None
    return None if refused else actor
