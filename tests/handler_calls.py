"""Calling State handlers directly, as a client's event would, for the handler tests."""

from __future__ import annotations

import inspect

import reflex as rx

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.shell.state import PortalState


def signed_in_state(state_class, user: User, monkeypatch, route_id: int | None = None):
    """A State of `state_class` signed in as `user`, on a page whose path names `route_id`."""
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    monkeypatch.setattr(PortalState, "_route_id", lambda self: route_id)
    state = rx.State().get_substate(state_class.get_full_name().split("."))
    state.session_token = token
    return state


async def call_handler(state, name: str, *arguments):
    result = type(state).event_handlers[name].fn(state, *arguments)
    return await result if inspect.isawaitable(result) else result


def shown(state) -> str:
    """Everything the browser receives of a State, as text."""
    return repr({name: getattr(state, name) for name in state.base_vars
                 if not name.startswith("_")})
