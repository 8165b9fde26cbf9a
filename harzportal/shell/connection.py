"""Whose connection an event came over: our session cookie of that very connection.

Reflex fills `router_data["headers"]` of a websocket event on the server, from the handshake of
the socket it arrived on (`EventNamespace._build_static_router_data`, over whatever the client
sent as router data); a client cannot name another connection's headers. An upload arrives
over its own HTTP request: our `/_upload` endpoint (`shell/uploads.py`) hands the event that
request's cookie under `UPLOAD_COOKIE`, and only an event without a socket id can carry it.
Events a handler chains carry no headers: they run for the tab's socket, whose headers the
tab's state keeps (`router_data` is server-side; Reflex never sends the cookie header to the
browser).

`SessionBinding`, an app middleware, runs before every event and before Reflex's hydrate sends
the whole state: it resolves the connection's session and compares it with the one the tab's
state was filled for (`PortalState._session_ref`, a backend-only var). When they differ (the
session ended by logout in another tab, a password change elsewhere, deactivation or expiry;
another person; no cookie at all), every one of our substates is reset before anything is
sent, and the tab is bound to the connection's session (or to none). An upload whose cookie
names another session than the tab's runs nothing.

One resolution per event: the first `connection_actor` of an event (the binding's) is kept for
the rest of that very event (the guard's, a handler's), keyed by the event's own transaction id
(`EventContext.txid`, fresh for every event, chained ones too) and the connection's token;
another event, or the same event over another cookie, resolves again, so a session that ended
refuses the very next event. Outside an event (no `EventContext`) nothing is kept. Reflex's own
page-load bookkeeping events (`on_load_internal`, `set_is_hydrated`: they run none of our code
and change none of our states) are not bound; the page's loaders that follow them are.
"""

from __future__ import annotations

import functools
import logging
import re
from contextvars import ContextVar

from reflex.middleware import Middleware
from reflex.state import StateUpdate
from reflex_base.constants import RouteVar
from reflex_base.event import get_hydrate_event
from reflex_base.event.context import EventContext
from reflex_base.utils.format import format_event_handler
from starlette.requests import cookie_parser

from harzportal import db
from harzportal.accounts import sessions
from harzportal.core import client_address
from harzportal.core.actor import Actor

SESSION_COOKIE = "hp_session"
UPLOAD_COOKIE = "hp_upload_cookie"  # router_data key: the Cookie header of an upload request
log = logging.getLogger("harzportal.auth")


def cookie_token(cookie_header: object) -> str:
    """Our session token out of a Cookie header ("" without one); read as Starlette reads the
    cookies of our HTTP routes, so a malformed cookie of something else hides nothing."""
    if not isinstance(cookie_header, str) or not cookie_header:
        return ""
    return cookie_parser(cookie_header).get(SESSION_COOKIE, "")


def _event_router_data() -> dict:
    """The router data the current event itself came with (not what the state remembers)."""
    try:
        return EventContext.get().router_data or {}
    except LookupError:
        return {}


def is_upload_event() -> bool:
    """Whether the current event came over `/_upload` (our endpoint set the upload's cookie;
    a socket event always has its socket id, set by the server)."""
    data = _event_router_data()
    return RouteVar.SESSION_ID not in data and UPLOAD_COOKIE in data


def connection_token(state) -> str:
    """The session token of the connection the current event came over: the upload request's
    cookie for an upload, else the cookie of the tab's socket handshake."""
    if is_upload_event():
        return cookie_token(_event_router_data()[UPLOAD_COOKIE])
    return cookie_token(state.router.headers.cookie)


def client_ip(state) -> str:
    """The client's address (behind trusted proxies: see `core.client_address`)."""
    return client_address.of_event(state.router)


# (the event's txid, the connection's token, the actor resolved for them) of the current event
_resolved: ContextVar[tuple[str, str, Actor | None] | None] = ContextVar(
    "harzportal_resolved_session", default=None)


