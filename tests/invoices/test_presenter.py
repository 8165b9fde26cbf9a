"""The invoice screens in the reader's language: Babel's German and English formats for money,
quantities, VAT rates and dates, and counted texts that read right for 1 and for 2."""

from __future__ import annotations

import pytest

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal.core.roles import Role
from harzportal.invoices import issuing, presenter, service
from harzportal.invoices.state import InvoiceState
from tests.handler_calls import call_handler, signed_in_state
from tests.invoices.helpers import EXEMPTION_NOTE, fee_item, issue_manual, line, member, run

pytestmark = pytest.mark.service

NBSP = "\xa0"


@pytest.fixture
def organization(factories):
    return member(factories, name="Harzer Chemiewerke GmbH")


@pytest.fixture
def invoice(staff_actor, organization):
    """1,5 x 100,00 € at 19 % and one exempt line: 150,00 + 28,50 + 20,00 = 198,50 €."""
    return issue_manual(staff_actor, organization, [
        line("Analytik", quantity_milli=1500, unit_price_cents=10000, vat_rate_bp=1900),
        line("Beitrag", quantity_milli=1000, unit_price_cents=2000, vat_rate_bp=0,
             vat_exempt=True, exemption_note=EXEMPTION_NOTE)])


@pytest.mark.parametrize(("language", "expected"), [
    ("en", {"quantity": "1.5", "unit_price": "€100.00", "vat": "19%", "net": "€150.00",
            "exempt": "exempt", "gross": "€198.50", "issued": "15 Jan 2027",
            "kind": "Invoice", "state": "Open"}),
    ("de", {"quantity": "1,5", "unit_price": f"100,00{NBSP}€", "vat": f"19{NBSP}%",
            "net": f"150,00{NBSP}€", "exempt": "steuerfrei", "gross": f"198,50{NBSP}€",
            "issued": "15.01.2027", "kind": "Rechnung", "state": "Offen"}),
])
def test_the_invoice_page_shows_babel_s_formats_of_the_reader_s_language(
        staff_actor, invoice, language, expected):
    view = presenter.invoice_detail(run(service.get_invoice, staff_actor, invoice.id), language)

    taxed, exempt = view.lines
    assert (taxed.quantity, taxed.unit_price, taxed.vat, taxed.net) == (
        expected["quantity"], expected["unit_price"], expected["vat"], expected["net"])
    assert (exempt.quantity, exempt.vat) == ("1", expected["exempt"])
    head = view.invoice
    assert (head.amount, head.outstanding, head.issued) == (
        expected["gross"], expected["gross"], expected["issued"])
    assert (head.kind, head.state_label, head.payable, head.overdue) == (
        expected["kind"], expected["state"], True, False)


async def test_the_invoice_page_follows_the_language_of_the_page(factories, organization,
                                                                 invoice, monkeypatch):
    shown = {}
    for language in ("en", "de"):  # the page opens in the language the person chose
        reader = factories.user(organization, role=Role.ORG_MANAGER, preferred_language=language)
        state = signed_in_state(InvoiceState, reader, monkeypatch, invoice.id)
        await call_handler(state, "load")
        assert state.lang == language
        shown[language] = (state.lines[0].quantity, state.lines[0].unit_price,
                           state.lines[0].vat)

    assert shown == {"en": ("1.5", "€100.00", "19%"),
                     "de": ("1,5", f"100,00{NBSP}€", f"19{NBSP}%")}


def test_the_service_s_answer_carries_numbers_not_texts(staff_actor, invoice):
    detail = run(service.get_invoice, staff_actor, invoice.id)

    taxed = detail.lines[0]
    assert (taxed.quantity_milli, taxed.unit_price_cents, taxed.vat_rate_bp,
            taxed.net_cents) == (1500, 10000, 1900, 15000)
    assert detail.listing.invoice.gross_cents == 19850
    assert detail.listing.state == service.DisplayState.OPEN and detail.listing.payable


@pytest.mark.parametrize(("count", "language", "text"), [
    (1, "de", "1 Rechnung für 2027 wurde gestellt und verschickt."),
    (2, "de", "2 Rechnungen für 2027 wurden gestellt und verschickt."),
    (1, "en", "1 invoice for 2027 has been issued and sent."),
    (2, "en", "2 invoices for 2027 have been issued and sent."),
])
def test_the_run_s_outcome_counts_right_for_one_and_two(count, language, text):
    assert presenter.run_outcome(count, 2027, language) == text


def test_a_run_with_nothing_new_says_so():
    assert presenter.run_outcome(0, 2027, "de").startswith("Für 2027 ist nichts mehr zu")


def test_the_run_preview_in_english(factories, staff_actor):
    fee_item("logistics", 0, None, 1000, vat_rate_bp=1900)
    member(factories, name="Brocken Logistik GmbH", kind="logistics")

    view = presenter.run_preview(run(issuing.preview_annual_run, staff_actor, 2027), "en")

    [row] = view.rows
    assert (row.amount, row.state, view.total, view.to_issue) == (
        "€1,000.00", "to_issue", "€1,190.00", 1)
