"""Second factors in Chromium against the production server: a passkey on a virtual
authenticator (Chrome DevTools Protocol WebAuthn domain) and the authenticator app with codes
computed by pyotp. Each test signs in as a person of its own (made here), so the demo accounts
keep their password-only sign-in for the other browser tests."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pyotp
import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import Passkey
from harzportal.core.i18n import translate
from tests.e2e.journeys import GREETING, open_login, sign_in, sign_out
from tests.factories import PASSWORD, make_organization, make_user

pytestmark = pytest.mark.e2e


def _person(name: str):
    return make_user(make_organization(), email=f"{name}-{time.time_ns()}@e2e.example",
                     full_name=name.capitalize())


def _virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})


def _hold_passkey_script(page: Page) -> list:
    """assets/passkeys.js stays on its way, as on a slow phone connection, until the test lets
    the routes it returns go on."""
    held = []
    page.route("**/passkeys.js", lambda route: held.append(route))
    return held


def _on_dashboard(page: Page) -> None:
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()


def _open_security(page: Page) -> None:
    page.goto("/account/security")
    expect(page.get_by_role("heading", level=1, name=translate("factor.page_title", "de"))) \
        .to_be_visible()


def test_a_passkey_is_added_signs_in_alone_and_is_removed(page: Page, server):
    person = _person("passkey")
    _virtual_authenticator(page)
    sign_in(page, person.email, PASSWORD)
    _on_dashboard(page)
    _open_security(page)
    page.fill("#field-name", "Laptop Büro")
    page.click("#passkey-add")
    expect(page.get_by_text(translate("passkey.added", "de"))).to_be_visible()
    expect(page.get_by_role("cell", name="Laptop Büro")).to_be_visible()
    sign_out(page)

    open_login(page)
    page.click("#passkey-sign-in")  # no address typed
    _on_dashboard(page)
    with db.unit_of_work() as session:
        [passkey] = session.exec(select(Passkey).where(Passkey.user_id == person.id)).all()
        assert passkey.last_used_at is not None

    _open_security(page)
    page.get_by_role("button", name=translate("passkey.remove", "de")).first.click()
    page.fill("#field-secret", PASSWORD)
    page.locator(".passkey-remove-confirm").click()
    expect(page.get_by_text(translate("passkey.removed", "de"))).to_be_visible()
    with db.unit_of_work() as session:
        assert session.exec(select(Passkey).where(Passkey.user_id == person.id)).all() == []


def test_a_passkey_of_one_origin_is_refused_on_another(page: Page, server):
    """Also: the button takes no click before assets/passkeys.js has run (inserted by the page,
    the script once came after the page was interactive, and an early click did nothing)."""
    person = _person("origin")
    _virtual_authenticator(page)
    sign_in(page, person.email, PASSWORD)
    _on_dashboard(page)
    _open_security(page)
    page.fill("#field-name", "Handy")
    page.click("#passkey-add")
    expect(page.get_by_text(translate("passkey.added", "de"))).to_be_visible()
    sign_out(page)

    port = urlsplit(server).port
    held = _hold_passkey_script(page)
    page.goto(f"http://127.0.0.1:{port}/login", wait_until="commit")  # the same server, another origin
    expect(page.locator("#passkey-sign-in")).to_be_visible()
    with pytest.raises(PlaywrightTimeout):  # no click lands before the script has come
        page.click("#passkey-sign-in", trial=True, timeout=3000)
    for route in held:
        route.continue_()
    page.unroute("**/passkeys.js")
    page.click("#passkey-sign-in")
    expect(page.get_by_text(translate("passkey.failed", "de"))).to_be_visible()
    assert "/dashboard" not in page.url


def test_the_authenticator_app_with_codes_replay_and_a_recovery_code(page: Page, server):
    person = _person("totp")
    sign_in(page, person.email, PASSWORD)
    _on_dashboard(page)
    _open_security(page)
    page.click("#totp-start")
    expect(page.locator("#totp-qr")).to_be_visible()
    totp = pyotp.TOTP(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.fill("#field-code", totp.now())
    page.click("#totp-confirm")
    expect(page.get_by_text(translate("factor.totp_enabled", "de"))).to_be_visible()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    sign_out(page)

    sign_in(page, person.email, PASSWORD)
    expect(page.locator("#code-submit")).to_be_visible()  # no session before the code
    assert "/login" in page.url
    page.fill("#field-code", "000000" if totp.now() != "000000" else "111111")
    page.click("#code-submit")
    expect(page.get_by_text(translate("auth.code_wrong", "de"))).to_be_visible()
    fresh = totp.at(time.time() + 30)  # the enrolment used the current step
    page.fill("#field-code", fresh)
    page.click("#code-submit")
    _on_dashboard(page)
    sign_out(page)

    sign_in(page, person.email, PASSWORD)
    expect(page.locator("#code-submit")).to_be_visible()
    page.fill("#field-code", fresh)  # replayed
    page.click("#code-submit")
    expect(page.get_by_text(translate("auth.code_wrong", "de"))).to_be_visible()
    page.fill("#field-code", codes[0])
    page.click("#code-submit")
    _on_dashboard(page)
    sign_out(page)

    sign_in(page, person.email, PASSWORD)
    expect(page.locator("#code-submit")).to_be_visible()
    page.fill("#field-code", codes[0])  # a recovery code works once
    page.click("#code-submit")
    expect(page.get_by_text(re.compile(re.escape(translate("auth.code_wrong", "de"))))) \
        .to_be_visible()
    assert "/login" in page.url
