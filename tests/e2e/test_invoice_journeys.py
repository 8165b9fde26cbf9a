"""Invoices in the browser: staff run the annual invoicing, the manager downloads the PDF,
a plain contact sees no invoices, staff book the payment and the manager sees it paid."""

from __future__ import annotations

import io
import re

import facturx
import pypdf
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.core import clock
from harzportal.accounts.models import User
from harzportal.demo import accounts
from harzportal.invoices.models import Invoice
from harzportal.organizations.models import Organization
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

HARZER = "Harzer Chemiewerke GmbH"


def _this_years_invoice(organization_name: str) -> Invoice:
    with db.unit_of_work() as session:
        organization = session.exec(select(Organization)
                                    .where(Organization.name == organization_name)).one()
        return session.exec(select(Invoice).where(
            Invoice.organization_id == organization.id,
            Invoice.fee_year == clock.today().year)).one()


def test_annual_run_download_payment_and_who_sees_invoices(browser: Browser, server, mails):
    year = clock.today().year
    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/invoices/run")
    expect(staff.locator("#field-year")).to_have_value(str(year))
    expect(staff.get_by_role("row", name=re.compile(HARZER))).to_contain_text(
        german("invoice_run.state.to_issue"))
    screenshot(staff, "invoice-run-preview")
    staff.click("#issue-all")
    staff.click("#issue-all-confirm")
    # The run is a job: the progress bar follows it live (a background event) to 19 of 19,
    # every demo member.
    progress = staff.locator("#run-progress-text")
    expect(progress).to_be_visible()
    expect(progress).to_have_text("19 von 19", timeout=90000)  # no reload: pushed to the tab
    expect(staff.get_by_text(f"19 Rechnungen für {year} gestellt.").first).to_be_visible(
        timeout=60000)
    screenshot(staff, "invoice-run-progress-1280")
    staff.set_viewport_size({"width": 375, "height": 800})
    screenshot(staff, "invoice-run-progress-375")
    staff.set_viewport_size({"width": 1280, "height": 900})
    # Left and opened again: the finished run is still shown; Aufträge lists it.
    staff.goto("/admin/jobs")
    expect(staff.get_by_role("row", name=re.compile("Rechnungslauf")).first).to_contain_text(
        "19 von 19")
    screenshot(staff, "job-runs-1280")
    staff.set_viewport_size({"width": 375, "height": 800})
    screenshot(staff, "job-runs-375")
    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.goto("/admin/invoices/run")
    expect(staff.locator("#run-progress-text")).to_have_text("19 von 19")
    expect(staff.get_by_role("row", name=re.compile(HARZER))).to_contain_text(
        german("invoice_run.state.invoiced"))
    # A second run for the same year issues nothing and says so.
    expect(staff.locator("#issue-all")).to_be_disabled()

    invoice = _this_years_invoice(HARZER)
    mail = mails.wait_for(accounts.HARZER_MANAGER_EMAIL, invoice.number)
    attachments = [part.get_filename() for part in mail.iter_attachments()]
    assert attachments == [f"{invoice.number}.pdf"]

    manager = new_page(browser, server)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.get_by_role("link", name=german("nav.invoices")).first.click()
    manager.wait_for_url("**/invoices")
    row = manager.get_by_role("row", name=re.compile(invoice.number))
    expect(row).to_contain_text(german("invoice.state.open"))
    screenshot(manager, "invoices-member")
    row.get_by_role("link", name=invoice.number).click()
    manager.wait_for_url(f"**/invoices/{invoice.id}")
    with manager.expect_download() as download_info:
        manager.click("#download-pdf")
    download = download_info.value
    assert download.suggested_filename == f"{invoice.number}.pdf"
    content = open(download.path(), "rb").read()
    assert content.startswith(b"%PDF")
    text = pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert invoice.number in text and "2.400,00\xa0€" in text  # an amount never breaks
    _filename, xml = facturx.get_xml_from_pdf(content, check_xsd=True)
    assert invoice.number.encode() in xml
    screenshot(manager, "invoice-detail-member")

    contact = new_page(browser, server)
    sign_in_ok(contact, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    expect(contact.get_by_role("link", name=german("nav.invoices"))).to_have_count(0)
    contact.goto("/invoices")
    expect(contact.get_by_text(german("error.permission_denied"))).to_be_visible()
    assert invoice.number not in contact.locator("main").inner_text()
    contact.goto(f"/invoices/{invoice.id}")
    expect(contact.get_by_text(german("error.permission_denied"))).to_be_visible()
    assert contact.request.get(f"/files/invoices/{invoice.id}/{invoice.number}.pdf").status == 404

    staff.goto(f"/invoices/{invoice.id}")
    staff.fill("#field-amount", "2.400,00")
    staff.fill("#field-reference", f"Überweisung {invoice.number}")
    staff.get_by_role("button", name=german("payment.record")).click()
    expect(staff.get_by_text(german("payment.recorded"))).to_be_visible()
    screenshot(staff, "invoice-detail-staff")

    manager.goto("/invoices")
    expect(manager.get_by_role("row", name=re.compile(invoice.number))).to_contain_text(
        german("invoice.state.paid"))
    for page in (staff, manager, contact):
        page.context.close()


def _reload_until_visible(page: Page, locator, seconds: int = 30) -> None:
    """A document rendered by a job appears on its page once it exists: reload until then."""
    for _ in range(seconds * 2):
        if locator.count():
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(locator).to_be_visible()


def _last_years_invoice_paid(name: str) -> Invoice:
    """The organization's fee invoice of last year, paid (the demo leaves Harzer's open for
    the demo bank statement, which another journey may or may not have booked already)."""
    from harzportal.core.actor import Actor
    from harzportal.core.roles import Role
    from harzportal.invoices import collection

    with db.unit_of_work() as session:
        invoice = session.exec(select(Invoice).where(
            Invoice.recipient_name == name, Invoice.kind == "invoice",
            Invoice.fee_year == clock.today().year - 1)).one()
        if invoice.status != "paid":
            admin = session.exec(select(User).where(User.email == accounts.ADMIN_EMAIL)).one()
            collection.record_payment(
                session, Actor(user_id=admin.id, organization_id=None, role=Role.NETWORK_ADMIN),
                invoice.id, invoice.issue_date, invoice.gross_cents - invoice.paid_cents,
                f"Überweisung {invoice.number}")
        session.refresh(invoice)
        return invoice


def _okers_overdue_invoice() -> Invoice:
    with db.unit_of_work() as session:
        organization = session.exec(select(Organization)
                                    .where(Organization.name == "Oker Recycling GmbH")).one()
        return session.exec(select(Invoice).where(
            Invoice.organization_id == organization.id).order_by(Invoice.id)).first()


def test_staff_send_the_proposed_reminder_of_the_demos_overdue_invoice(browser: Browser,
                                                                      server):
    """The demo admin opens the Mahnvorschläge, finds Oker's overdue invoice proposed for the
    first level, sends it; it leaves the proposals and the invoice lists the reminder. (Before
    the reminder journey below, which sends the next levels.)"""
    invoice = _okers_overdue_invoice()
    assert invoice.reminder_level == 0
    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/invoices")
    expect(staff.locator("#reminder-proposals")).to_be_visible()
    for width in (375, 1280):
        staff.set_viewport_size({"width": width, "height": 900})
        screenshot(staff, f"invoices-staff-{width}")
    staff.click("#reminder-proposals")
    staff.wait_for_url("**/admin/invoices/reminders")
    expect(staff.get_by_role("heading", level=1, name=german("reminder_proposal.title"))
           ).to_be_visible()
    row = staff.get_by_role("row").filter(has_text=invoice.number)
    expect(row).to_contain_text("Oker Recycling GmbH")
    expect(row).to_contain_text("Zahlungserinnerung")
    expect(row).to_contain_text(re.compile(r"\d+ Tagen"))
    for width in (375, 1280):
        staff.set_viewport_size({"width": width, "height": 900})
        screenshot(staff, f"reminder-proposals-{width}")
    row.get_by_role("button", name=f"{german('reminder_proposal.send')}: {invoice.number}"
                    ).click()
    expect(staff.get_by_text(german("reminder_proposal.sent", document="Zahlungserinnerung"))
           ).to_be_visible()
    expect(staff.get_by_role("row").filter(has_text=invoice.number)).to_have_count(0)
    screenshot(staff, "reminder-proposals-sent-1280")
    with db.unit_of_work() as session:
        assert session.get(Invoice, invoice.id).reminder_level == 1

    staff.goto(f"/invoices/{invoice.id}")
    _reload_until_visible(staff, staff.get_by_role("button", name="Zahlungserinnerung",
                                                   exact=True))


@pytest.mark.parametrize("width", [1280, 375])
def test_staff_send_a_reminder_whose_pdf_asks_for_the_open_amount(browser: Browser, server,
                                                                  width):
    """The demo's overdue invoice: staff send the first reminder; the invoice page lists it with
    its PDF, and the PDF's GiroCode asks for what is open."""
    from tests.invoices.documents import girocodes, pdf_text

    with db.unit_of_work() as session:
        organization = session.exec(select(Organization)
                                    .where(Organization.name == "Oker Recycling GmbH")).one()
        invoice = session.exec(select(Invoice).where(
            Invoice.organization_id == organization.id).order_by(Invoice.id)).first()
    staff = new_page(browser, server)
    staff.set_viewport_size({"width": width, "height": 900})
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto(f"/invoices/{invoice.id}")
    send = staff.get_by_role("button", name=german("reminder.send"))
    expect(send).to_be_visible()
    send.click()  # the first width sends the Zahlungserinnerung, the second the 1. Mahnung
    button = staff.get_by_role("button", name="Zahlungserinnerung", exact=True)
    _reload_until_visible(staff, button)  # its PDF is rendered by a job after the commit
    with staff.expect_download() as download_info:
        button.click()
    content = open(download_info.value.path(), "rb").read()
    with db.unit_of_work() as session:
        open_cents = session.get(Invoice, invoice.id).gross_cents - session.get(
            Invoice, invoice.id).paid_cents
    assert "Zahlungserinnerung zur Rechnung" in pdf_text(content)
    assert girocodes(content)[0].split("\n")[7] == f"EUR{open_cents // 100}.{open_cents % 100:02d}"
    overflow = staff.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(staff, f"invoice-reminder-{width}")


def test_staff_cancel_a_paid_invoice_with_a_refund_and_the_manager_reads_how(browser: Browser,
                                                                             server):
    """Harzer's paid invoice of last year (demo): staff cancel it choosing a transfer (a wrong
    IBAN first), the manager's invoice page says how the payment comes back; staff record the
    refund as made. Screenshots at 1280 and 375 px."""
    invoice = _last_years_invoice_paid(HARZER)
    paid = f"{invoice.paid_cents // 100:,}".replace(",", ".") + f",{invoice.paid_cents % 100:02d}"
    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto(f"/invoices/{invoice.id}")
    staff.click("#cancel-with-refund")
    expect(staff.locator("#field-refund_amount")).to_have_value(
        f"{invoice.paid_cents // 100},{invoice.paid_cents % 100:02d}")
    staff.fill("#field-account_holder", HARZER)
    staff.fill("#field-iban", "DE89 3704 0044 0532 0130 01")
    screenshot(staff, "invoice-refund-dialog-1280")
    staff.click("#cancel-with-refund-confirm")
    expect(staff.get_by_role("dialog").get_by_text(german("refund.iban_invalid"))).to_be_visible()
    staff.fill("#field-iban", "DE89 3704 0044 0532 0130 00")
    staff.click("#cancel-with-refund-confirm")
    expect(staff.get_by_text(german("invoice.cancelled"))).to_be_visible()
    expect(staff.locator("#refund-text")).to_contain_text("auf Ihr Konto DE…3000")
    screenshot(staff, "invoice-refund-staff-1280")

    manager = new_page(browser, server)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto(f"/invoices/{invoice.id}")
    text = manager.locator("#refund-text")
    expect(text).to_contain_text(f"Den bereits gezahlten Betrag von {paid}")
    expect(text).to_contain_text("überweisen wir bis zum")
    expect(manager.locator("#refund-state")).to_have_text(german("refund.state.pending"))
    expect(manager.locator("#mark-refund-made")).to_have_count(0)
    assert "DE89370400440532013000" not in manager.content()
    screenshot(manager, "invoice-refund-member-1280")
    manager.set_viewport_size({"width": 375, "height": 900})
    manager.reload()
    expect(manager.locator("#refund-text")).to_be_visible()
    assert manager.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(manager, "invoice-refund-member-375")

    staff.set_viewport_size({"width": 375, "height": 900})
    staff.fill("#field-refund_reference", "SEPA 2027-01")
    staff.click("#mark-refund-made")
    expect(staff.get_by_text(german("refund.marked"))).to_be_visible()
    expect(staff.locator("#refund-state")).to_have_text(german("refund.state.made"))
    assert staff.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(staff, "invoice-refund-staff-375")
    for page in (staff, manager):
        page.context.close()
