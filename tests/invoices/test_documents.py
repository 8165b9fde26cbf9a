"""The invoice documents as a finance office and its tools check them: PDF/A-3b essentials,
the GiroCode a banking app reads from the rendered page, the CII XML against its XSD and the
EN 16931 totals rules (BR-CO-10 .. BR-CO-16), for every kind of document the portal issues."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from harzportal.invoices import issuing
from harzportal.invoices.einvoice import NS
from harzportal.invoices.girocode import epc_payload
from harzportal.settings import get as get_settings
from tests.invoices.documents import (
    embedded_xml,
    girocodes,
    pdf_text,
    pdfa_facts,
    valid_cii,
)
from tests.invoices.helpers import issue_manual, line, member, run

pytestmark = pytest.mark.service

SRGB_COMPONENTS = 3


def stored(invoice, invoice_store) -> bytes:
    return (invoice_store / invoice.pdf_file).read_bytes()


def values(root, path: str) -> list[str]:
    return [element.text for element in root.xpath(path, namespaces=NS)]


def cents(text: str) -> int:
    return int(Decimal(text) * 100)


def assert_pdfa3b(content: bytes) -> None:
    facts = pdfa_facts(content)
    assert facts.output_intents == (("/GTS_PDFA1", SRGB_COMPONENTS),)
    assert facts.fonts_unembedded == ()
    assert (facts.part, facts.conformance) == ("3", "B")
    assert len(facts.associated_files) >= 1
    assert facts.associated_files[0][0] in ("factur-x.xml", "xrechnung.xml")


def assert_totals_rules(root) -> None:
    """BR-CO-10 .. BR-CO-16 on the header totals and the VAT breakdown."""
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    line_total = sum(cents(v) for v in values(root, "//ram:SpecifiedLineTradeSettlement/"
                     "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"))
    assert cents(values(root, f"{summation}/ram:LineTotalAmount")[0]) == line_total  # BR-CO-10
    basis = cents(values(root, f"{summation}/ram:TaxBasisTotalAmount")[0])
    assert basis == line_total  # BR-CO-13 (no document allowances or charges)
    breakdown_vat = sum(cents(v) for v in values(
        root, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
              "ram:CalculatedAmount"))
    tax_total = cents(values(root, f"{summation}/ram:TaxTotalAmount")[0])
    assert tax_total == breakdown_vat  # BR-CO-14
    grand = cents(values(root, f"{summation}/ram:GrandTotalAmount")[0])
    assert grand == basis + tax_total  # BR-CO-15
    paid = sum(cents(v) for v in values(root, f"{summation}/ram:TotalPrepaidAmount"))
    assert cents(values(root, f"{summation}/ram:DuePayableAmount")[0]) == grand - paid  # BR-CO-16


@pytest.fixture
def invoice(factories, staff_actor):
    """1.200,00 € plus 19 % VAT = 1.428,00 €."""
    return issue_manual(staff_actor, member(factories, name="Harzer Chemiewerke GmbH"))


# PDF/A-3b ----------------------------------------------------------------------------------

def test_an_invoice_is_pdfa3b_with_an_srgb_output_intent_and_its_xml_attached(invoice,
                                                                              invoice_store):
    content = stored(invoice, invoice_store)

    assert_pdfa3b(content)
    filename, xml = embedded_xml(content)
    assert filename == "factur-x.xml"
    assert_totals_rules(valid_cii(xml))


def test_a_credit_note_is_pdfa3b(invoice, invoice_store, staff_actor):
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    content = stored(credit_note, invoice_store)
    assert_pdfa3b(content)
    assert_totals_rules(valid_cii(embedded_xml(content)[1]))


# GiroCode ----------------------------------------------------------------------------------

def test_the_invoice_girocode_read_from_the_rendered_page_asks_for_the_gross_amount(
        invoice, invoice_store):
    assert girocodes(stored(invoice, invoice_store)) == [
        epc_payload(get_settings().seller, 142800, invoice.number)]


def test_the_girocode_name_has_no_trailing_blank_where_it_is_cut(engine):
    seller = dataclasses.replace(get_settings().seller, legal_name="A" * 69 + " Verein e. V.")

    name = epc_payload(seller, 100, "R").split("\n")[5]

    assert name == "A" * 69


def test_a_zero_euro_invoice_asks_for_no_payment_and_carries_no_girocode(factories, staff_actor,
                                                                         invoice_store):
    invoice = issue_manual(staff_actor, member(factories),
                           [line("Freiplatz Seminar", 1000, 0, 1900)])

    content = stored(invoice, invoice_store)
    text = pdf_text(content)
    assert "Bitte überweisen Sie" not in text
    assert "Es ist keine Zahlung zu leisten." in text
    assert girocodes(content) == []


# Credit notes ------------------------------------------------------------------------------

def test_a_credit_note_is_a_rechnungskorrektur_that_asks_for_no_payment(invoice, invoice_store,
                                                                       staff_actor):
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    content = stored(credit_note, invoice_store)
    text = pdf_text(content)
    assert f"Rechnungskorrektur {credit_note.number}" in text
    assert "Gutschrift" not in text
    assert f"Rechnung {invoice.number} vom 15.01.2027" in text  # number and date of the original
    assert "-1.428,00 €" in text and "-1.200,00 €" in text and "-228,00 €" in text
    assert "Bitte überweisen Sie" not in text and "Fällig am" not in text
    assert girocodes(content) == []
    root = valid_cii(embedded_xml(content)[1])
    assert values(root, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    reference = "//ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument"
    assert values(root, f"{reference}/ram:IssuerAssignedID") == [invoice.number]  # BT-25
    assert values(root, f"{reference}/ram:FormattedIssueDateTime/qdt:DateTimeString") == [
        "20270115"]  # BT-26
    assert values(root, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime") == []
    assert values(root, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == []


