"""A form sent before the page is hydrated (the app's scripts still on their way, as on a slow
phone connection) must not be sent by the browser itself: a Reflex form has no action, so the
browser would load the page again with every field in the address (the password too, into the
history, the proxy's log and the next page's Referer) and the typed input would be lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


def _app_scripts_held(page: Page) -> None:
    """The app's bundles (React, Reflex's event loop) never arrive; the prerendered page and
    its deferred head script do."""
    page.route("**/assets/**/*.js", lambda route: route.abort())


@pytest.mark.parametrize("path, fields, send", [
    ("/login", {"#field-email": "katrin.vogel@chemienetzwerk-harz.example",
                "#field-password": "ein geheimes Passwort"}, "#field-password"),
    ("/forgot-password", {"#field-email": "katrin.vogel@chemienetzwerk-harz.example"},
     "#field-email"),
])
def test_enter_before_hydration_keeps_the_fields_out_of_the_address(page: Page, server, path,
                                                                    fields, send):
    _app_scripts_held(page)
    page.goto(path, wait_until="load")
    for selector, value in fields.items():
        page.fill(selector, value)
    page.press(send, "Enter")
    page.wait_for_timeout(1500)  # a native submit would have loaded the page again by now

    assert "?" not in page.url, page.url
    assert "geheimes" not in page.url and "chemienetzwerk" not in page.url
    for selector, value in fields.items():  # the typed input is still there
        assert page.input_value(selector) == value
