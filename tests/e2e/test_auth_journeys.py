"""The sign-in journeys of issue 2, in Chromium against the production server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.accounts import passwords
from harzportal.accounts.models import User
from harzportal.accounts.presenter import forgot_sent_text, sign_in_refusal
from harzportal.core.i18n import message_table, translate
from harzportal.demo import accounts
from tests.e2e.journeys import open_login, sign_in, sign_in_ok, sign_out

pytestmark = pytest.mark.e2e

LOGIN_FAILED_DE = translate("auth.login_failed", "de")
LOCKED_DE = sign_in_refusal("auth.locked", "de")


def _create_member(email: str, password: str, organization_name: str = "Oker Recycling GmbH"):
    from harzportal.organizations.models import Organization

    with db.unit_of_work() as session:
        organization = session.exec(
            select(Organization).where(Organization.name == organization_name)).one()
        session.add(User(email=email, full_name="Testperson E2E", organization_id=organization.id,
                         role="contact", password_hash=passwords.hash_password(password)))


@pytest.mark.parametrize("email, password, role", [
    (email, password, role) for email, password, role, _org in accounts.DEMO_LOGINS
])
def test_each_demo_account_signs_in(page: Page, email, password, role):
    sign_in_ok(page, email, password)
    expect(page.get_by_text(translate(f"role.{role}", "de")).first).to_be_visible()


def test_wrong_password_and_unknown_account_show_the_same_generic_message(page: Page):
    sign_in(page, accounts.HARZER_CONTACT_EMAIL, "not-the-right-password")
    expect(page.get_by_role("alert")).to_have_text(LOGIN_FAILED_DE)
    sign_in(page, "nobody-here@harzer-chemie.example", "not-the-right-password")
    expect(page.get_by_role("alert")).to_have_text(LOGIN_FAILED_DE)
    assert "/login" in page.url


def test_sixth_attempt_is_refused_even_with_the_right_password(page: Page):
    email, password = "lockout@throttle.example", "a long and proper password"
    _create_member(email, password)
    for _ in range(5):
        sign_in(page, email, "wrong password attempt")
        expect(page.get_by_role("alert")).to_have_text(LOGIN_FAILED_DE)
    sign_in(page, email, password)
    expect(page.get_by_role("alert")).to_have_text(LOCKED_DE)
    assert "/dashboard" not in page.url


def test_after_sign_out_the_back_button_shows_no_member_data(page: Page):
    sign_in_ok(page, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    expect(page.get_by_text("Harzer Chemiewerke GmbH").first).to_be_visible()
    sign_out(page)
    page.go_back()
    # Back lands on the dashboard address, which sends a signed-out visitor to the login page.
    page.wait_for_url("**/login")
    expect(page.locator("#field-email")).to_be_visible()
    page.wait_for_timeout(1000)
    body = page.locator("body").inner_text()
    assert "Harzer Chemiewerke" not in body
    assert accounts.HARZER_MANAGER_EMAIL not in body


def test_contact_opening_an_admin_address_gets_no_admin_data(page: Page):
    sign_in_ok(page, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    page.goto("/admin/users")
    page.wait_for_url("**/dashboard")
    body = page.locator("body").inner_text()
    assert accounts.OKER_MANAGER_EMAIL not in body
    assert accounts.ADMIN_EMAIL not in body
    expect(page.get_by_text(translate("nav.admin_users", "de"))).to_have_count(0)


def test_staff_see_the_user_accounts(page: Page):
    sign_in_ok(page, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    page.goto("/admin/users")
    expect(page.get_by_role("heading", name=translate("admin.users_title", "de"))).to_be_visible()
    page.get_by_placeholder(translate("admin.search_placeholder", "de")).fill("oker-recycling")
    page.get_by_role("button", name=translate("common.search", "de")).click()
    expect(page.get_by_text(accounts.OKER_MANAGER_EMAIL)).to_be_visible()
    expect(page.get_by_text(accounts.HARZER_MANAGER_EMAIL)).to_have_count(0)


def _german_only_texts() -> set[str]:
    """Catalogue texts that differ between the languages (placeholders excluded)."""
    return {entry["de"] for entry in message_table().values()
            if entry["de"] != entry["en"] and "{" not in entry["de"]}


def test_language_switch_changes_every_visible_string_and_survives_a_new_login(page: Page):
    email, password = "language@switch.example", "another proper long password"
    _create_member(email, password, "Harzer Chemiewerke GmbH")
    sign_in_ok(page, email, password)
    expect(page.get_by_text(translate("dashboard.intro", "de"))).to_be_visible()
    page.get_by_role("radio", name="EN").click()
    expect(page.get_by_text(translate("dashboard.intro", "en"))).to_be_visible()
    # Texts formatted on the server follow once the page has reloaded its data.
    expect(page.get_by_text(translate("org_kind.chemical", "en"))).to_be_visible()
    visible = page.locator("body").inner_text()
    leftovers = sorted(text for text in _german_only_texts() if re.search(
        rf"(?<!\w){re.escape(text)}(?!\w)", visible))
    assert leftovers == [], f"German texts still visible after switching: {leftovers}"
    for key in ("nav.dashboard", "dashboard.organization", "dashboard.account", "org.kind"):
        expect(page.get_by_text(translate(key, "en"), exact=True).first).to_be_visible()
    sign_out(page)
    sign_in_ok(page, email, password)
    expect(page.get_by_text(translate("dashboard.intro", "en"))).to_be_visible()


def test_forgot_password_mail_link_sets_a_new_password_once(page: Page, mails):
    email = "forgetful@reset.example"
    _create_member(email, "the old password of mine")
    page.goto("/forgot-password")
    page.fill("#field-email", email)
    page.get_by_role("button", name=translate("auth.forgot_button", "de")).click()
    expect(page.get_by_text(forgot_sent_text("de"))).to_be_visible()
    message = mails.wait_for(email, "Passwort zurücksetzen")
    link = re.search(r"https?://\S+/reset-password\?token=\S+",
                     message.get_body(("plain",)).get_content()).group(0)
    new_password = "my brand new password 2026"
    page.goto(link)
    page.fill("#field-password", new_password)
    page.fill("#field-password_repeat", new_password)
    page.get_by_role("button", name=translate("auth.reset_button", "de")).click()
    expect(page.get_by_text(translate("auth.reset_done", "de"))).to_be_visible()
    # The same link a second time, opened from the mail in a new tab: refused.
    second_tab = page.context.new_page()
    second_tab.goto(link)
    second_tab.fill("#field-password", "yet another new password 1")
    second_tab.fill("#field-password_repeat", "yet another new password 1")
    second_tab.get_by_role("button", name=translate("auth.reset_button", "de")).click()
    expect(second_tab.get_by_role("alert")).to_have_text(translate("token.invalid", "de"))
    second_tab.close()
    sign_in(page, email, "the old password of mine")
    expect(page.get_by_role("alert")).to_have_text(LOGIN_FAILED_DE)
    sign_in_ok(page, email, new_password)


def test_unknown_address_gets_the_same_answer_and_no_mail(page: Page, mails):
    page.goto("/forgot-password")
    page.fill("#field-email", "no-such-person@reset.example")
    page.get_by_role("button", name=translate("auth.forgot_button", "de")).click()
    expect(page.get_by_text(forgot_sent_text("de"))).to_be_visible()
    page.wait_for_timeout(1500)
    assert not [m for m in mails.messages if m["To"] == "no-such-person@reset.example"]


def test_login_page_is_reachable_without_session(page: Page):
    open_login(page)
    expect(page.get_by_role("heading", name=translate("auth.login_title", "de"))).to_be_visible()
