"""Steps a person takes, shared by the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from harzportal.core.i18n import message_table, translate
from tests.e2e.conftest import SCREENSHOTS

GREETING = re.compile("|".join(re.escape(text) for text in message_table()["dashboard.greeting"].values()))


def open_login(page: Page) -> None:
    page.goto("/login")
    expect(page.locator("#field-email")).to_be_visible()
    # The form works only once the page is connected to the server.
    expect(page.locator("#login-submit")).to_be_enabled()


def sign_in(page: Page, email: str, password: str) -> None:
    open_login(page)
    page.fill("#field-email", email)
    page.fill("#field-password", password)
    page.click("#login-submit")


def sign_in_ok(page: Page, email: str, password: str) -> None:
    sign_in(page, email, password)
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()


def sign_out(page: Page) -> None:
    page.click("#user-menu")
    page.click("#logout")
    page.wait_for_url("**/login")


def german(key: str, **values) -> str:
    """The German text of a catalogue key, as the demo users (German by default) see it."""
    return translate(key, "de", **values)


def new_page(browser: Browser, server: str, width: int = 1280) -> Page:
    """A fresh browser context (no cookies) at `width` px, German, downloads allowed."""
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server,
                                  locale="de-DE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30000)
    return page


def screenshot(page: Page, name: str) -> None:
    """Save the whole page to artifacts/screenshots/<name>.png; a page wider than its
    viewport (sideways scrolling, WCAG 1.4.10) fails the test."""
    page.wait_for_timeout(400)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: the page is {overflow}px wider than the viewport"
