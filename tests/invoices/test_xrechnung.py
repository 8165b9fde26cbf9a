"""XRechnung 3.0 for public-sector buyers: the invoice and the credit note as KoSIT's rules
want them (BR-DE-*), delivered as a separate XML beside the PDF, to the member and staff only."""

from __future__ import annotations

import pytest

from harzportal.core.errors import NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.invoices import collection, issuing, presenter, refunds, service
from harzportal.invoices.einvoice import EN16931, NS, XRECHNUNG
from harzportal.organizations import public_buyer
from harzportal.organizations.leitweg import check_digits, normalize_leitweg_id
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings
from tests.invoices.documents import embedded_xml, pdf_text, valid_cii
from tests.invoices.helpers import (
    audit_events,
    billing_contact,
    issue_manual,
    line,
    load,
    member,
    outbox,
    run,
)
from tests.invoices.test_documents import assert_pdfa3b, assert_totals_rules, stored, values

pytestmark = pytest.mark.service

LEITWEG_ID = "991-33333TEST-33"  # KoSIT's test Leitweg-ID
AGREEMENT = "//ram:ApplicableHeaderTradeAgreement"
SELLER_CONTACT = f"{AGREEMENT}/ram:SellerTradeParty/ram:DefinedTradeContact"


@pytest.fixture
def university(factories, staff_actor):
    organization = member(factories, name="Technische Hochschule Oberharz")
    run(public_buyer.set_public_buyer, staff_actor, organization.id, LEITWEG_ID)
    return load(Organization, organization.id)


def xrechnung(actor, invoice) -> bytes:
    content, filename = run(service.xrechnung_xml, actor, invoice.id)
    assert filename == f"{invoice.number}-xrechnung.xml"
    return content


