"""The chart library is fetched only by the pages that draw a chart (the staff dashboard, the
exchange activity report), and the global stylesheet holds only the Radix Themes CSS in use:
what the browser really loads, read from the responses of a cold visit."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from harzportal.demo import accounts
from tests.e2e.journeys import sign_in_ok

pytestmark = pytest.mark.e2e

# Every chunk with recharts in it carries the class names it gives the chart's parts.
RECHARTS_MARK = b"recharts-surface"
MEMBER_PAGES = ("/dashboard", "/invoices", "/seminars", "/documents", "/directory")


class Loaded:
    """The scripts and stylesheets a page fetched, with their decoded bodies."""

    def __init__(self, page: Page) -> None:
        self.bodies: dict[str, bytes] = {}
        page.on("response", self._record)

    def _record(self, response: Response) -> None:
        url = response.url.split("?")[0]
        if url.endswith((".js", ".css")) and response.ok:
            try:
                self.bodies[url] = response.body()
            except Exception:  # noqa: BLE001 - a response the page dropped (navigated away)
                pass

    def with_charts(self) -> list[str]:
        return [url for url, body in self.bodies.items() if RECHARTS_MARK in body]

    def stylesheets(self) -> dict[str, bytes]:
        return {url: body for url, body in self.bodies.items() if url.endswith(".css")}

    def clear(self) -> None:
        self.bodies.clear()


def _signed_in(browser: Browser, server: str, email: str, password: str) -> tuple[Page, Loaded]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    loaded = Loaded(page)
    sign_in_ok(page, email, password)
    return page, loaded


def _open_cold(page: Page, loaded: Loaded, path: str) -> None:
    """A full load of `path` (a new document, as a typed address or a bookmark)."""
    loaded.clear()
    page.goto(path)
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")


def test_member_pages_load_no_chart_code(browser: Browser, server: str) -> None:
    page, loaded = _signed_in(browser, server, accounts.HARZER_MANAGER_EMAIL,
                              accounts.DEMO_MEMBER_PASSWORD)
    try:
        assert loaded.with_charts() == []  # the sign-in and the member's dashboard
        for path in MEMBER_PAGES:
            _open_cold(page, loaded, path)
            assert loaded.bodies, f"{path}: no script recorded"
            assert loaded.with_charts() == [], f"{path} loaded the chart library"
            assert page.locator(".recharts-surface").count() == 0
    finally:
        page.context.close()


@pytest.mark.parametrize("path", ["/dashboard", "/admin/activity-report"])
def test_pages_with_charts_load_the_chart_code_and_draw(browser: Browser, server: str,
                                                        path: str) -> None:
    page, loaded = _signed_in(browser, server, accounts.ADMIN_EMAIL,
                              accounts.DEMO_ADMIN_PASSWORD)
    try:
        _open_cold(page, loaded, path)
        expect(page.locator(".recharts-surface").first).to_be_visible()
        assert loaded.with_charts(), f"{path} draws a chart without the chart code?"
    finally:
        page.context.close()


def test_stylesheet_has_only_the_radix_css_in_use(browser: Browser, server: str) -> None:
    page, loaded = _signed_in(browser, server, accounts.HARZER_MANAGER_EMAIL,
                              accounts.DEMO_MEMBER_PASSWORD)
    try:
        _open_cold(page, loaded, "/invoices")
        css = b"".join(loaded.stylesheets().values())
        # In use: buttons, tables, the accent colour (teal) and the status colours.
        for kept in (b".rt-Button", b".rt-TableRoot", b"--teal-9", b"--red-9"):
            assert kept in css, kept
        # In use: the neutral scale of the teal accent (the theme names it).
        assert b"--sage-9" in css
        # Never rendered: sliders, tabs, avatars, the tomato scale, margin utility classes, the
        # other neutrals and the dark theme (the portal is light only).
        for dropped in (b".rt-SliderRoot", b".rt-TabsContent", b".rt-AvatarRoot", b"--tomato-9",
                        b"rt-r-mx-", b"--mauve-9", b"--slate-9", b".dark-theme"):
            assert dropped not in css, dropped
        # An invoice's state badge is still styled by Radix Themes (the purge kept its rules).
        # (align-items and flex-shrink come from .rt-Badge alone; its display may be the
        # layout's, e.g. a badge stacked with its debit note)
        badge = page.locator(".rt-Badge").first
        assert badge.evaluate("b => [getComputedStyle(b).alignItems, getComputedStyle(b)"
                              ".flexShrink]") == ["center", "0"]
    finally:
        page.context.close()
