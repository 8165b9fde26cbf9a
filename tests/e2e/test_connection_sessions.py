"""Sessions belong to the connection (issue 15, defects 1 and 2), against the real production
server over its real websocket and HTTP.

A tab is a Reflex client token plus a socket.io connection; what the server sends is read off
that connection. The person of an event is the one named by the `hp_session` cookie of *that*
connection's handshake, never by anything the tab's server-side state remembers: a socket (or an
upload) that carries a tab's client token but not its cookie gets nothing of that tab's data,
and when the session has ended, a reload of the same tab with the same (now dead) cookie gets
nothing of it either.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import time
import urllib.error
import urllib.request
import uuid

import pytest
import socketio
from sqlmodel import select

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.demo.accounts import HARZER_MANAGER_EMAIL, OKER_MANAGER_EMAIL
from harzportal.invoices.models import Invoice
from harzportal.organizations.models import Organization

pytestmark = pytest.mark.e2e

NAMESPACE = "/_event"
ROOT = "reflex___state____state"
PORTAL = f"{ROOT}.harzportal___shell___state____portal_state"
HYDRATE = f"{ROOT}.hydrate_and_load"
OLD_SESSION_VAR = f"{PORTAL}.session_token_rx_state_"  # the rx.Cookie var main had
EDIT = f"{PORTAL}.harzportal___organizations___edit_state____profile_edit_state"
TIMEOUT = 30.0


def _user(email: str) -> User:
    with db.unit_of_work() as session:
        return session.exec(select(User).where(User.email == email)).one()


def _session_of(email: str) -> str:
    """A fresh session of the demo person, as a sign-in would give its browser."""
    with db.unit_of_work() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        return sessions.start_session(session, user)


def _invoice_numbers(organization_id: int) -> list[str]:
    with db.unit_of_work() as session:
        return [invoice.number for invoice in session.exec(
            select(Invoice).where(Invoice.organization_id == organization_id)) if invoice.number]


def _colleague_emails(organization_id: int) -> list[str]:
    with db.unit_of_work() as session:
        return [user.email for user in session.exec(
            select(User).where(User.organization_id == organization_id))]


class Tab:
    """A tab as the server sees it: a client token, and a socket whose handshake carries the
    cookie header given (or none)."""

    def __init__(self, base_url: str, token: str | None = None):
        self.base_url = base_url
        self.token = token or str(uuid.uuid4())
        self.received: list[dict] = []
        self.client: socketio.AsyncClient | None = None

    async def connect(self, cookie: str = "") -> None:
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("event", self.received.append, namespace=NAMESPACE)
        headers = {"Origin": self.base_url} | ({"Cookie": f"hp_session={cookie}"} if cookie else {})
        await self.client.connect(f"{self.base_url}?token={self.token}", socketio_path=NAMESPACE,
                                  transports=["websocket"], namespaces=[NAMESPACE],
                                  headers=headers, wait_timeout=10)

    async def close(self) -> None:
        if self.client is not None and self.client.connected:
            await self.client.disconnect()

    async def load(self, path: str, browser_cookie: str = "") -> str:
        """Open `path` as a (re)loaded page does: hydrate_and_load (with the cookie values the
        browser holds, as main's frontend sent them), then wait until the page's on_load
        handlers have answered. Returns everything received meanwhile, as text."""
        start = len(self.received)
        payload = {"vars": {OLD_SESSION_VAR: browser_cookie}} if browser_cookie else {}
        await self.client.emit("event", {"name": HYDRATE, "payload": payload,
                                          "router_data": {"pathname": path, "asPath": path}},
                               namespace=NAMESPACE)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if any(update.get("delta", {}).get(ROOT, {}).get("is_hydrated_rx_state_") is True
                   for update in self.received[start:]):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError(f"{path} did not load: {self.text(start)[:2000]}")
        await asyncio.sleep(1.0)  # redirects and late deltas of the on_load chain
        return self.text(start)

    def text(self, start: int = 0) -> str:
        return json.dumps(self.received[start:], ensure_ascii=False)


def _run(scenario, *args):
    # In its own thread: Playwright's sync API may keep an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, scenario(*args)).result(timeout=180)


def _signed_in_tab_data(server: str):
    """The demo manager of Harzer Chemiewerke, with their invoices and colleagues, as their own
    browser loaded them: what must never reach anyone else."""
    manager = _user(HARZER_MANAGER_EMAIL)
    numbers = _invoice_numbers(manager.organization_id)
    colleagues = [email for email in _colleague_emails(manager.organization_id)
                  if email != manager.email]
    assert numbers and colleagues
    return manager, numbers, colleagues


async def _victim_then_intruder(server: str, intruder_cookie: str):
    victim = Tab(server)
    cookie = _session_of(HARZER_MANAGER_EMAIL)
    await victim.connect(cookie)
    try:
        seen_by_victim = await victim.load("/invoices", cookie)
        seen_by_victim += await victim.load(
            f"/organizations/{_user(HARZER_MANAGER_EMAIL).organization_id}/contacts", cookie)
    finally:
        await victim.close()  # the victim closes the tab; its client token stays known
    intruder = Tab(server, token=victim.token)
    await intruder.connect(intruder_cookie)
    try:
        seen_by_intruder = await intruder.load("/invoices")
        seen_by_intruder += await intruder.load("/dashboard")
    finally:
        await intruder.close()
    return seen_by_victim, seen_by_intruder


@pytest.mark.parametrize("intruder", ["no cookie", "another person's cookie"])
def test_a_client_token_without_its_cookie_opens_nothing(server, intruder):
    """Defect 1: a socket opened with a closed tab's client token and no cookie (or the cookie
    of someone else) loads nothing of the tab's person."""
    _manager, numbers, colleagues = _signed_in_tab_data(server)
    intruder_cookie = _session_of(OKER_MANAGER_EMAIL) if intruder != "no cookie" else ""
    seen_by_victim, seen_by_intruder = _run(_victim_then_intruder, server, intruder_cookie)

    # The victim's own connection saw their data (so the check below can fail) ...
    assert any(number in seen_by_victim for number in numbers)
    assert any(email in seen_by_victim for email in colleagues)
    # ... and the intruder's connection saw none of it.
    for secret in [*numbers, *colleagues, HARZER_MANAGER_EMAIL, "Harzer Chemiewerke"]:
        assert secret not in seen_by_intruder, secret