def assert_br_de(root, invoice) -> None:
    """The BR-DE rules this portal's XRechnung has to meet, as assertions."""
    seller = get_settings().seller
    assert values(root, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == [
        XRECHNUNG]  # BT-24, BR-DE-21
    assert values(root, f"{AGREEMENT}/ram:BuyerReference") == [LEITWEG_ID]  # BT-10, BR-DE-15
    assert values(root, f"{SELLER_CONTACT}/ram:PersonName") == [seller.contact_name]  # BR-DE-5
    assert values(root, f"{SELLER_CONTACT}/ram:TelephoneUniversalCommunication/"
                        "ram:CompleteNumber") == [seller.phone]  # BR-DE-6
    assert values(root, f"{SELLER_CONTACT}/ram:EmailURIUniversalCommunication/ram:URIID") == [
        seller.email]  # BR-DE-7 (BG-6 present: BR-DE-2)
    seller_address = root.xpath(f"{AGREEMENT}/ram:SellerTradeParty/ram:URIUniversalCommunication/"
                                "ram:URIID", namespaces=NS)
    assert [(e.text, e.get("schemeID")) for e in seller_address] == [
        (seller.einvoice_address, "EM")]  # BT-34
    buyer_address = root.xpath(f"{AGREEMENT}/ram:BuyerTradeParty/ram:URIUniversalCommunication/"
                               "ram:URIID", namespaces=NS)
    assert [(e.text, e.get("schemeID")) for e in buyer_address] == [(LEITWEG_ID, "0204")]  # BT-49
    seller_party = f"{AGREEMENT}/ram:SellerTradeParty/ram:PostalTradeAddress"
    assert values(root, f"{seller_party}/ram:CityName") and values(
        root, f"{seller_party}/ram:PostcodeCode")  # BR-DE-3, BR-DE-4
    buyer_party = f"{AGREEMENT}/ram:BuyerTradeParty/ram:PostalTradeAddress"
    assert values(root, f"{buyer_party}/ram:CityName") == [invoice.recipient_city]  # BR-DE-8
    assert values(root, f"{buyer_party}/ram:PostcodeCode") == [
        invoice.recipient_postal_code]  # BR-DE-9
    assert root.xpath("//ram:SpecifiedTradeSettlementPaymentMeans", namespaces=NS)  # BR-DE-1
    assert values(root, "//rsm:ExchangedDocument/ram:TypeCode")[0] in ("380", "381")  # BR-DE-17
    tax_ids = values(root, f"{AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/"
                           "ram:ID")
    assert tax_ids  # BR-DE-16: seller VAT id or tax number
    assert all(values(tax, "ram:RateApplicablePercent") for tax in root.xpath(
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax",
        namespaces=NS))  # BR-DE-14


def test_a_public_buyers_invoice_is_an_xrechnung_beside_its_pdf(university, staff_actor,
                                                                 invoice_store):
    invoice = issue_manual(staff_actor, university)

    root = valid_cii(xrechnung(staff_actor, invoice))
    assert_br_de(root, invoice)
    assert_totals_rules(root)
    means = "//ram:SpecifiedTradeSettlementPaymentMeans"
    assert values(root, f"{means}/ram:TypeCode") == ["58"]  # BR-DE-23-a: with the account
    assert values(root, f"{means}/ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == [
        get_settings().seller.iban]
    content = stored(invoice, invoice_store)
    assert_pdfa3b(content)
    assert f"Leitweg-ID {LEITWEG_ID}" in pdf_text(content).replace("\n", " ")
    embedded = valid_cii(embedded_xml(content)[1])  # the PDF stays Factur-X EN 16931
    assert values(embedded, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == [
        EN16931]
    assert values(embedded, f"{AGREEMENT}/ram:BuyerReference") == [LEITWEG_ID]


def test_a_public_buyers_credit_note_is_an_xrechnung_that_asks_for_no_payment(
        university, staff_actor, invoice_store):
    invoice = issue_manual(staff_actor, university)
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    root = valid_cii(xrechnung(staff_actor, credit_note))
    assert_br_de(root, credit_note)
    assert_totals_rules(root)
    assert values(root, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    means = "//ram:SpecifiedTradeSettlementPaymentMeans"
    assert values(root, f"{means}/ram:TypeCode") == ["1"]  # BR-DE-1 without an account to pay
    assert values(root, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == []
    assert values(root, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == [
        invoice.number]
    assert_pdfa3b(stored(credit_note, invoice_store))


def test_a_public_buyers_credit_note_of_a_paid_invoice_names_the_refund_not_an_account(
        university, staff_actor):
    invoice = issue_manual(staff_actor, university)
    run(collection.record_payment, staff_actor, invoice.id, invoice.issue_date, 142800, "SEPA")
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id, refunds.RefundRequest(
        "transfer", 142800, "Technische Hochschule Oberharz", "DE89370400440532013000"))

    root = valid_cii(xrechnung(staff_actor, credit_note))
    assert_br_de(root, credit_note)
    assert_totals_rules(root)
    means = "//ram:SpecifiedTradeSettlementPaymentMeans"
    assert values(root, f"{means}/ram:TypeCode") == ["1"]  # BR-DE-1; the buyer pays nothing
    assert values(root, f"{means}/ram:Information") == [
        "Keine Zahlung zu leisten; Erstattung per Überweisung durch den Verkäufer"]
    assert values(root, "//ram:IBANID") == []  # neither the seller's nor the buyer's account
    [terms] = values(root, "//ram:SpecifiedTradePaymentTerms/ram:Description")
    assert "überweisen wir bis zum 29.01.2027 auf Ihr Konto DE…3000" in terms


def test_a_not_taxable_xrechnung_states_the_rate_0_in_its_breakdown(university, staff_actor):
    invoice = issue_manual(staff_actor, university, [
        line("Mitgliedsbeitrag 2027", 1000, 60000, 0, vat_exempt=True, vat_category="O",
             exemption_note="Echter Mitgliedsbeitrag, nicht umsatzsteuerbar")])

    root = valid_cii(xrechnung(staff_actor, invoice))
    assert_br_de(root, invoice)
    breakdown = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
    assert values(root, f"{breakdown}/ram:CategoryCode") == ["O"]
    assert values(root, f"{breakdown}/ram:RateApplicablePercent") == ["0.00"]  # BR-DE-14
    line_tax = "//ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax"
    assert values(root, f"{line_tax}/ram:RateApplicablePercent") == []  # BR-O-5 still


def test_the_billing_contacts_get_pdf_and_xrechnung_attached(university, factories, staff_actor):
    billing_contact(factories, university, email="rechnung@th-oberharz.example")

    invoice = issue_manual(staff_actor, university)

    [mail] = outbox("invoice")
    assert [(a["filename"], a["mime"]) for a in mail.attachments] == [
        (f"{invoice.number}.pdf", "application/pdf"),
        (f"{invoice.number}-xrechnung.xml", "application/xml")]


def test_other_members_keep_factur_x_without_an_xrechnung(factories, staff_actor, invoice_store):
    invoice = issue_manual(staff_actor, member(factories))

    assert invoice.xml_file == "" and invoice.buyer_reference == ""
    root = valid_cii(embedded_xml(stored(invoice, invoice_store))[1])
    assert values(root, f"{AGREEMENT}/ram:BuyerReference") == []
    assert values(root, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == [EN16931]
    with pytest.raises(NotFound):
        run(service.xrechnung_xml, staff_actor, invoice.id)


def test_the_xrechnung_is_for_the_member_and_staff_only(university, factories, staff_actor):
    invoice = issue_manual(staff_actor, university)
    own = factories.actor(factories.user(university, role=Role.ORG_MANAGER))
    stranger = factories.actor(factories.user(member(factories), role=Role.ORG_MANAGER))

    assert run(service.xrechnung_xml, own, invoice.id)[0] == xrechnung(staff_actor, invoice)
    with pytest.raises(NotFound):
        run(service.xrechnung_xml, stranger, invoice.id)


def test_an_invoice_keeps_the_leitweg_id_it_was_issued_with(university, staff_actor):
    invoice = issue_manual(staff_actor, university)
    run(public_buyer.set_public_buyer, staff_actor, university.id, "04011000-1234512345-06")

    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    assert credit_note.buyer_reference == LEITWEG_ID
    assert issue_manual(staff_actor, university).buyer_reference == "04011000-1234512345-06"


# The Leitweg-ID and who sets it ------------------------------------------------------------

@pytest.mark.parametrize("leitweg_id", [
    "991-33333TEST-33", "04011000-1234512345-06", "04011000-12345ABCXYZ-86", "991-33333test-33",
    " 04011000-1234512345-06 "])
def test_valid_leitweg_ids(leitweg_id):
    assert normalize_leitweg_id(leitweg_id) == leitweg_id.strip().upper()


@pytest.mark.parametrize("leitweg_id", ["991-33333TEST-34", "04011000-1234512345-60",
                                        "04011000-1234512346-06"])
def test_a_wrong_check_digit_is_refused(leitweg_id):
    with pytest.raises(ValidationFailed) as refused:
        normalize_leitweg_id(leitweg_id)
    assert refused.value.message_key == "leitweg.check_digits_invalid"


@pytest.mark.parametrize("leitweg_id", [
    "9-33333TEST-33", "1234567890123-ABC-12", "991-33333TEST", "991_33333TEST_33",
    "991-33333TEST-3", "991--33", "991-" + "A" * 31 + "-12", "991-Ä-12", "991-33333 TEST-33"])
def test_a_wrong_format_is_refused(leitweg_id):
    with pytest.raises(ValidationFailed) as refused:
        normalize_leitweg_id(leitweg_id)
    assert refused.value.message_key == "leitweg.format_invalid"


def test_check_digits_are_iso_7064_mod_97_10():
    assert check_digits("991", "33333TEST") == "33"
    assert check_digits("04011000", "1234512345") == "06"


def test_staff_set_the_leitweg_id_and_it_is_audited(factories, staff_actor):
    organization = member(factories)

    run(public_buyer.set_public_buyer, staff_actor, organization.id, "991-33333test-33",
        "rechnung@hochschule.example", "EM")

    stored_row = load(Organization, organization.id)
    assert (stored_row.leitweg_id, stored_row.einvoice_address, stored_row.einvoice_scheme) == (
        LEITWEG_ID, "rechnung@hochschule.example", "EM")
    [event] = audit_events("organization.public_buyer_changed")
    assert event.before["leitweg_id"] == "" and event.after["leitweg_id"] == LEITWEG_ID


def test_a_bad_leitweg_id_changes_nothing(factories, staff_actor):
    organization = member(factories)

    with pytest.raises(ValidationFailed):
        run(public_buyer.set_public_buyer, staff_actor, organization.id, "991-33333TEST-34")
    with pytest.raises(ValidationFailed):
        run(public_buyer.set_public_buyer, staff_actor, organization.id, LEITWEG_ID, "x", "EM")

    assert load(Organization, organization.id).leitweg_id == ""
    assert audit_events("organization.public_buyer_changed") == []


@pytest.mark.parametrize("role", [Role.ORG_MANAGER, Role.CONTACT])
def test_a_member_cannot_set_the_leitweg_id(factories, role):
    organization = member(factories)
    actor = factories.actor(factories.user(organization, role=role))

    with pytest.raises((PermissionDenied, NotFound)):
        run(public_buyer.set_public_buyer, actor, organization.id, LEITWEG_ID)

    assert load(Organization, organization.id).leitweg_id == ""


def test_the_invoice_page_offers_the_xrechnung_and_names_the_leitweg_id(university, factories,
                                                                         staff_actor):
    invoice = issue_manual(staff_actor, university)
    own = factories.actor(factories.user(university, role=Role.ORG_MANAGER))
    plain = issue_manual(staff_actor, member(factories))

    view = presenter.invoice_detail(run(service.get_invoice, own, invoice.id), "de").invoice
    assert view.leitweg_id == LEITWEG_ID
    assert view.xrechnung_href == f"/files/xrechnung/{invoice.id}/{invoice.number}-xrechnung.xml"
    other = presenter.invoice_detail(run(service.get_invoice, staff_actor, plain.id), "de").invoice
    assert (other.leitweg_id, other.xrechnung_href) == ("", "")
