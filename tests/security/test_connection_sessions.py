"""Sessions belong to the connection (issue 15, defects 1 and 2), below the browser: the cookie
of the event's own connection names the person, the tab's state is reset when that is no longer
the session it was filled for, sign-in and sign-out set and clear the cookie through HTTP, and
the log names no client token. The real socket and upload: tests/e2e/test_connection_sessions.py.
"""

from __future__ import annotations

import logging

import pytest
import reflex as rx
from starlette.applications import Starlette
from starlette.testclient import TestClient

from harzportal import db
from harzportal.accounts import service, sessions
from harzportal.accounts.models import AuthSession
from harzportal.auth.state import LoginState
from harzportal.core.roles import Role
from harzportal.invoices.state import InvoicesState
from harzportal.shell import connection, session_routes
from harzportal.shell.state import PortalState
from tests.factories import PASSWORD
from tests.handler_calls import call_handler, connect

pytestmark = pytest.mark.service


def _tab_of(user, monkeypatch):
    """A tab whose socket carries `user`'s fresh session cookie, bound like a loaded page."""
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    root = rx.State()
    connect(root, token)
    return root, token


@pytest.mark.parametrize(("header", "token"), [
    ("hp_session=abc", "abc"), ("a=1; hp_session=abc; b=2", "abc"), ("", ""), (None, ""),
    ("other=1", ""), ('bad"cookie=1; hp_session=abc', "abc"), ("hp_session_x=abc", ""),
])
def test_the_token_comes_out_of_the_cookie_header(header, token):
    assert connection.cookie_token(header) == token


async def test_the_person_is_the_one_of_the_connection_s_cookie(factories, monkeypatch):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, _token = _tab_of(manager, monkeypatch)
    portal = root.get_substate(PortalState.get_full_name().split("."))
    assert (await portal._current_actor()).user_id == manager.id
    connect(root, "")  # the same tab (client token), a socket without the cookie
    assert await portal._current_actor() is None


async def test_the_state_is_reset_when_the_session_ends_elsewhere(factories, monkeypatch):
    """Defect 2: logout in another tab, a password change elsewhere, deactivation, expiry:
    the next event finds another (no) session and every one of our substates is reset."""
    organization = factories.organization()
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    root, _token = _tab_of(manager, monkeypatch)
    invoices = root.get_substate(InvoicesState.get_full_name().split("."))
    await call_handler(invoices.parent_state, "check_session")
    invoices.error = "something of theirs"
    assert invoices.signed_in and invoices.user_email == manager.email
    with db.unit_of_work() as session:
        sessions.end_user_sessions(session, manager.id)  # e.g. a password change elsewhere

    assert await connection.bind_to_connection(root, "any.event") is True
    assert (invoices.signed_in, invoices.user_email, invoices.error) == (False, "", "")
    portal = root.get_substate(PortalState.get_full_name().split("."))
    assert portal._session_ref == ""


async def test_an_upload_with_another_session_than_the_tab_s_runs_nothing(factories,
                                                                          monkeypatch):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    other = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, token = _tab_of(manager, monkeypatch)
    with db.unit_of_work() as session:
        other_token = sessions.start_session(session, other)
    portal = root.get_substate(PortalState.get_full_name().split("."))
    bound = portal._session_ref
    portal.user_name = "shown to the tab's own person"
    for cookie, runs in ((f"hp_session={other_token}", False), ("", False),
                         ("hp_session=forged", False), (f"hp_session={token}", True)):
        monkeypatch.setattr(connection, "_event_router_data",
                            lambda cookie=cookie: {connection.UPLOAD_COOKIE: cookie})
        assert await connection.bind_to_connection(root, "upload") is runs
        # A refused upload neither rebinds the tab nor touches its state.
        assert (portal._session_ref, portal.user_name) == (bound,
                                                           "shown to the tab's own person")


def test_no_state_var_holds_the_session_token():
    """The token is not client-synced state: a client token alone opens nothing."""
    assert "session_token" not in PortalState.base_vars
    assert not any(PortalState._is_client_storage(name) and name != "lang"
                   for name in PortalState.base_vars)


@pytest.fixture
def http(engine):
    with TestClient(Starlette(routes=session_routes.ROUTES), base_url="https://testserver",
                    follow_redirects=False) as client:
        yield client


