"""Simulated browsers that speak Reflex's websocket protocol, as the built frontend does.

What the frontend does (`.web/utils/state.js`, `.web/utils/context.jsx` of the build):
- socket.io on path `/_event`, namespace `/_event`, transport websocket, query `?token=<uuid>`
  (the Reflex client token of the tab, not our session);
- events are `emit("event", {name, payload, router_data: {pathname, asPath}})` where `name` is
  the full state path plus the handler, e.g.
  `reflex___state____state.reflex___state____on_load_internal_state.on_load_internal`;
- the session is the `hp_session` cookie of the socket's handshake (HttpOnly: no script and no
  state var ever sees it); the first event of a tab is `reflex___state____state.hydrate_and_load`;
  a client-side navigation sends `on_load_internal` with the new path; the server answers with
  `event` messages `{delta, events}`, and the page is usable once the root state's
  `is_hydrated_rx_state_` turns true (after the page's on_load handlers);
- signing in is `...login_state.sign_in` with `{form_data: {email, password}}`; the delta sets
  `navigate_to_rx_state_` to the ticket route, whose HTTP answer (303) sets the cookie; the
  page then loads anew, its new socket carrying the cookie.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
import uuid

import socketio

ROOT = "reflex___state____state"
PORTAL = f"{ROOT}.harzportal___shell___state____portal_state"
PUBLIC_PAGE = f"{PORTAL}.harzportal___auth___state____public_page_state"  # holds `error`
LOGIN = f"{PUBLIC_PAGE}.harzportal___auth___state____login_state"
ON_LOAD = f"{ROOT}.reflex___state____on_load_internal_state.on_load_internal"
HYDRATE = f"{ROOT}.hydrate_and_load"
NAVIGATE_VAR = "navigate_to_rx_state_"
NAMESPACE = "/_event"
# page path -> the substate whose delta carries the page's data
PAGES = {
    "/dashboard": "harzportal___dashboard___state____dashboard_state",
    "/invoices": "harzportal___invoices___state____invoices_state",
    "/seminars": "harzportal___seminars___state____seminar_catalogue_state",
    "/documents": "harzportal___documents___state____library_state",
    "/directory": "harzportal___organizations___directory_state____directory_state",
    "/exchange": "harzportal___exchange___state____exchange_state",
}
POST_PAGE = "harzportal___exchange___state____post_state"  # /exchange/<id> with its matches


class PageFailed(RuntimeError):
    pass


class Client:
    """One browser tab."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.token = str(uuid.uuid4())
        self.sio = socketio.AsyncClient(reconnection=False)
        self.updates: asyncio.Queue = asyncio.Queue()
        self.session_token = ""
        self.received_bytes = 0
        self.sio.on("event", self._received, namespace=NAMESPACE)

    async def _received(self, update):
        self.received_bytes += len(json.dumps(update))
        await self.updates.put(update)

    async def connect(self, session_token: str = "", path: str = "/login") -> dict:
        """Open the websocket (with the session cookie, if any) and hydrate like a freshly
        loaded page; returns the full state snapshot the server sent."""
        headers = {"Origin": self.base_url}
        if session_token:
            headers["Cookie"] = f"hp_session={session_token}"
        await self.sio.connect(f"{self.base_url}?token={self.token}", socketio_path="/_event",
                               transports=["websocket"], namespaces=[NAMESPACE],
                               headers=headers, wait_timeout=30)
        self.session_token = session_token
        snapshot: dict = {}
        await self._run(self._event(HYDRATE, {}, path), snapshot)
        return snapshot

    async def hydrate_snapshot(self, path: str) -> bytes:
        """The whole state of this tab as the server sends it on a reconnect, as JSON."""
        snapshot: dict = {}
        await self._run(self._event(HYDRATE, {}, path), snapshot)
        return json.dumps(snapshot, separators=(",", ":")).encode()

    def _event(self, name: str, payload: dict, path: str) -> dict:
        return {"name": name, "payload": payload,
                "router_data": {"pathname": path, "asPath": path}}

    async def _run(self, event: dict, collect: dict | None = None,
                   timeout: float = 60) -> list[dict]:
        """Send one event and wait until the page is hydrated; returns the updates."""
        while not self.updates.empty():
            self.updates.get_nowait()
        await self.sio.emit("event", event, namespace=NAMESPACE)
        updates = []
        deadline = time.monotonic() + timeout
        while True:
            update = await asyncio.wait_for(self.updates.get(), deadline - time.monotonic())
            updates.append(update)
            delta = update.get("delta") or {}
            if collect is not None:
                for state, values in delta.items():
                    collect.setdefault(state, {}).update(values)
            if delta.get(ROOT, {}).get("is_hydrated_rx_state_") is True:
                return updates
            if event["name"] == f"{LOGIN}.sign_in" and (
                    delta.get(PORTAL, {}).get(NAVIGATE_VAR)
                    or delta.get(PUBLIC_PAGE, {}).get("error_rx_state_")):
                return updates  # the ticket route to load, or the refusal

    async def sign_in(self, email: str, password: str) -> float:
        """Sign in as the browser does, until the dashboard's new socket is hydrated."""
        began = time.perf_counter()
        updates = await self._run(self._event(
            f"{LOGIN}.sign_in", {"form_data": {"email": email, "password": password}}, "/login"))
        ticket_routes = [(u.get("delta") or {}).get(PORTAL, {}).get(NAVIGATE_VAR)
                         for u in updates]
        ticket_route = next((route for route in ticket_routes if route), "")
        if not ticket_route:
            raise PageFailed(f"sign-in of {email} failed")
        token = await asyncio.to_thread(_redeem, self.base_url + ticket_route)
        await self.sio.disconnect()
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._received, namespace=NAMESPACE)
        await self.connect(token, "/dashboard")
        return time.perf_counter() - began

    async def open(self, path: str, page_state: str | None = None) -> float:
        """Navigate to a page (as the router does) and wait until its data is there."""
        began = time.perf_counter()
        updates = await self._run(self._event(ON_LOAD, {}, path))
        seconds = time.perf_counter() - began
        substate = f"{PORTAL}.{page_state or PAGES[path]}"
        if not any(substate in (u.get("delta") or {}) for u in updates):
            redirects = [e for u in updates for e in u.get("events") or []]
            raise PageFailed(f"{path}: no page data (events {redirects})")
        return seconds

    async def close(self) -> None:
        await self.sio.disconnect()


async def open_floor(http, base_url: str, session_token: str, path: str) -> float:
    """The same service calls through the plain JSON route (benchmark floor)."""
    began = time.perf_counter()
    response = await http.get(f"{base_url}/bench/pages{path}",
                              headers={"Cookie": f"hp_session={session_token}"})
    seconds = time.perf_counter() - began
    if response.status_code != 200:
        raise PageFailed(f"bench route {path}: {response.status_code}")
    return seconds


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _redeem(url: str) -> str:
    """The session token the ticket route's answer (303) sets as the cookie."""
    try:
        urllib.request.build_opener(_NoRedirect).open(url, timeout=30)
    except urllib.error.HTTPError as answer:
        cookie = answer.headers.get("Set-Cookie", "")
        if answer.code == 303 and cookie.startswith("hp_session="):
            return cookie.split(";")[0].split("=", 1)[1]
    raise PageFailed(f"the ticket route {url} set no session cookie")
