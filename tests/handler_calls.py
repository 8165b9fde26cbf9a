"""Calling State handlers directly, as a client's event would, for the handler tests."""

from __future__ import annotations

import inspect

import reflex as rx

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.shell import connection
from harzportal.shell.state import PortalState


def root_of(state):
    while state.parent_state is not None:
        state = state.parent_state
    return state


def connect(root, token: str, client_ip: str = "", bind: bool = True) -> None:
    """The tab `root` now talks over a socket whose handshake carried `token` in its cookie
    (Reflex fills `router_data["headers"]` from the handshake on the server). `bind`: the tab's
    state was filled for that session, as after a page load of its person."""
    data = {"headers": {"cookie": f"{connection.SESSION_COOKIE}={token}"} if token else {},
            "ip": client_ip}
    root.router_data = root._update_router_vars(data, root.router_data)
    if bind:
        portal = root.get_substate(PortalState.get_full_name().split("."))
        with db.unit_of_work() as session:
            actor = sessions.resolve_session(session, token, client_ip)
        portal._session_ref = connection.session_ref(actor)


def signed_in_state(state_class, user: User, monkeypatch, route_id: int | None = None):
    """A State of `state_class` whose connection carries a fresh session cookie of `user`, on a
    page whose path names `route_id`."""
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    monkeypatch.setattr(PortalState, "_route_id", lambda self: route_id)
    root = rx.State()
    connect(root, token)
    return root.get_substate(state_class.get_full_name().split("."))


async def call_handler(state, name: str, *arguments):
    """The event `name` as Reflex processes it: `SessionBinding` first, then the handler."""
    if not await connection.bind_to_connection(root_of(state), name):
        return None
    result = type(state).event_handlers[name].fn(state, *arguments)
    return await result if inspect.isawaitable(result) else result


def shown(state) -> str:
    """Everything the browser receives of a State, as text."""
    return repr({name: getattr(state, name) for name in state.base_vars
                 if not name.startswith("_")})
