"""No State handler does anything without a valid session, except those of the public pages
(login, forgot password, reset, invitation). Every handler of every State is enumerated and
called without a session, with a forged token and with an expired one: the database must not
change, no data may be loaded into the state, and the answer is the way to the login page."""

from __future__ import annotations

import inspect

import pytest
import reflex as rx
from sqlalchemy import func, select

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.accounts import sessions
from harzportal.all_models import metadata
from harzportal.auth.state import (
    ForgotPasswordState,
    InvitationState,
    LoginState,
    PublicPageState,
    ResetPasswordState,
)
from harzportal.core.roles import Role
from tests.handler_calls import connect

PUBLIC_STATES = {PublicPageState, LoginState, ForgotPasswordState, ResetPasswordState,
                 InvitationState}
EXPECTED_PUBLIC_HANDLERS = {
    "PublicPageState.choose_language",
    "LoginState.open_login", "LoginState.sign_in", "LoginState.verify_code",
    "LoginState.cancel_code", "LoginState.sign_in_with_passkey",
    "ForgotPasswordState.open_forgot", "ForgotPasswordState.request_link",
    "ResetPasswordState.open_reset", "ResetPasswordState.set_new_password",
    "InvitationState.open_invitation", "InvitationState.accept",
}


def _our_states(cls=rx.State):
    for substate in sorted(cls.get_substates(), key=lambda c: c.__name__):
        if substate.__module__.startswith("harzportal."):
            yield substate
        yield from _our_states(substate)


def _own_handlers(cls) -> list[str]:
    """The handlers a State class defines itself. Reflex's `setvar` is covered separately."""
    return sorted(name for name in cls.event_handlers if name in cls.__dict__ and name != "setvar")


GUARDED = [(cls, name) for cls in _our_states() if cls not in PUBLIC_STATES
           for name in _own_handlers(cls)]


def test_the_enumeration_finds_the_handlers_we_know():
    found = {f"{cls.__name__}.{name}" for cls, name in GUARDED}
    assert {"PortalState.check_session", "PortalState.logout", "PortalState.switch_language",
            "DashboardState.load", "AccountState.change_password", "UsersAdminState.deactivate",
            "UsersAdminState.invite", "UsersAdminState.load"} <= found


def test_only_the_public_pages_have_unguarded_handlers():
    public = {f"{cls.__name__}.{name}" for cls in PUBLIC_STATES for name in _own_handlers(cls)}
    assert public == EXPECTED_PUBLIC_HANDLERS
    unguarded = [f"{cls.__name__}.{name}" for cls, name in GUARDED
                 if not getattr(cls.event_handlers[name].fn, "requires_session", False)]
    assert unguarded == []


def _dummy_arguments(handler) -> list:
    """A plausible value for every parameter a client could send."""
    values = []
    for parameter in list(inspect.signature(handler.fn).parameters.values())[1:]:
        name = parameter.name
        if "form" in name:
            values.append({"email": "x@test.example", "password": "p" * 14,
                           "new_password": "p" * 14, "new_password_repeat": "p" * 14,
                           "current_password": "p" * 14, "organization_id": "1",
                           "full_name": "Eve", "role": "contact", "search": "a"})
        elif "open" in name:
            values.append(True)
        elif name in {"page", "user_id", "organization_id"}:
            values.append("1")
        else:
            values.append("en")
    return values


def _row_counts() -> dict[str, int]:
    with db.unit_of_work() as session:
        return {table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in metadata.sorted_tables}


async def _call(handler, state, arguments):
    result = handler.fn(state, *arguments)
    if inspect.isasyncgen(result):
        return [item async for item in result]
    if inspect.isawaitable(result):
        return await result
    return result


def _public_vars(state) -> dict:
    return {name: getattr(state, name) for name in state.base_vars
            if not name.startswith("_") and name != "lang"}


@pytest.mark.parametrize("token_kind", ["missing", "forged", "expired"])
@pytest.mark.parametrize("state_class, handler_name", GUARDED,
                         ids=[f"{c.__name__}.{n}" for c, n in GUARDED])
async def test_handler_does_nothing_without_a_valid_session(
    factories, fake_clock, state_class, handler_name, token_kind
):
    organization = factories.organization()
    factories.user(organization, role=Role.ORG_MANAGER)
    victim = factories.user(organization, role=Role.NETWORK_ADMIN)
    token = {"missing": "", "forged": "A" * 43}.get(token_kind)
    if token_kind == "expired":
        with db.unit_of_work() as session:
            token = sessions.start_session(session, victim)
        fake_clock.advance(minutes=31)

    root = rx.State()
    state = root.get_substate(state_class.get_full_name().split("."))
    connect(root, token, bind=False)  # the connection's cookie: none, forged or expired
    counts_before = _row_counts()
    vars_before = _public_vars(state)

    handler = state_class.event_handlers[handler_name]
    result = await _call(handler, state, _dummy_arguments(handler))

    assert "/login" in str(result), f"{handler_name} did not send the visitor to the login page"
    counts_after = _row_counts()
    if token_kind == "expired":
        counts_before["authsession"] -= 1  # the expired session is removed, nothing else changes
    assert counts_after == counts_before
    cleared_identity = {"signed_in": False, "user_name": "", "user_email": "", "user_role": "",
                        "organization_name": ""}
    expected = {name: cleared_identity.get(name, value) for name, value in vars_before.items()}
    assert _public_vars(state) == expected


@pytest.mark.parametrize("state_class", list(_our_states()), ids=lambda c: c.__name__)
def test_reflex_setvar_cannot_set_any_of_our_vars(state_class):
    """With auto setters off, Reflex's built-in `setvar` finds no setter for our vars."""
    root = rx.State()
    state = root.get_substate(state_class.get_full_name().split("."))
    for name in state_class.base_vars:
        if name in state_class.__dict__.get("__annotations__", {}):
            with pytest.raises(AttributeError):
                state_class.event_handlers["setvar"].fn(state, name, "forged")
