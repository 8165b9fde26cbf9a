"""Organization profiles in the browser: propose, decide field by field, see the outcome;
isolation between organizations; the member directory."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import select

from harzportal import db
from harzportal.core.i18n import translate_plural
from harzportal.demo import accounts
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.models import ChangeRequest, Organization
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

HARZER = "Harzer Chemiewerke GmbH"
NEW_PHONE = "+49 5321 777 888"
NEW_DESCRIPTION = "Spezialchemie aus dem Harz <b>seit 1898</b>."
REASON = "Die Beschreibung bitte ohne Firmengeschichte."


def _organization(name: str) -> Organization:
    with db.unit_of_work() as session:
        return session.exec(select(Organization).where(Organization.name == name)).one()


def test_manager_proposes_staff_decide_per_field_and_the_manager_sees_the_outcome(
        browser: Browser, server, mails):
    harzer = _organization(HARZER)
    old_description = harzer.description

    manager = new_page(browser, server)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto("/organization")
    manager.wait_for_url(f"**/organizations/{harzer.id}")
    live = manager.locator("#live-profile")
    expect(live.get_by_text(harzer.phone, exact=True)).to_be_visible()
    manager.get_by_role("link", name=german("organization.propose")).click()
    manager.wait_for_url(f"**/organizations/{harzer.id}/edit")
    expect(manager.locator("#field-phone")).to_have_value(harzer.phone)
    manager.fill("#field-phone", NEW_PHONE)
    manager.fill("#field-description", NEW_DESCRIPTION)
    manager.get_by_role("button", name=german("change.submit_proposal")).click()
    manager.wait_for_url(re.compile(rf".*/organizations/{harzer.id}\?notice=submitted"))
    expect(manager.get_by_text(german("change.submitted"))).to_be_visible()
    expect(manager.get_by_role("heading", name=german("change.pending_title"))).to_be_visible()
    # Still the live profile until staff decide.
    expect(live.get_by_text(harzer.phone, exact=True)).to_be_visible()
    screenshot(manager, "organization-profile-pending")

    with db.unit_of_work() as session:
        request = session.exec(select(ChangeRequest).where(
            ChangeRequest.organization_id == harzer.id, ChangeRequest.status == "open")).one()

    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/approvals")
    staff.get_by_role("row", name=re.compile(HARZER)).get_by_role(
        "link", name=german("approvals.open")).click()
    staff.wait_for_url(f"**/admin/approvals/{request.id}")
    phone_row = staff.locator("#change-row-phone")
    expect(phone_row).to_contain_text(harzer.phone)
    expect(phone_row).to_contain_text(NEW_PHONE)
    description_row = staff.locator("#change-row-description")
    expect(description_row).to_contain_text(NEW_DESCRIPTION)  # shown as text, not as HTML
    phone_row.get_by_text(german("approvals.approve"), exact=True).click()
    description_row.get_by_text(german("approvals.reject"), exact=True).click()
    # A rejection without reason is refused with a message at the field.
    staff.get_by_role("button", name=german("approvals.submit")).click()
    expect(staff.locator("#error-description")).to_contain_text(german("change.reason_required"))
    staff.fill("#reason-description", REASON)
    screenshot(staff, "approval-detail")
    staff.get_by_role("button", name=german("approvals.submit")).click()
    expect(staff.get_by_text(german("approvals.decided"))).to_be_visible()

    mail = mails.wait_for(accounts.HARZER_MANAGER_EMAIL, HARZER)
    assert REASON in mail.get_body(("plain",)).get_content()
    with db.unit_of_work() as session:
        outbox = session.exec(select(OutboxEmail).where(
            OutboxEmail.recipient == accounts.HARZER_MANAGER_EMAIL,
            OutboxEmail.kind == "change_decided")).all()
    assert len(outbox) == 1

    manager.goto(f"/organizations/{harzer.id}")
    expect(live.get_by_text(NEW_PHONE, exact=True)).to_be_visible()
    expect(live.get_by_text(old_description, exact=True)).to_be_visible()
    expect(manager.locator("#change-history").get_by_text(REASON)).to_be_visible()
    expect(manager.get_by_role("heading", name=german("change.pending_title"))).to_have_count(0)
    screenshot(manager, "organization-profile-history")
    assert _organization(HARZER).description == old_description
    manager.context.close()
    staff.context.close()


def test_another_organizations_manager_cannot_see_or_reach_its_requests_or_contacts(
        browser: Browser, server):
    harzer = _organization(HARZER)
    with db.unit_of_work() as session:
        requests = session.exec(select(ChangeRequest.id)
                                .where(ChangeRequest.organization_id == harzer.id)).all()
    page = new_page(browser, server)
    sign_in_ok(page, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    not_found = german("error.not_found")  # as for an organization that does not exist
    for path in (f"/organizations/{harzer.id}", f"/organizations/{harzer.id}/edit",
                 f"/organizations/{harzer.id}/contacts"):
        page.goto(path)
        expect(page.get_by_text(not_found)).to_be_visible()
        expect(page.get_by_text(german("error.permission_denied"))).to_have_count(0)
        body = page.locator("main").inner_text()
        assert harzer.phone not in body and harzer.street not in body
        assert "harzer-chemie.example" not in body
    for path in ["/admin/approvals", *[f"/admin/approvals/{rid}" for rid in requests]]:
        page.goto(path)
        page.wait_for_url("**/dashboard")
        assert "harzer-chemie.example" not in page.locator("main").inner_text()
    page.context.close()


def test_directory_search_finds_by_competence_and_lists_only_contacts_who_opted_in(
        browser: Browser, server):
    page = new_page(browser, server)
    sign_in_ok(page, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    page.goto("/directory")
    expect(page.get_by_text("Clausthaler Zinkwerke GmbH")).to_be_visible()
    screenshot(page, "directory")
    page.fill("input[name=search]", "Batterierecycling")
    page.get_by_role("button", name=german("common.search")).click()
    expect(page.get_by_text("Osteroder Batterierecycling GmbH")).to_be_visible()
    expect(page.get_by_text("Clausthaler Zinkwerke GmbH")).to_have_count(0)
    members = translate_plural("directory.results_one", "directory.results_other", 1, "de")
    expect(page.get_by_text(f"1 / 1 · {members}")).to_be_visible()

    harzer = _organization(HARZER)
    page.goto(f"/directory/{harzer.id}")
    expect(page.get_by_text(accounts.HARZER_MANAGER_EMAIL)).to_be_visible()  # opted in
    expect(page.get_by_text(accounts.HARZER_CONTACT_EMAIL)).to_have_count(0)  # did not
    screenshot(page, "directory-entry")
    page.context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_contacts_and_edit_form_screenshots(browser: Browser, server, width):
    harzer = _organization(HARZER)
    page = new_page(browser, server, width)
    sign_in_ok(page, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    for path, name in ((f"/organizations/{harzer.id}/contacts", "contacts"),
                       (f"/organizations/{harzer.id}/edit", "organization-edit")):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.wait_for_timeout(600)
        screenshot(page, f"{name}-{width}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the {width}px viewport"
    page.context.close()


def _png(color: str, size=(800, 300)) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def test_logo_upload_is_checked_by_content_and_served_only_to_signed_in_users(
        browser: Browser, server, tmp_path):
    oker = _organization("Oker Recycling GmbH")
    page = new_page(browser, server)
    sign_in_ok(page, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    page.goto(f"/organizations/{oker.id}/edit")
    upload = page.locator("#logo_upload input[type=file]")

    svg = tmp_path / "logo.png"  # an SVG under a PNG name is refused by its content
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>')
    upload.set_input_files(str(svg))
    expect(page.locator("#error-logo")).to_contain_text(german("logo.wrong_type"))

    renamed = tmp_path / "logo.jpg"  # a PNG under a JPEG name is accepted by its content
    renamed.write_bytes(_png("#0b7a75"))
    upload.set_input_files(str(renamed))
    expect(page.get_by_text(german("logo.uploaded"))).to_be_visible()
    expect(page.locator("#error-logo")).to_have_text("")
    page.get_by_role("button", name=german("change.submit_proposal")).click()
    page.wait_for_url(re.compile(rf".*/organizations/{oker.id}\?notice=submitted"))
    proposed = page.locator("#pending-row-logo img")
    expect(proposed).to_be_visible()
    logo_src = proposed.get_attribute("src")
    assert logo_src.startswith("/files/logos/")
    assert page.request.get(logo_src).status == 200  # the organization's own people see it

    anonymous = browser.new_context(base_url=server)
    assert anonymous.request.get(logo_src).status == 404
    anonymous.close()
    other = new_page(browser, server)
    sign_in_ok(other, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    assert other.request.get(logo_src).status == 404  # proposed, not live: only Oker and staff
    other.context.close()
    page.context.close()
