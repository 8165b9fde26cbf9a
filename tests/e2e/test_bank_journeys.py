"""Bank statements in the browser: staff import the demo statement, see the preview, book it,
and the Harzer manager sees last year's invoice paid; screenshots of the page at 1280 and 375."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.banking.demo_statement import statement_for
from harzportal.core import clock
from harzportal.core.i18n import translate
from harzportal.demo import accounts
from harzportal.invoices.models import Invoice
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.journeys import sign_in_ok

pytestmark = pytest.mark.e2e

HARZER = "Harzer Chemiewerke GmbH"


def _text(key: str) -> str:
    return translate(key, "de")


def _page(browser: Browser, server: str, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(30000)
    return page


def _shot(page: Page, name: str) -> None:
    page.wait_for_timeout(400)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def _last_years_invoice(name: str) -> Invoice:
    with db.unit_of_work() as session:
        return session.exec(select(Invoice).where(
            Invoice.recipient_name == name, Invoice.fee_year == clock.today().year - 1)).one()


def test_the_preview_at_375_px(browser: Browser, server, tmp_path):
    upload = tmp_path / "camt053-demo.xml"
    upload.write_bytes(statement_for(clock.today().year - 1))
    phone = _page(browser, server, 375)
    sign_in_ok(phone, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    phone.goto("/admin/bank")
    phone.locator("#statement_upload input[type=file]").set_input_files(str(upload))
    expect(phone.locator("#statement-preview")).to_be_visible()
    _shot(phone, "bank-preview-375")
    phone.context.close()


def test_staff_import_the_demo_statement_and_the_member_sees_the_invoice_paid(
        browser: Browser, server, tmp_path):
    invoice = _last_years_invoice(HARZER)
    assert invoice.status == "issued"
    upload = tmp_path / "camt053-demo.xml"
    upload.write_bytes(statement_for(clock.today().year - 1))

    staff = _page(browser, server, 1280)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.get_by_role("link", name=_text("nav.bank")).first.click()
    staff.wait_for_url("**/admin/bank")
    staff.locator("#statement_upload input[type=file]").set_input_files(str(upload))
    preview = staff.locator("#statement-preview")
    expect(preview).to_be_visible()
    expect(staff.locator("#preview-counts")).to_contain_text("7 Posten werden gebucht")
    expect(preview.get_by_role("row", name=re.compile(invoice.number))).to_contain_text(
        _text("bank_entry.outcome.exact"))
    expect(preview).to_contain_text(_text("bank_entry.outcome.partial"))
    expect(preview).to_contain_text(_text("bank_entry.outcome.returned"))
    expect(preview).to_contain_text(_text("bank_entry.outcome.unmatched"))
    _shot(staff, "bank-preview-1280")
    assert _last_years_invoice(HARZER).status == "issued"  # the preview books nothing

    staff.click("#book-statement")
    staff.click("#book-confirm")
    expect(staff.get_by_text(re.compile("Gebucht: 4 genau passende Zahlungen"))).to_be_visible()
    flagged = staff.locator("#flagged-entries")
    expect(flagged).to_contain_text("Förderkreis Harzer Bergbau")
    expect(flagged).to_contain_text(_text("bank_entry.outcome.returned"))
    _shot(staff, "bank-flagged-1280")

    manager = _page(browser, server, 1280)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto(f"/invoices/{invoice.id}")
    expect(manager.locator("main")).to_contain_text(_text("invoice.state.paid"))
    manager.goto("/invoices")
    expect(manager.get_by_role("row", name=re.compile(invoice.number))).to_contain_text(
        _text("invoice.state.paid"))

    # Staff assign the unmatched credit, at 375 px.
    phone = _page(browser, server, 375)
    sign_in_ok(phone, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    phone.goto("/admin/bank")
    expect(phone.locator("#flagged-entries")).to_contain_text("Förderkreis Harzer Bergbau")
    _shot(phone, "bank-flagged-375")
    for page in (staff, manager, phone):
        page.context.close()
