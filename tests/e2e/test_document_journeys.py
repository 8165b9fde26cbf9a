"""The document library in the browser: staff publish a PDF for HSE contacts; the HSE contact
downloads the identical bytes; a contact without that function neither sees nor gets it."""

from __future__ import annotations

import hashlib

import pytest
from fpdf import FPDF
from playwright.sync_api import Browser, expect
from sqlmodel import select

from harzportal import db
from harzportal.core.i18n import translate
from harzportal.demo import accounts
from harzportal.documents.models import Document
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

TITLE = "Lagerung brennbarer Flüssigkeiten (TRGS 510)"


def _pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, "TRGS 510 - Lagerung in ortsbeweglichen Behaeltern")
    return bytes(pdf.output())


def test_staff_publish_for_hse_contacts_and_only_they_download_it(browser: Browser, server,
                                                                  tmp_path):
    content = _pdf_bytes()
    upload = tmp_path / "TRGS_510_Lagerung.pdf"
    upload.write_bytes(content)

    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/documents/new")
    # The categories arrive with the page's load event: the page is connected then.
    expect(staff.locator("#field-category_id option").first).to_be_attached()
    staff.locator("#document_upload input[type=file]").set_input_files(str(upload))
    expect(staff.locator("#staged-file")).to_contain_text("TRGS_510_Lagerung.pdf")
    staff.fill("#field-title", TITLE)
    staff.select_option("#field-audience", "function")
    staff.select_option("#field-audience_function", "hse")
    staff.fill("#field-change_note", "Erstfassung")
    screenshot(staff, "document-new")
    staff.click("#create-document")
    staff.wait_for_url("**/admin/documents/*")
    expect(staff.get_by_role("heading", level=1)).to_have_text(TITLE)
    with db.unit_of_work() as session:
        document = session.exec(select(Document).where(Document.title == TITLE)).one()

    hse_contact = new_page(browser, server)
    sign_in_ok(hse_contact, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    hse_contact.goto("/documents")
    card = hse_contact.locator("div.rt-Card", has_text=TITLE)
    expect(card).to_be_visible()
    expect(card).to_contain_text(german("library.new"))
    expect(card).to_contain_text(translate("document.reason.function.hse", "de"))
    screenshot(hse_contact, "library")
    with hse_contact.expect_download() as download_info:
        card.get_by_role("button", name=f"{german('library.download')}: {TITLE}").click()
    downloaded = open(download_info.value.path(), "rb").read()
    assert hashlib.sha256(downloaded).hexdigest() == hashlib.sha256(content).hexdigest()

    other = new_page(browser, server)
    sign_in_ok(other, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    other.goto("/documents")
    expect(other.get_by_role("heading", level=1)).to_be_visible()
    other.wait_for_timeout(500)
    assert TITLE not in other.locator("main").inner_text()
    for url in (f"/files/documents/{document.id}/latest", f"/documents/{document.id}"):
        if url.startswith("/files"):
            assert other.request.get(url).status == 404
        else:
            other.goto(url)
            expect(other.get_by_text(german("error.not_found"))).to_be_visible()
    for page in (staff, hse_contact, other):
        page.context.close()
