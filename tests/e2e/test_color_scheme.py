"""A phone or laptop set to dark mode gets the portal's light theme: its colours, contrasts and
focus rings (contrast.css, the header, the charts) are made and checked for the light page, and
the stylesheet carries no dark theme. Without this Radix Themes followed the system's setting
and drew dark cards and fields under the portal's light-page colours."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from harzportal.demo import accounts
from tests.e2e.journeys import open_login, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

# The page's colour scheme, the body's and the first card's or field's background.
COLOURS = """() => {
  const card = document.querySelector('.rt-Card, .rt-TextFieldRoot');
  return {scheme: document.documentElement.className,
          radix: document.querySelector('.radix-themes').className,
          body: getComputedStyle(document.body).backgroundColor,
          card: card ? getComputedStyle(card).backgroundColor : null};
}"""


def _light(colour: str) -> bool:
    """rgb(…)/rgba(…) whose channels are all light (a transparent one counts as light)."""
    channels = [float(part) for part in colour[colour.index("(") + 1:-1].split(",")]
    return (len(channels) == 4 and channels[3] == 0) or min(channels[:3]) >= 200


@pytest.mark.parametrize("width", [375, 1280])
def test_dark_mode_devices_get_the_light_theme(browser: Browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 860}, base_url=server,
                                  color_scheme="dark")
    page = context.new_page()
    try:
        open_login(page)
        login = page.evaluate(COLOURS)
        screenshot(page, f"login-dark-mode-{width}")
        sign_in_ok(page, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
        page.goto("/invoices")
        page.get_by_role("heading", level=1).wait_for()
        invoices = page.evaluate(COLOURS)
        screenshot(page, f"invoices-dark-mode-{width}")
    finally:
        context.close()

    for seen in (login, invoices):
        assert "dark" not in seen["scheme"] and "dark" not in seen["radix"], seen
        assert _light(seen["body"]) and (seen["card"] is None or _light(seen["card"])), seen
