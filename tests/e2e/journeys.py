"""Steps a person takes, shared by the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from harzportal.core.i18n import message_table

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
