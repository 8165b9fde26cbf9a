"""Calling our HTTP routes (Starlette) in tests, anonymous or with a real session cookie."""

from __future__ import annotations

from collections.abc import Iterator

from starlette.applications import Starlette
from starlette.testclient import TestClient

from harzportal import db
from harzportal.accounts import sessions
from harzportal.shell.state import SESSION_COOKIE


def route_client(routes: list) -> Iterator[TestClient]:
    """For a fixture: a client of `routes` that answers errors as a browser would see them."""
    with TestClient(Starlette(routes=routes), raise_server_exceptions=False) as client:
        yield client


def signed_in(client: TestClient, user) -> TestClient:
    """The client with a fresh session of `user` in its cookie."""
    with db.unit_of_work() as session:
        client.cookies.set(SESSION_COOKIE, sessions.start_session(session, user))
    return client