async def _session_ends_then_reload(server: str, how: str):
    tab = Tab(server)
    cookie = _session_of(HARZER_MANAGER_EMAIL)
    await tab.connect(cookie)
    try:
        seen_before = await tab.load("/invoices", cookie)
        seen_before += await tab.load(
            f"/organizations/{_user(HARZER_MANAGER_EMAIL).organization_id}/contacts", cookie)
    finally:
        await tab.close()
    with db.unit_of_work() as session:
        user = session.exec(select(User).where(User.email == HARZER_MANAGER_EMAIL)).one()
        if how == "ended elsewhere":  # logout in another tab, a password change elsewhere
            sessions.end_user_sessions(session, user.id)
    # The same tab reloads with the same cookie, which no longer names a session (or with none).
    reload = Tab(server, token=tab.token)
    await reload.connect(cookie if how == "ended elsewhere" else "")
    try:
        seen_after = await reload.load("/invoices", cookie if how == "ended elsewhere" else "")
    finally:
        await reload.close()
    return seen_before, seen_after


@pytest.mark.parametrize("how", ["ended elsewhere", "cookie gone"])
def test_a_reload_without_a_valid_session_delivers_nothing_of_the_last_person(server, how):
    """Defect 2: the tab's server-side state does not outlive the session. Reflex's hydrate
    sends the whole state before any on_load runs; it must already be reset."""
    _manager, numbers, colleagues = _signed_in_tab_data(server)
    seen_before, seen_after = _run(_session_ends_then_reload, server, how)
    assert any(number in seen_before for number in numbers)
    for secret in [*numbers, *colleagues, HARZER_MANAGER_EMAIL, "Harzer Chemiewerke"]:
        assert secret not in seen_after, secret


def _post_upload(server: str, token: str, handler: str, cookie: str, body: bytes,
                 boundary: str = "hpboundary") -> tuple[int, str]:
    headers = {"reflex-client-token": token, "reflex-event-handler": handler,
               "Content-Type": f"multipart/form-data; boundary={boundary}",
               "Origin": server}
    if cookie:
        headers["Cookie"] = f"hp_session={cookie}"
    request = urllib.request.Request(f"{server}/_upload", data=body, headers=headers,
                                     method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _logo_body(boundary: str = "hpboundary") -> bytes:
    from io import BytesIO

    from PIL import Image

    picture = BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(picture, "PNG")
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n").encode() + \
        picture.getvalue() + f"\r\n--{boundary}--\r\n".encode()


async def _victim_on_the_edit_page(server: str) -> tuple[Tab, str]:
    victim = Tab(server)
    cookie = _session_of(HARZER_MANAGER_EMAIL)
    await victim.connect(cookie)
    organization_id = _user(HARZER_MANAGER_EMAIL).organization_id
    try:
        seen = await victim.load(f"/organizations/{organization_id}/edit", cookie)
    finally:
        await victim.close()
    assert "logo_note_rx_state_" in seen or "loaded_rx_state_" in seen
    return victim, cookie


@pytest.mark.parametrize("intruder", ["no cookie", "another person's cookie"])
def test_an_upload_with_a_victim_s_client_token_runs_nothing_as_the_victim(server, intruder):
    """Defect 1 (uploads): `/_upload` takes the person from the upload request's own cookie."""
    victim, victim_cookie = _run(_victim_on_the_edit_page, server)
    intruder_cookie = _session_of(OKER_MANAGER_EMAIL) if intruder != "no cookie" else ""
    status, answer = _post_upload(server, victim.token, f"{EDIT}.upload_logo", intruder_cookie,
                                  _logo_body())
    # Nothing ran as the victim: no logo was taken into their form, no preview came back.
    assert "data:image/png" not in answer and "logo_preview" not in answer, (status, answer[:500])
    if intruder == "no cookie":
        assert status == 401
    # The victim's own upload (their tab's token and their cookie) still works.
    status, answer = _post_upload(server, victim.token, f"{EDIT}.upload_logo", victim_cookie,
                                  _logo_body())
    assert status == 200 and "data:image/png" in answer, (status, answer[:500])


def test_the_server_log_names_no_client_token(server, server_log):
    """The client token (it opens the tab's state) is not printed in the server's log."""
    tokens = []

    async def scenario():
        for _ in range(2):
            tab = Tab(server)
            tokens.append(tab.token)
            await tab.connect()
            await tab.load("/login")
            await tab.close()

    _run(scenario)
    time.sleep(1.0)
    log = server_log()
    for token in tokens:
        assert token not in log


def _organization_id(name: str) -> int:
    with db.unit_of_work() as session:
        return session.exec(select(Organization).where(Organization.name == name)).one().id
