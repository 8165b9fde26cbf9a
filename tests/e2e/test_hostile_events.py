"""Hostile events over the real websocket of the production server.

A signed-in demo manager speaks Reflex's socket.io protocol directly (as the frontend's
utils/state.js does: namespace and path `/_event`, the client token in the query string, an
"event" message with name, payload and router data) and sends what no page would send: unknown
and private handler names, wrong argument types, missing and extra arguments, malformed event
data and oversized payloads. Afterwards the manager is still signed in, their data is unchanged,
no traceback reached the client, and another person is served as before.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import math
import urllib.error
import urllib.request
import uuid

import pytest
import socketio
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.demo.accounts import (
    DEMO_MEMBER_PASSWORD,
    HARZER_CONTACT_EMAIL,
    HARZER_MANAGER_EMAIL,
)
from tests.hostile.helpers import snapshot

pytestmark = pytest.mark.e2e

NAMESPACE = "/_event"
ROOT = "reflex___state____state"
PORTAL = f"{ROOT}.harzportal___shell___state____portal_state"
LOGIN = (f"{PORTAL}.harzportal___auth___state____public_page_state"
         ".harzportal___auth___state____login_state")
ACCOUNT = f"{PORTAL}.harzportal___auth___account_state____account_state"
DIRECTORY = f"{PORTAL}.harzportal___organizations___directory_state____directory_state"
FEES = f"{PORTAL}.harzportal___invoices___admin_state____fees_state"
# Tables a running server changes by itself (session touch, mail delivery).
BUSY_TABLES = ("authsession", "outboxemail")
REPLY_TIMEOUT = 20.0


class Tab:
    """One browser tab as the server sees it: a client token and its socket."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.token = str(uuid.uuid4())
        self.updates: list[dict] = []
        self.client: socketio.AsyncClient | None = None
        self.cookie = ""  # the session cookie, as the browser holds it after signing in

    async def connect(self) -> None:
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("event", self.updates.append, namespace=NAMESPACE)
        headers = {"Origin": self.base_url} | (
            {"Cookie": f"hp_session={self.cookie}"} if self.cookie else {})
        await self.client.connect(f"{self.base_url}?token={self.token}",
                                  socketio_path=NAMESPACE, transports=["websocket"],
                                  namespaces=[NAMESPACE], headers=headers, wait_timeout=10)

    async def disconnect(self) -> None:
        if self.client is not None and self.client.connected:
            await self.client.disconnect()

    @property
    def connected(self) -> bool:
        return self.client is not None and self.client.connected

    async def emit_raw(self, data) -> None:
        await self.client.emit("event", data, namespace=NAMESPACE)

    async def send(self, name, payload=None, path: str = "/account") -> None:
        await self.emit_raw({"name": name, "payload": {} if payload is None else payload,
                             "router_data": {"pathname": path, "asPath": path}})

    def received(self, start: int = 0) -> str:
        return json.dumps(self.updates[start:], ensure_ascii=False)

    async def wait_for(self, start: int, predicate, timeout: float = REPLY_TIMEOUT) -> dict:
        """The first update since `start` for which `predicate(delta)` holds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            for update in self.updates[start:]:
                if predicate(update.get("delta") or {}):
                    return update
            await asyncio.sleep(0.05)
        raise AssertionError(f"no expected reply; got {self.received(start)[:2000]}")

    async def sign_in(self, email: str, password: str) -> None:
        """As the browser does: the sign-in event answers with the ticket route, whose HTTP
        answer sets the cookie; the page then loads anew, its socket carrying the cookie."""
        start = len(self.updates)
        await self.send(f"{ROOT}.hydrate_and_load", {}, "/login")
        await self.send(f"{LOGIN}.sign_in",
                        {"form_data": {"email": email, "password": password}}, "/login")
        update = await self.wait_for(start, lambda delta: delta.get(PORTAL, {}).get(
            "navigate_to_rx_state_"))
        ticket_url = update["delta"][PORTAL]["navigate_to_rx_state_"]
        self.cookie = await asyncio.to_thread(_redeem, self.base_url + ticket_url)
        await self.disconnect()
        await self.connect()
        start = len(self.updates)
        await self.send(f"{ROOT}.hydrate_and_load", {}, "/dashboard")
        await self.wait_for(start, lambda delta: delta.get(PORTAL, {}).get(
            "signed_in_rx_state_") is True)

    async def own_details(self) -> dict:
        """A normal event: the account page's on_load, answered with the person's details."""
        start = len(self.updates)
        await self.send(f"{ACCOUNT}.open_account")
        update = await self.wait_for(start, lambda delta: "details_rx_state_" in delta.get(
            ACCOUNT, {}))
        return update["delta"][ACCOUNT]["details_rx_state_"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _redeem(url: str) -> str:
    """The session cookie the ticket route's answer sets."""
    try:
        urllib.request.build_opener(_NoRedirect).open(url, timeout=10)
    except urllib.error.HTTPError as answer:
        cookie = answer.headers["Set-Cookie"]
        assert answer.code == 303 and cookie.startswith("hp_session="), cookie
        return cookie.split(";")[0].split("=", 1)[1]
    raise AssertionError("the ticket route did not answer 303")


