"""Screenshots of the dashboard at desktop and phone width in both languages, for review
(artifacts/screenshots/). Also checks that nothing overflows the phone width."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from harzportal.core.i18n import message_table, translate
from harzportal.demo import accounts
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.journeys import sign_in_ok

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("who", ["manager", "admin"])
def test_dashboard_screenshot(browser: Browser, server, width, language, who):
    email, password = {
        "manager": (accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD),
        "admin": (accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD),
    }[who]
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        sign_in_ok(page, email, password)
        if language == "en":
            page.evaluate("localStorage.setItem('hp_lang', 'en')")
        page.goto("/account")
        page.locator(f"#language-{language}").click()
        page.goto("/dashboard")
        intro = "dashboard.intro_staff" if who == "admin" else "dashboard.intro"
        expect(page.get_by_text(message_table()[intro][language])).to_be_visible()
        page.wait_for_timeout(500)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"dashboard-{who}-{language}-{width}.png",
                        full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page is {overflow}px wider than the {width}px viewport"
    finally:
        context.close()


def test_audit_log_screenshot(browser: Browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        sign_in_ok(page, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
        page.goto("/account")
        page.locator("#language-de").click()  # earlier tests may have left English chosen
        page.goto("/admin/audit")
        expect(page.get_by_role("heading", level=1)).to_have_text(translate("audit.title", "de"))
        page.select_option("select[name=kind]", "demo")
        page.get_by_role("button", name=translate("audit.apply", "de")).click()
        expect(page.get_by_text("demo.seeded").first).to_be_visible()
        page.select_option("select[name=kind]", "invoice")
        page.get_by_role("button", name=translate("audit.apply", "de")).click()
        expect(page.get_by_text("demo.seeded")).to_have_count(0)
        expect(page.get_by_text("invoice.issued").first).to_be_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "audit-log.png", full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_security_page_and_second_step_screenshots(browser: Browser, server, width):
    """The security page with a passkey and the app's QR code, and the sign-in's code step."""
    import time

    from tests.e2e.test_second_factor_journeys import _virtual_authenticator
    from tests.factories import PASSWORD, make_organization, make_user

    person = make_user(make_organization(), email=f"shot-{time.time_ns()}@e2e.example",
                       full_name="Katrin Vogel")
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        _virtual_authenticator(page)
        sign_in_ok(page, person.email, PASSWORD)
        page.goto("/account/security")
        page.fill("#field-name", "Laptop Büro")
        page.click("#passkey-add")
        expect(page.get_by_text(translate("passkey.added", "de"))).to_be_visible()
        page.click("#totp-start")
        expect(page.locator("#totp-qr")).to_be_visible()
        page.wait_for_timeout(300)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"security-de-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page is {overflow}px wider than the {width}px viewport"
        context.clear_cookies()  # signed out (the menu differs at phone width)
        page.goto("/login")
        expect(page.locator("#login-submit")).to_be_enabled()
        page.fill("#field-email", person.email)
        page.fill("#field-password", PASSWORD)
        page.click("#login-submit")
        expect(page.locator("#code-submit")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"login-code-step-de-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page is {overflow}px wider than the {width}px viewport"
    finally:
        context.close()
