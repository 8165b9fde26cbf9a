"""The stored invoice PDF: readable text, the embedded EN 16931 XML (Factur-X), the GiroCode
payload, and the SHA-256 that guards the file."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from harzportal.core import private_files
from harzportal.core.errors import NotFound, ValidationFailed
from harzportal.invoices import issuing, service
from harzportal.invoices.einvoice import NS
from harzportal.invoices.girocode import epc_payload
from harzportal.invoices.issuing import PDF_AREA
from harzportal.settings import get as get_settings
from tests.invoices.helpers import issue_manual, line, member, run

pytestmark = pytest.mark.service


@pytest.fixture
def invoice(factories, staff_actor):
    """One manual invoice: 1.200,00 € plus 19 % VAT = 1.428,00 €."""
    return issue_manual(staff_actor, member(factories, name="Harzer Chemiewerke GmbH"))


def stored(invoice, invoice_store) -> bytes:
    return (invoice_store / invoice.pdf_file).read_bytes()


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.replace("\xa0", " ").split())


def embedded_xml(content: bytes) -> etree._Element:
    filename, xml = facturx.get_xml_from_pdf(content, check_xsd=False)
    assert filename == "factur-x.xml"
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931") is True
    return etree.fromstring(xml)


def values(root, path: str) -> list[str]:
    return [element.text for element in root.xpath(path, namespaces=NS)]


def test_the_pdf_shows_number_amount_and_bank_account(invoice, invoice_store):
    text = pdf_text(stored(invoice, invoice_store))

    seller = get_settings().seller
    assert f"Rechnung {invoice.number}" in text
    assert "Harzer Chemiewerke GmbH" in text
    assert "1.428,00 €" in text  # the gross amount, German format
    assert "228,00 €" in text    # 19 % of 1.200,00 €
    assert f"IBAN {seller.iban}" in text
    assert seller.vat_id in text and seller.tax_number in text
    assert "Fällig am 14.02.2027" in text  # 30 days after the issue date, 15.01.2027


def test_the_pdf_embeds_a_valid_en16931_invoice(invoice, invoice_store):
    root = embedded_xml(stored(invoice, invoice_store))

    settlement = "//ram:ApplicableHeaderTradeSettlement"
    assert values(root, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID") == [
        invoice.number]
    assert values(root, "//rsm:ExchangedDocument/ram:TypeCode") == ["380"]
    assert values(root, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == [
        "urn:cen.eu:en16931:2017"]
    summation = f"{settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    assert values(root, f"{summation}/ram:LineTotalAmount") == ["1200.00"]
    assert values(root, f"{summation}/ram:TaxTotalAmount") == ["228.00"]
    assert values(root, f"{summation}/ram:GrandTotalAmount") == ["1428.00"]
    assert values(root, f"{summation}/ram:DuePayableAmount") == ["1428.00"]
    assert values(root, f"{settlement}//ram:IBANID") == [get_settings().seller.iban]
    assert values(root, f"{settlement}/ram:PaymentReference") == [invoice.number]
    assert values(root, "//ram:BuyerTradeParty/ram:Name") == ["Harzer Chemiewerke GmbH"]
    assert values(root, f"{settlement}/ram:SpecifiedTradePaymentTerms//udt:DateTimeString") == [
        "20270214"]


def test_a_credit_note_is_type_381_and_names_the_invoice_it_corrects(invoice, invoice_store,
                                                                    staff_actor):
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    content = stored(credit_note, invoice_store)
    root = embedded_xml(content)
    assert values(root, "//rsm:ExchangedDocument/ram:ID") == [credit_note.number]
    assert values(root, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    assert values(root, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [
        invoice.number]
    assert values(root, "//ram:GrandTotalAmount") == ["1428.00"]
    text = pdf_text(content)
    assert f"Rechnungskorrektur {credit_note.number}" in text
    assert invoice.number in text


def test_an_exempt_line_is_category_e_with_its_exemption_reason(factories, staff_actor,
                                                                invoice_store):
    note = "Echter Mitgliedsbeitrag, nicht umsatzsteuerbar"
    invoice = issue_manual(staff_actor, member(factories), [
        line("Seminar", 1000, 10000, 1900),
        line("Mitgliedsbeitrag", 1000, 60000, 0, vat_exempt=True, exemption_note=note)])

    content = stored(invoice, invoice_store)
    root = embedded_xml(content)
    breakdown = [(tax.findtext("ram:CategoryCode", namespaces=NS),
                  tax.findtext("ram:RateApplicablePercent", namespaces=NS),
                  tax.findtext("ram:BasisAmount", namespaces=NS),
                  tax.findtext("ram:CalculatedAmount", namespaces=NS),
                  tax.findtext("ram:ExemptionReason", namespaces=NS))
                 for tax in root.xpath("//ram:ApplicableHeaderTradeSettlement/"
                                       "ram:ApplicableTradeTax", namespaces=NS)]
    assert breakdown == [("S", "19.00", "100.00", "19.00", None),
                         ("E", "0.00", "600.00", "0.00", note)]
    assert f"Hinweis zur Steuerbefreiung: {note}" in pdf_text(content)


def test_a_zero_rate_line_never_becomes_standard_rated_at_zero_percent(factories, staff_actor,
                                                                      invoice_store):
    try:
        invoice = issue_manual(staff_actor, member(factories),
                               [line("Tagungsband", 1000, 2000, vat_rate_bp=0)])
    except ValidationFailed:
        return  # refusing the line is one correct answer
    root = embedded_xml(stored(invoice, invoice_store))
    for tax in root.xpath("//ram:ApplicableTradeTax", namespaces=NS):
        if tax.findtext("ram:CategoryCode", namespaces=NS) == "S":
            assert float(tax.findtext("ram:RateApplicablePercent", namespaces=NS)) > 0


def test_the_epc_payload_follows_epc069_12(engine):
    seller = get_settings().seller

    payload = epc_payload(seller, 142800, "CNH-2027-0001")

    # Service tag, version 002, character set 1 (UTF-8), SEPA credit transfer, BIC, name of the
    # beneficiary, IBAN, amount "EUR" + euros with a decimal point, purpose (empty), structured
    # reference (empty), unstructured remittance information.
    assert payload == (f"BCD\n002\n1\nSCT\n{seller.bic}\n{seller.legal_name}\n{seller.iban}\n"
                       "EUR1428.00\n\n\nCNH-2027-0001")
    assert len(payload.encode()) <= 331  # the EPC limit for the whole payload


def test_the_epc_payload_keeps_within_the_field_limits(engine):
    seller = dataclasses.replace(get_settings().seller, legal_name="N" * 80)

    fields = epc_payload(seller, 1, "R" * 150).split("\n")

    assert fields[5] == "N" * 70      # name of the beneficiary: at most 70 characters
    assert fields[7] == "EUR0.01"     # the smallest amount
    assert fields[10] == "R" * 140    # remittance information: at most 140 characters


def test_the_stored_file_is_guarded_by_its_sha256(invoice, invoice_store, staff_actor):
    content = stored(invoice, invoice_store)
    assert hashlib.sha256(content).hexdigest() == invoice.pdf_sha256
    assert re.fullmatch(r"[0-9a-f]{64}\.pdf", invoice.pdf_file)
    assert private_files.read_verified(PDF_AREA, invoice.pdf_file, invoice.pdf_sha256) == content

    middle = len(content) // 2  # one flipped bit somewhere in the file
    (invoice_store / invoice.pdf_file).write_bytes(
        content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1:])

    assert private_files.read_verified(PDF_AREA, invoice.pdf_file, invoice.pdf_sha256) is None
    with pytest.raises(NotFound) as raised:
        run(service.invoice_pdf, staff_actor, invoice.id)
    assert raised.value.message_key == "invoice.pdf_missing"