def _user(email: str) -> User:
    with db.unit_of_work() as session:
        return session.exec(select(User).where(User.email == email)).one()


BIG = "x" * 300_000  # reaches the handler (below the server's 1 MB frame limit)
HUGE = "x" * 3_000_000  # above it: the server drops the connection

UNKNOWN_NAMES = [
    f"{ACCOUNT}.no_such_handler", f"{ACCOUNT}._current_actor", f"{PORTAL}._clear_identity",
    f"{PORTAL}._apply_identity", f"{ACCOUNT}.__init__", f"{ACCOUNT}.get_substate",
    f"{ROOT}.no_such_state.load", f"{ROOT}.harzportal___nothing.load", "", "load", ".", "..",
    f"{ACCOUNT}.", "x" * 10_000, f"{ACCOUNT}.save_details.extra", 123, None, ["a"], {"a": 1},
]
WRONG_ARGUMENTS = [
    (f"{ACCOUNT}.save_details", {"form_data": 5}),
    (f"{ACCOUNT}.save_details", {"form_data": "full_name=Mallory"}),
    (f"{ACCOUNT}.save_details", {"form_data": [1, 2, 3]}),
    (f"{ACCOUNT}.save_details", {"form_data": None}),
    (f"{ACCOUNT}.save_details", {"form_data": {"full_name": {"$ne": ""}, "phone": [1]}}),
    (f"{ACCOUNT}.save_details", {"form_data": {"full_name": "\x00\u202e", "phone": 10**30}}),
    (f"{ACCOUNT}.save_details", {"form_data": {"full_name": BIG}}),
    (f"{ACCOUNT}.save_details", {"form_data": {str(n): n for n in range(20_000)}}),
    (f"{ACCOUNT}.change_password", {"form_data": {"current_password": 1,
                                                  "new_password": ["x"] * 20,
                                                  "new_password_repeat": ["x"] * 20}}),
    (f"{ACCOUNT}.change_password", {"form_data": {"current_password": BIG,
                                                  "new_password": BIG,
                                                  "new_password_repeat": BIG}}),
    (f"{PORTAL}.switch_language", {"language": {"de": 1}}),
    (f"{PORTAL}.switch_language", {"language": 10**30}),
    (f"{DIRECTORY}.go_to_page", {"page": math.inf}),  # Python's JSON reader takes Infinity
    (f"{DIRECTORY}.go_to_page", {"page": math.nan}),
    (f"{DIRECTORY}.go_to_page", {"page": -(10**40)}),
    (f"{DIRECTORY}.go_to_page", {"page": "1; DROP TABLE user"}),
    (f"{DIRECTORY}.apply_filter", {"form_data": {"search": ["Goslar"], "kind": {"a": 1}}}),
    (f"{FEES}.save", {"form_data": {"kind": "chemical", "fee": "1"}}),  # staff only
    (f"{FEES}.delete", {"item_id": 1}),  # staff only
]
# Reflex's own handlers: it refuses these itself (with its generic error toast, no details).
REFLEX_OWN = [
    (f"{ACCOUNT}.setvar", {"var_name": "_editing_id", "value": 1}),
    (f"{ACCOUNT}.setvar", {"var_name": "details", "value": 5}),
    (f"{ACCOUNT}.setvar", {"var_name": 5, "value": None}),
    (f"{PORTAL}.setvar", {"var_name": "user_role", "value": "network_admin"}),
    (f"{PORTAL}.setvar", {"var_name": "session_token", "value": "forged"}),
    (f"{FEES}.load", {}),  # after the forged role and token: still no staff data
]
MISSING_OR_EXTRA = [
    (f"{ACCOUNT}.save_details", {}),
    (f"{ACCOUNT}.change_password", {}),
    (f"{PORTAL}.switch_language", {}),
    (f"{DIRECTORY}.go_to_page", {}),
    (f"{ACCOUNT}.save_details", {"form_data": {}, "actor": {"user_id": 1}, "self": 1}),
    (f"{ACCOUNT}.open_account", {"actor": {"user_id": 1, "role": "network_admin"}}),
    (f"{ACCOUNT}.save_details", "form_data"),
    (f"{ACCOUNT}.save_details", ["x"]),
    (f"{ACCOUNT}.save_details", 5),
]
MALFORMED = ["not json", '{"name": 1', ["event"], 5, None, {"payload": {}},
             {"name": f"{ACCOUNT}.open_account", "payload": {}, "router_data": "x"},
             {"name": f"{ACCOUNT}.open_account", "payload": {}, "router_data": {"pathname": 5}}]