def _event_id() -> str:
    """The current event's transaction id ("" outside an event)."""
    try:
        return EventContext.get().txid
    except LookupError:
        return ""


async def connection_actor(state) -> Actor | None:
    """The person behind the current event's connection, or None (off the event loop);
    resolved once per event (see the module's docstring)."""
    token, event_id = connection_token(state), _event_id()
    kept = _resolved.get()
    if event_id and kept is not None and kept[:2] == (event_id, token):
        return kept[2]
    actor = await db.run_in_unit_of_work(sessions.resolve_session, token, client_ip(state))
    if event_id:
        _resolved.set((event_id, token, actor))
    return actor


def forget_resolved_session() -> None:
    """Drop what this event resolved (after the event itself ended or changed the session)."""
    _resolved.set(None)


@functools.cache
def _unbound_events() -> frozenset[str]:
    """The full names of Reflex's page-load bookkeeping events (see the module's docstring)."""
    from reflex.state import OnLoadInternalState

    return frozenset(format_event_handler(OnLoadInternalState.event_handlers[name])
                     for name in ("on_load_internal", "set_is_hydrated"))


def session_ref(actor: Actor | None) -> str:
    """What the tab's state remembers of its session: its row id, never its token."""
    return str(actor.session_id) if actor is not None else ""


async def bind_to_connection(root_state, event_name: str = "") -> bool:
    """Reset our states when the tab's state was filled for another session than the current
    connection's, and bind it to that session. False: refuse the event (an upload whose cookie
    is not the tab's session)."""
    from harzportal.shell.state import PortalState  # the shell's state imports this module

    portal = await root_state.get_state(PortalState)
    hydrating = (event_name == get_hydrate_event(root_state)
                 or event_name.endswith(".hydrate_and_load"))
    try:
        actor = await connection_actor(portal)
    except Exception as error:
        if not db.database_unavailable(error):
            raise
        if not hydrating and not is_upload_event():
            # The page stays as it is: its guarded handler needs the database too and says
            # "unavailable"; only a (re)load would send the whole state.
            return True
        actor = None  # unknown: fail closed
    current = session_ref(actor)
    if is_upload_event():
        if not current or current != portal._session_ref:
            log.warning("Refused an upload: its cookie is not the session of the tab")
            return False
        return True
    if current != portal._session_ref:
        language = portal.lang
        portal.reset()  # this state and every substate of it, before anything is sent
        portal.lang = language
        portal._session_ref = current
    if hydrating:
        portal.navigate_to = ""  # a (re)loaded page has arrived: nowhere left to go
    return True


class SessionBinding(Middleware):
    """`bind_to_connection` before every event (added to the app in harzportal.py)."""

    async def preprocess(self, app, state, event):
        if event.name in _unbound_events():
            return None  # Reflex's own page-load bookkeeping: nothing of ours runs or changes
        if await bind_to_connection(state, event.name):
            return None
        return StateUpdate()  # refused: the handler does not run, nothing is sent


# --- The log names no client token -----------------------------------------------------------

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_TOKEN_PARAMETER = re.compile(r"(token=)[^&\s\"']+")


def redact_tokens(text: str) -> str:
    """A Reflex client token (a UUID; it opens the tab's server-side state) and any `token=`
    query parameter (the socket URL, a reset link) replaced by `[redacted]`."""
    return _TOKEN_PARAMETER.sub(r"\1[redacted]", _UUID.sub("[redacted]", text))


class RedactTokens(logging.Filter):
    """Rewrites a record's message with `redact_tokens` (it never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format: left to the handler to report
            return True
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_FILTER = RedactTokens()


def redact_tokens_in_every_log_record() -> None:
    """Every record of every logger (Reflex's, the server's access log, ours) passes through
    `RedactTokens` as it is made, whichever handlers a server configures later."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "redacts_tokens", False):
        return

    def redacting_factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        _FILTER.filter(record)
        return record

    redacting_factory.redacts_tokens = True
    logging.setLogRecordFactory(redacting_factory)
