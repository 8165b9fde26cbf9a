"""Bank statements in the browser: staff import the demo statement, see the preview, book it,
and the Harzer manager sees last year's invoice paid; screenshots of the page at 1280 and 375."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import select

from harzportal import db
from harzportal.banking.demo_statement import statement_for
from harzportal.core import clock
from harzportal.demo import accounts
from harzportal.invoices.models import Invoice
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

HARZER = "Harzer Chemiewerke GmbH"


def _last_years_invoice(name: str) -> Invoice:
    with db.unit_of_work() as session:
        return session.exec(select(Invoice).where(
            Invoice.recipient_name == name, Invoice.fee_year == clock.today().year - 1)).one()


def _an_open_invoice() -> Invoice:
    """An open invoice paid by transfer, whichever the journeys before left open."""
    with db.unit_of_work() as session:
        return session.exec(select(Invoice).where(
            Invoice.kind == "invoice", Invoice.status == "issued",
            Invoice.debit_mandate_id.is_(None)).order_by(Invoice.id)).first()


def test_the_preview_at_375_px(browser: Browser, server, tmp_path):
    upload = tmp_path / "camt053-demo.xml"
    upload.write_bytes(statement_for(clock.today().year - 1))
    phone = new_page(browser, server, 375)
    sign_in_ok(phone, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    phone.goto("/admin/bank")
    phone.locator("#statement_upload input[type=file]").set_input_files(str(upload))
    expect(phone.locator("#statement-preview")).to_be_visible()
    screenshot(phone, "bank-preview-375")
    phone.context.close()


def test_staff_import_the_demo_statement_and_the_member_sees_the_invoice_paid(
        browser: Browser, server, tmp_path):
    invoice = _last_years_invoice(HARZER)
    assert invoice.status == "issued"
    upload = tmp_path / "camt053-demo.xml"
    upload.write_bytes(statement_for(clock.today().year - 1))

    staff = new_page(browser, server, 1280)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.get_by_role("link", name=german("nav.bank")).first.click()
    staff.wait_for_url("**/admin/bank")
    staff.locator("#statement_upload input[type=file]").set_input_files(str(upload))
    preview = staff.locator("#statement-preview")
    expect(preview).to_be_visible()
    expect(staff.locator("#preview-counts")).to_contain_text("7 Posten werden gebucht")
    expect(preview.get_by_role("row", name=re.compile(invoice.number))).to_contain_text(
        german("bank_entry.outcome.exact"))
    expect(preview).to_contain_text(german("bank_entry.outcome.partial"))
    expect(preview).to_contain_text(german("bank_entry.outcome.returned"))
    expect(preview).to_contain_text(german("bank_entry.outcome.unmatched"))
    screenshot(staff, "bank-preview-1280")
    with db.unit_of_work() as session:  # the preview books nothing
        assert session.get(Invoice, invoice.id).paid_cents == invoice.paid_cents

    staff.click("#book-statement")
    staff.click("#book-confirm")
    # Booking is a job: the progress bar follows it live to its total, then says what it did.
    expect(staff.locator("#run-progress-text")).to_have_text("7 von 7", timeout=60000)
    expect(staff.get_by_text("Gebucht. Genau passende Zahlungen: 4;", exact=False).first
           ).to_be_visible()
    flagged = staff.locator("#flagged-entries")
    expect(flagged).to_contain_text("Förderkreis Harzer Bergbau")
    expect(flagged).to_contain_text(german("bank_entry.outcome.returned"))
    screenshot(staff, "bank-flagged-1280")

    manager = new_page(browser, server, 1280)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto(f"/invoices/{invoice.id}")
    expect(manager.locator("main")).to_contain_text(german("invoice.state.paid"))
    manager.goto("/invoices")
    expect(manager.get_by_role("row", name=re.compile(invoice.number))).to_contain_text(
        german("invoice.state.paid"))

    # Staff assign the unmatched credit, at 375 px.
    phone = new_page(browser, server, 375)
    sign_in_ok(phone, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    phone.goto("/admin/bank")
    expect(phone.locator("#flagged-entries")).to_contain_text("Förderkreis Harzer Bergbau")
    screenshot(phone, "bank-flagged-375")
    for page in (staff, manager, phone):
        page.context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_an_mt940_sta_file_is_read_like_camt(browser: Browser, server, tmp_path, width):
    from tests.banking.test_mt940 import Line, mt940_file

    invoice = _an_open_invoice()  # the other journeys may have paid Harzer's meanwhile
    open_cents = invoice.gross_cents - invoice.paid_cents
    amount = f"{open_cents // 100},{open_cents % 100:02d}"
    upload = tmp_path / "umsaetze.sta"  # the kind is told by the content, not the name
    upload.write_bytes(mt940_file(
        Line("C", amount, "166", "GUTSCHR. ÜBERWEISUNG", eref=invoice.number,
             svwz="Mitgliedsbeitrag"),
        Line("C", "25,00", "166", "GUTSCHR. ÜBERWEISUNG", svwz="Spende Sommerfest",
             name="Förderkreis Harzer Bergbau"),
        day=clock.today().strftime("%y%m%d")))
    staff = new_page(browser, server, width)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/bank")
    staff.locator("#statement_upload input[type=file]").set_input_files(str(upload))
    preview = staff.locator("#statement-preview")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("MT940")
    expect(preview.get_by_role("row", name=re.compile(invoice.number))).to_contain_text(
        german("bank_entry.outcome.exact"))
    expect(preview).to_contain_text(german("bank_entry.outcome.unmatched"))
    screenshot(staff, f"bank-mt940-preview-{width}")
    with db.unit_of_work() as session:  # the preview books nothing
        assert session.get(Invoice, invoice.id).paid_cents == invoice.paid_cents
    staff.context.close()