async def _scenario(base_url: str) -> dict:
    manager, other = Tab(base_url), Tab(base_url)
    await manager.connect()
    await other.connect()
    try:
        await manager.sign_in(HARZER_MANAGER_EMAIL, DEMO_MEMBER_PASSWORD)
        await other.sign_in(HARZER_CONTACT_EMAIL, DEMO_MEMBER_PASSWORD)
        details_before = await manager.own_details()
        data_before = snapshot(skip=BUSY_TABLES)
        hostile_start = len(manager.updates)

        sent = 0
        for name, payload in WRONG_ARGUMENTS:
            await manager.send(name, payload)
            sent += 1
        # Every event above has been handled once a normal event after them is answered.
        assert await manager.own_details() == details_before
        own_handlers_end = len(manager.updates)
        # Missing, extra or non-object arguments never reach a handler's body: the call itself
        # fails (Python refuses a second `actor`, too), and Reflex answers with its toast.
        for name, payload in MISSING_OR_EXTRA:
            await manager.send(name, payload)
            sent += 1
        for name in UNKNOWN_NAMES:
            await manager.send(name, {})
            sent += 1
        for name, payload in REFLEX_OWN:
            await manager.send(name, payload)
            sent += 1
        for data in MALFORMED:
            await manager.emit_raw(data)
            sent += 1
        assert await manager.own_details() == details_before
        assert manager.connected

        # An oversized frame: the server drops this connection; the tab reconnects with its
        # token, as the frontend does, and finds its session as it was.
        await manager.send(f"{ACCOUNT}.save_details", {"form_data": {"full_name": HUGE}})
        sent += 1
        for _ in range(100):
            if not manager.connected:
                break
            await asyncio.sleep(0.1)
        dropped = not manager.connected
        await manager.disconnect()
        await manager.connect()
        assert await manager.own_details() == details_before
        return {"manager": manager, "other": other, "sent": sent, "dropped": dropped,
                "hostile_start": hostile_start, "own_handlers_end": own_handlers_end, "data_before": data_before,
                "other_details": await other.own_details()}
    finally:
        await manager.disconnect()
        await other.disconnect()


def test_hostile_events_are_refused_and_leave_state_intact(server):
    # In its own thread: Playwright's sync API may keep an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        outcome = pool.submit(asyncio.run, _scenario(server)).result(timeout=240)

    manager = outcome["manager"]
    hostile_replies = manager.received(outcome["hostile_start"])
    # No traceback, exception text or file path reached the client.
    for leak in ("Traceback", 'File "', "Error:", ".py", "site-packages", "Exception"):
        assert leak not in hostile_replies, leak
    # None of our handlers failed on the hostile input (Reflex answers a failed handler with
    # its generic error toast); Reflex's own setvar does so for names it refuses.
    ours = json.dumps(manager.updates[outcome["hostile_start"]:outcome["own_handlers_end"]])
    assert "An error occurred" not in ours
    # Nothing staff-only reached the member despite the forged role.
    assert "fee_input" not in hostile_replies and "exemption_note" not in hostile_replies
    # The data is unchanged (the manager's own account above all), the session still valid.
    assert snapshot(skip=BUSY_TABLES) == outcome["data_before"]
    assert _user(HARZER_MANAGER_EMAIL).is_active
    # The server kept serving the other person and answers its health check.
    assert outcome["other_details"]["full_name"] == _user(HARZER_CONTACT_EMAIL).full_name
    with urllib.request.urlopen(f"{server}/ping", timeout=10) as response:
        assert response.status == 200
    toasts = hostile_replies.count("An error occurred")
    print(f"hostile events sent: {outcome['sent']}; generic error toasts from Reflex: {toasts}; "
          f"oversized frame dropped the connection: {outcome['dropped']}")
