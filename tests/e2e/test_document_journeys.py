"""The document library in the browser: staff publish a PDF for HSE contacts; the HSE contact
downloads the identical bytes; a contact without that function neither sees nor gets it."""

from __future__ import annotations

import hashlib

import pytest
from fpdf import FPDF
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.core.i18n import translate
from harzportal.demo import accounts
from harzportal.documents.models import Document
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.journeys import sign_in_ok

pytestmark = pytest.mark.e2e

TITLE = "Lagerung brennbarer Flüssigkeiten (TRGS 510)"


def _text(key: str) -> str:
    return translate(key, "de")


def _page(browser: Browser, server: str, width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server,
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


def _shot(page: Page, name: str) -> None:
    page.wait_for_timeout(400)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


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

    staff = _page(browser, server)
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
    _shot(staff, "document-new")
    staff.click("#create-document")
    staff.wait_for_url("**/admin/documents/*")
    expect(staff.get_by_role("heading", level=1)).to_have_text(TITLE)
    with db.unit_of_work() as session:
        document = session.exec(select(Document).where(Document.title == TITLE)).one()

    hse_contact = _page(browser, server)
    sign_in_ok(hse_contact, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    hse_contact.goto("/documents")
    card = hse_contact.locator("div.rt-Card", has_text=TITLE)
    expect(card).to_be_visible()
    expect(card).to_contain_text(_text("library.new"))
    expect(card).to_contain_text(translate("document.reason.function.hse", "de"))
    _shot(hse_contact, "library")
    with hse_contact.expect_download() as download_info:
        card.get_by_role("button", name=f"{_text('library.download')}: {TITLE}").click()
    downloaded = open(download_info.value.path(), "rb").read()
    assert hashlib.sha256(downloaded).hexdigest() == hashlib.sha256(content).hexdigest()

    other = _page(browser, server)
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
            expect(other.get_by_text(_text("error.not_found"))).to_be_visible()
    for page in (staff, hse_contact, other):
        page.context.close()
