"""A public-sector buyer in the browser: staff see and change its Leitweg-ID on the organization
page (a wrong check digit is explained next to the field and changes nothing), and the invoice
page of the demo university offers its XRechnung beside the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.demo import accounts
from harzportal.invoices.models import Invoice
from harzportal.organizations.models import Organization
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

UNIVERSITY = "Hochschule Nordharz"
NEW_LEITWEG_ID = "15085000-HSNORDHARZ-06"


def _university() -> Organization:
    with db.unit_of_work() as session:
        return session.exec(select(Organization).where(Organization.name == UNIVERSITY)).one()


def _staff_page(browser: Browser, server: str, width: int) -> Page:
    page = new_page(browser, server, width)
    sign_in_ok(page, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    return page


@pytest.mark.parametrize("width", [1280, 375])
def test_staff_change_the_leitweg_id_and_a_wrong_check_digit_is_explained(browser: Browser,
                                                                          server, width):
    university = _university()
    page = _staff_page(browser, server, width)
    page.goto(f"/organizations/{university.id}")
    field = page.locator("#field-leitweg_id")
    expect(field).to_have_value(university.leitweg_id)

    field.fill("15085000-HSNORDHARZ-07")
    page.get_by_role("button", name=german("public_buyer.save")).click()
    expect(page.locator("#error-leitweg_id")).to_contain_text("Prüfziffer")
    screenshot(page, f"public-buyer-refused-{width}")
    assert _university().leitweg_id == university.leitweg_id

    # the second width sets the demo's value back
    field.fill(NEW_LEITWEG_ID if university.leitweg_id != NEW_LEITWEG_ID
               else "15085000-RECHNUNG-83")
    page.get_by_role("button", name=german("public_buyer.save")).click()
    expect(page.get_by_text(german("public_buyer.saved"))).to_be_visible()
    assert _university().leitweg_id != university.leitweg_id
    screenshot(page, f"public-buyer-saved-{width}")
    page.context.close()


def test_the_universitys_invoice_page_offers_the_xrechnung(browser: Browser, server):
    university = _university()
    with db.unit_of_work() as session:
        invoice = session.exec(select(Invoice).where(Invoice.organization_id == university.id)
                               .order_by(Invoice.id)).first()
    page = _staff_page(browser, server, 1280)
    page.goto(f"/invoices/{invoice.id}")
    button = page.get_by_role("button", name=german("invoice.download_xrechnung"))
    expect(button).to_be_visible()
    with page.expect_download() as download_info:
        button.click()
    content = Path(download_info.value.path()).read_bytes()
    assert b"urn:xeinkauf.de:kosit:xrechnung_3.0" in content
    assert invoice.buyer_reference.encode() in content
    screenshot(page, "invoice-xrechnung-1280")
    page.context.close()
