"""SEPA direct debit in the browser: a manager grants a mandate on the invoices page and
downloads its PDF; staff create a collection run, download the pain.008 file (valid against its
XSD) and mark it submitted. Screenshots of both pages at 375 and 1280 px."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
import sepaxml
import xmlschema
from playwright.sync_api import Browser, Page, expect

from harzportal.demo import accounts
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.008.001.08.xsd"


def _shots(page: Page, name: str) -> None:
    """The page at 375 and 1280 px (each fails on sideways scrolling), then back at 1280."""
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"{name}-{width}")


def test_a_manager_grants_a_mandate_and_downloads_it(browser: Browser, server):
    manager = new_page(browser, server)
    sign_in_ok(manager, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto("/invoices")
    manager.click("#open-mandate")
    manager.wait_for_url("**/invoices/mandate")
    expect(manager.get_by_role("heading", level=1, name=german("debit.mandate.title"))
           ).to_be_visible()
    manager.fill("#field-iban", "DE89 3704 0044 0532 0130 01")  # a wrong check digit
    manager.get_by_text(german("debit.scheme.b2b")).click()
    expect(manager.locator("#mandate-text")).to_contain_text("Firmenlastschrift")
    manager.locator("#field-accepted").click()
    _shots(manager, "debit-mandate-grant")
    manager.click("#grant-mandate")
    expect(manager.get_by_text(german("debit.iban_invalid"))).to_be_visible()
    manager.fill("#field-iban", "DE89 3704 0044 0532 0130 00")
    manager.click("#grant-mandate")
    expect(manager.get_by_text(german("debit.mandate.granted"))).to_be_visible()
    expect(manager.get_by_text("DE…3000")).to_be_visible()
    expect(manager.get_by_text("DE89370400440532013000")).to_have_count(0)
    _shots(manager, "debit-mandate-active")
    with manager.expect_download() as download:
        manager.click("#download-mandate")
    content = Path(download.value.path()).read_bytes()
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert "SEPA-Firmenlastschriftmandat" in text and "Oker Recycling GmbH" in text
    assert "DE…3000" in text and "DE98ZZZ09999999999" in text

    # A plain contact of another organization cannot open it.
    contact = new_page(browser, server)
    sign_in_ok(contact, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    contact.goto("/invoices/mandate")
    expect(contact.get_by_text(german("error.permission_denied"))).to_be_visible()
    assert contact.request.get(download.value.url).status == 404


def test_staff_run_a_collection_download_the_file_and_submit_it(browser: Browser, server):
    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/debits")
    expect(staff.get_by_role("heading", level=1, name=german("debit.runs.title"))).to_be_visible()
    expect(staff.get_by_role("row", name=re.compile("Selketal Pigmente GmbH")).first
           ).to_contain_text("RCUR")
    _shots(staff, "debit-runs-due")
    staff.click("#create-run-core")
    # The run is a job: the progress bar follows it live (a background event) to its total.
    progress = staff.locator("#run-progress-text")
    expect(progress).to_have_text(re.compile(r"^(\d+) von \1$"), timeout=90000)
    done = progress.inner_text().split(" ")[0]
    expect(staff.get_by_text(re.compile(rf"{done} Lastschriften? über .* erstellt\.")).first
           ).to_be_visible(timeout=60000)
    _shots(staff, "debit-runs-progress")
    # Left and opened again: Aufträge lists it with its result; the page still shows it.
    staff.goto("/admin/jobs")
    expect(staff.get_by_role("row", name=re.compile("Lastschrifteinzug CORE")).first
           ).to_contain_text(f"{done} von {done}")
    staff.goto("/admin/debits")
    expect(staff.locator("#run-progress-text")).to_have_text(f"{done} von {done}")
    with staff.expect_download() as download:
        staff.locator(".download-run").first.click()
    xml = Path(download.value.path()).read_bytes()
    xmlschema.XMLSchema(str(XSD)).validate(xml)
    assert b"<Cd>CORE</Cd>" in xml and b"<SeqTp>RCUR</SeqTp>" in xml
    staff.locator(".submit-run").first.click()
    expect(staff.get_by_text(german("debit.run.submitted"))).to_be_visible()
    expect(staff.get_by_role("row").filter(has_text="CORE").first).to_contain_text(
        german("debit.run.status.submitted"))
    _shots(staff, "debit-runs-submitted")


def test_the_invoice_pages_and_the_annual_run_say_who_is_debited(browser: Browser, server):
    manager = new_page(browser, server)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto("/invoices")
    note = manager.locator(".debit-note").first
    expect(note).to_contain_text(re.compile(r"Lastschrift (eingereicht am|am) .* DE…7897"))
    _shots(manager, "debit-member-invoices")
    manager.get_by_role("row").filter(has=manager.locator(".debit-note")).first.get_by_role(
        "link").click()
    manager.wait_for_url(re.compile(r".*/invoices/\d+$"))
    expect(manager.get_by_text(re.compile(r"Lastschrift .*DE…7897"))).to_be_visible()
    _shots(manager, "debit-member-invoice")

    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/invoices/run")
    expect(staff.get_by_role("row", name=re.compile("Harzer Chemiewerke GmbH"))).to_contain_text(
        "Lastschrift (B2B)")
    expect(staff.get_by_role("row", name=re.compile("Oker Recycling GmbH"))).to_contain_text(
        re.compile("Überweisung|Lastschrift"))
    _shots(staff, "debit-annual-run")
