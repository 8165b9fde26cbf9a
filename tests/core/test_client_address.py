"""The client's address (issue 15, defect 7): the direct peer, unless it is our TLS proxy on the
same machine and `HARZPORTAL_TRUSTED_PROXY_HOPS` says how many proxies append to
`X-Forwarded-For`; then the entry that many places from the right. A header sent by anyone else
is ignored. Websocket events (PortalState._client_ip) and HTTP routes (shell.routes.as_signed_in)
both take it from `core.client_address`."""

from __future__ import annotations

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from starlette.requests import Request

from harzportal import settings
from harzportal.core.client_address import client_address
from harzportal.shell.routes import as_signed_in

PROXY = "127.0.0.1"


@pytest.mark.parametrize(("peer", "forwarded_for", "hops", "expected"), [
    # no trusted hop: the header is never read
    (PROXY, "203.0.113.9", 0, PROXY),
    ("198.51.100.4", "203.0.113.9", 0, "198.51.100.4"),
    # one hop: the entry our proxy appended; what the client sent before it is ignored
    (PROXY, "203.0.113.9", 1, "203.0.113.9"),
    (PROXY, "10.0.0.1, 6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),
    (PROXY, " 10.0.0.1 ,203.0.113.9 ", 1, "203.0.113.9"),
    ("::1", "2001:db8::7", 1, "2001:db8::7"),
    ("::ffff:127.0.0.1", "203.0.113.9", 1, "203.0.113.9"),
    # two hops (a CDN in front of our proxy): the second entry from the right
    (PROXY, "6.6.6.6, 203.0.113.9, 198.51.100.20", 2, "203.0.113.9"),
    # fewer entries than hops: the request skipped the outer proxy; the entries are all ours
    (PROXY, "203.0.113.9", 2, "203.0.113.9"),
    # a peer that is not our proxy: its header is forged, whatever the setting
    ("198.51.100.4", "203.0.113.9", 1, "198.51.100.4"),
    ("127.0.0.2", "203.0.113.9", 1, "127.0.0.2"),
    ("10.1.2.3", PROXY, 1, "10.1.2.3"),
    # from our proxy without a usable entry: the proxy's own address
    (PROXY, "", 1, PROXY),
    (PROXY, " , ", 1, PROXY),
    (PROXY, "unknown", 1, PROXY),
    (PROXY, "203.0.113.9, <script>", 1, PROXY),
    ("", "203.0.113.9", 1, ""),
])
def test_the_address_rule(peer, forwarded_for, hops, expected):
    assert client_address(peer, forwarded_for, hops) == expected


@pytest.fixture
def one_trusted_hop(monkeypatch):
    monkeypatch.setenv("HARZPORTAL_TRUSTED_PROXY_HOPS", "1")
    settings.reload()
    yield
    monkeypatch.undo()
    settings.reload()


def test_the_setting_defaults_to_no_trusted_hop(monkeypatch):
    monkeypatch.delenv("HARZPORTAL_TRUSTED_PROXY_HOPS", raising=False)
    assert settings.reload().trusted_proxy_hops == 0
    monkeypatch.setenv("HARZPORTAL_TRUSTED_PROXY_HOPS", "2")
    assert settings.reload().trusted_proxy_hops == 2
    for wrong in ("-1", "one"):
        monkeypatch.setenv("HARZPORTAL_TRUSTED_PROXY_HOPS", wrong)
        with pytest.raises(SystemExit, match="HARZPORTAL_TRUSTED_PROXY_HOPS"):
            settings.reload()
    monkeypatch.undo()
    settings.reload()


def _request(peer: str, *forwarded_for: str, cookie: str = "") -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded_for]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return Request({"type": "http", "method": "GET", "path": "/files/x", "headers": headers,
                    "client": (peer, 50000), "query_string": b""})


async def test_http_routes_run_as_the_client_address(one_trusted_hop, factories):
    from harzportal import db
    from harzportal.accounts import sessions
    from harzportal.shell.state import SESSION_COOKIE

    user = factories.user(factories.organization())
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    cookie = f"{SESSION_COOKIE}={token}"

    def seen_address(_session, actor):
        return actor.client_ip

    # two X-Forwarded-For lines count as one list: the last entry is our proxy's
    through_proxy = _request(PROXY, "6.6.6.6", "203.0.113.9", cookie=cookie)
    assert await as_signed_in(through_proxy, seen_address) == "203.0.113.9"
    forged = _request("198.51.100.4", "203.0.113.9", cookie=cookie)
    assert await as_signed_in(forged, seen_address) == "198.51.100.4"


def _router(peer: str, forwarded_for: str) -> RouterData:
    """The router data of a websocket connection as Reflex builds it (`asgi-scope-client` is
    the peer of the ASGI scope; Reflex overwrites a header of that name a client sends)."""
    headers = {"host": "localhost", "asgi-scope-client": peer}
    if forwarded_for:
        headers["x-forwarded-for"] = forwarded_for
    return RouterData.from_router_data({"headers": headers, "ip": peer, "sid": "s", "token": "t"})


def test_websocket_events_see_the_client_address(one_trusted_hop):
    from harzportal.auth.state import LoginState

    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    state.router = _router(PROXY, "6.6.6.6, 203.0.113.9")
    assert state._client_ip() == "203.0.113.9"
    state.router = _router("198.51.100.4", "203.0.113.9")
    assert state._client_ip() == "198.51.100.4"
    state.router = _router(PROXY, "")
    assert state._client_ip() == PROXY