async def test_sign_in_gives_a_single_use_ticket_that_sets_the_cookie(factories, http):
    user = factories.user(factories.organization(), email="anna@harzer-chemie.example")
    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    events = [event async for event in state.sign_in({"email": user.email,
                                                      "password": PASSWORD})]
    assert state.error == "" and events
    assert state.navigate_to.startswith("/_session/start?ticket=")
    ticket = state.navigate_to.split("ticket=")[1]

    answer = http.get(state.navigate_to)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard"
    cookie = answer.headers["set-cookie"]
    token = cookie.split(";")[0].split("=", 1)[1]
    for attribute in ("HttpOnly", "SameSite=strict", "Path=/",
                      f"Max-Age={service.get_settings().session_absolute_hours * 3600}"):
        assert attribute.lower() in cookie.lower(), attribute
    with db.unit_of_work() as session:
        assert sessions.resolve_session(session, token).user_id == user.id
    # The ticket is used up: a second redemption (or a replay) sets nothing.
    again = http.get(session_routes.start_url(ticket))
    assert again.status_code == 303 and again.headers["location"] == "/login"
    assert "set-cookie" not in again.headers


def test_a_ticket_is_valid_for_a_minute_only(factories, http, fake_clock):
    user = factories.user(factories.organization())
    with db.unit_of_work() as session:
        ticket = sessions.issue_ticket(session, sessions.start_session(session, user))
    fake_clock.advance(seconds=sessions.TICKET_SECONDS + 1)
    answer = http.get(session_routes.start_url(ticket))
    assert answer.headers["location"] == "/login" and "set-cookie" not in answer.headers
    for forged in ("", "x", "A" * 43, "ä" * 500):
        assert "set-cookie" not in http.get(session_routes.start_url(forged)).headers


def test_a_session_is_usable_only_with_the_cookie_the_ticket_gave(factories, http):
    """The token the session started with never leaves the server: redeeming rotates it."""
    user = factories.user(factories.organization())
    with db.unit_of_work() as session:
        first = sessions.start_session(session, user)
        ticket = sessions.issue_ticket(session, first)
    token = http.get(session_routes.start_url(ticket)).cookies["hp_session"]
    with db.unit_of_work() as session:
        assert sessions.resolve_session(session, first) is None
        assert sessions.resolve_session(session, token).user_id == user.id
        assert session.query(AuthSession).count() == 1


async def test_logout_ends_the_session_and_the_cookie_is_cleared_by_http(factories,
                                                                         monkeypatch, http):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, token = _tab_of(manager, monkeypatch)
    portal = root.get_substate(PortalState.get_full_name().split("."))
    await call_handler(portal, "logout")
    assert portal.navigate_to == session_routes.END_PATH and not portal.signed_in
    with db.unit_of_work() as session:
        assert sessions.resolve_session(session, token) is None  # ended server-side

    http.cookies.set("hp_session", token)
    answer = http.get(session_routes.END_PATH)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert 'hp_session=""' in answer.headers["set-cookie"]
    assert "max-age=0" in answer.headers["set-cookie"].lower()


def test_a_link_to_the_logout_route_does_not_sign_anyone_out(factories, http):
    """While the cookie names a valid session, /_session/end changes nothing (a link from
    elsewhere); only the logout handler ends a session."""
    user = factories.user(factories.organization())
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    http.cookies.set("hp_session", token)
    answer = http.get(session_routes.END_PATH)
    assert answer.headers["location"] == "/dashboard" and "set-cookie" not in answer.headers


@pytest.mark.parametrize("message", [
    "Attempting to send delta to disconnected client '6f1c2a4e-8b3d-4c5e-9f0a-1b2c3d4e5f60'",
    ("WebSocket /_event/?EIO=4&transport=websocket&token=6f1c2a4e-8b3d-4c5e-9f0a-1b2c3d4e5f60 "
     "[accepted]"),
    "Received event from session abc with no associated token; link ?token=s3cr3t-link",
])
def test_the_log_names_no_token(message, caplog):
    connection.redact_tokens_in_every_log_record()
    with caplog.at_level(logging.INFO):
        logging.getLogger("reflex.app").warning(message)
        logging.getLogger("uvicorn.error").info("%s", message)
    assert len(caplog.records) == 2
    for record in caplog.records:
        text = record.getMessage()
        assert "6f1c2a4e-8b3d" not in text and "s3cr3t-link" not in text
        assert "[redacted]" in text
