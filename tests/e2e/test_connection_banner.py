"""The connection to the server as the reader sees it (issue 22): Reflex's websocket is cut with
Playwright's websocket routing (a refused socket, a socket that never answers, a socket dropped
after sign-in) and let through again. The banner says what happens in the reader's language
within 3 s, buttons are disabled with the reason, a link is held instead of replacing the app,
and the page recovers by itself within 10 s of the connection returning."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from harzportal.core.i18n import translate
from harzportal.demo import accounts
from harzportal.settings import settings
from tests.e2e.journeys import GREETING

pytestmark = pytest.mark.e2e

EVENTS = re.compile(r".*/_event.*")
BANNER = "#connection-status"
SHOWN_WITHIN_MS = 3000
RECOVERED_WITHIN_MS = 10000


class Gate:
    """Every websocket of the page goes through here: let through, refused, or left hanging."""

    def __init__(self, mode: str = "open"):
        self.mode = mode
        self.open_sockets: list[WebSocketRoute] = []

    def handle(self, socket: WebSocketRoute) -> None:
        if self.mode == "refuse":
            socket.close()
        elif self.mode == "open":
            socket.connect_to_server()
            self.open_sockets.append(socket)
        # "hang": neither answered nor closed, as on a network that drops packets

    def drop(self) -> None:
        self.mode = "refuse"
        sockets, self.open_sockets = self.open_sockets, []
        for socket in sockets:
            socket.close()


def _page(browser: Browser, server: str, gate: Gate, language: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=server)
    if language != "de":
        context.add_init_script(f"window.localStorage.setItem('hp_lang', '{language}')")
    page = context.new_page()
    page.set_default_timeout(20000)
    page.route_web_socket(EVENTS, gate.handle)
    return page


@pytest.mark.parametrize(("language", "blocked"), [("de", "refuse"), ("en", "hang")])
def test_blocked_at_start_then_allowed(browser: Browser, server, language, blocked):
    gate = Gate(blocked)
    page = _page(browser, server, gate, language)
    try:
        page.goto("/login")
        banner = page.locator(BANNER)
        expect(banner).to_have_attribute("role", "status")
        expect(banner).to_have_attribute("aria-live", "polite")
        connecting = translate("connection.connecting", language,
                               portal=settings.network_short_name)
        lost = translate("connection.lost", language)
        expected = lost if blocked == "refuse" else connecting
        expect(banner).to_contain_text(expected, timeout=SHOWN_WITHIN_MS)
        submit = page.locator("#login-submit")
        expect(submit).to_be_disabled()
        expect(submit).to_have_attribute("aria-describedby", "connection-status")
        if blocked == "refuse":
            expect(submit).to_have_attribute("title", lost)
            expect(banner.get_by_role("button", name=translate("connection.reload", language))
                   ).to_be_visible()
        gate.mode = "open"
        expect(submit).to_be_enabled(timeout=RECOVERED_WITHIN_MS)
        expect(submit).not_to_have_attribute("title", re.compile("."))
        page.fill("#field-email", accounts.HARZER_MANAGER_EMAIL)
        page.fill("#field-password", accounts.DEMO_MEMBER_PASSWORD)
        submit.click()
        page.wait_for_url("**/dashboard")
        expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()
    finally:
        page.context.close()


def test_dropped_after_sign_in_and_restored(browser: Browser, server):
    gate = Gate("open")
    page = _page(browser, server, gate, "de")
    try:
        page.goto("/login")
        expect(page.locator("#login-submit")).to_be_enabled()
        page.fill("#field-email", accounts.HARZER_MANAGER_EMAIL)
        page.fill("#field-password", accounts.DEMO_MEMBER_PASSWORD)
        page.click("#login-submit")
        page.wait_for_url("**/dashboard")
        expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()
        banner = page.locator(BANNER)
        expect(banner).to_have_attribute("data-phase", "connected")

        gate.drop()
        expect(banner).to_contain_text(translate("connection.lost", "de"),
                                       timeout=SHOWN_WITHIN_MS)
        language_en = page.get_by_role("radio", name="EN")
        expect(language_en).to_be_disabled()
        # A link of the portal is held: the app stays and says why.
        page.locator("nav a[href='/documents']").click()
        expect(banner).to_contain_text(translate("connection.navigation_held", "de"))
        assert page.url.endswith("/dashboard")
        expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()

        gate.mode = "open"
        expect(banner).to_contain_text(translate("connection.restored", "de"),
                                       timeout=RECOVERED_WITHIN_MS)
        expect(language_en).to_be_enabled()
        # The page works again without a reload: an event goes to the server and back.
        page.locator("nav a[href='/documents']").click()
        page.wait_for_url("**/documents")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            translate("library.title", "de"))
        expect(banner).to_have_attribute("data-phase", "connected", timeout=8000)
    finally:
        page.context.close()
