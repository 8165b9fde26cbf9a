"""The EN 16931 e-invoice: Factur-X / ZUGFeRD XML (UN/CEFACT CII, profile EN 16931).

It carries the same data as the PDF it is embedded in: seller and buyer, number, dates, service
period, lines, the VAT breakdown (standard rated "S", exempt "E" or outside the scope "O",
with its VATEX code and reason), totals,
payment terms and the bank account. Elements follow the order the CII schema prescribes.

A public-sector buyer's invoice (one issued with a Leitweg-ID) is also an XRechnung 3.0: it
carries the buyer reference (BT-10 = Leitweg-ID, BR-DE-15), the seller contact (BG-6, BR-DE-2),
the buyer's electronic address (BT-49), always payment instructions (BG-16, BR-DE-1: a
document that asks for no payment says so with code 1) and a rate in every VAT breakdown
(BR-DE-14: 0 for category O). The same data goes out twice: embedded in
the PDF under the Factur-X EN 16931 identifier, and as the separate XRechnung XML under the
XRechnung identifier (BT-24).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree

from harzportal.invoices.amounts import Totals, VatCategory
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceLine, Refund, RefundMethod
from harzportal.settings import Seller

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
EN16931 = "urn:cen.eu:en16931:2017"
XRECHNUNG = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
DIRECT_DEBIT = "59"  # UNTDID 4461 "SEPA direct debit" (issue 18)
NO_PAYMENT_MEANS = "1"  # UNTDID 4461 "instrument not defined": nothing is to be paid
# BG-16's text when the buyer pays nothing: a credit note of a paid invoice says how the seller
# pays back (no BT-81 credit transfer: that would name an account for the buyer to pay to).
NO_PAYMENT_TEXT = {"": "Keine Zahlung zu leisten",
                   RefundMethod.TRANSFER.value: "Keine Zahlung zu leisten; Erstattung per "
                                                "Überweisung durch den Verkäufer",
                   RefundMethod.SET_OFF.value: "Keine Zahlung zu leisten; Verrechnung mit der "
                                               "nächsten Rechnung"}
TYPE_CODES = {InvoiceKind.INVOICE.value: "380", InvoiceKind.CREDIT_NOTE.value: "381"}


@dataclass(frozen=True)
class EInvoiceData:
    invoice: Invoice
    lines: list[InvoiceLine]
    totals: Totals
    seller: Seller
    payment_terms: str
    cancelled_number: str = ""  # a credit note names the invoice it corrects (BT-25)
    cancelled_issue_date: date | None = None  # and its issue date (BT-26)
    refund: Refund | None = None  # a credit note of a paid invoice: how the payment comes back

    @property
    def by_debit(self) -> bool:
        """Collected by SEPA direct debit under the mandate fixed on the invoice at issue."""
        return self.invoice.kind == InvoiceKind.INVOICE.value and bool(
            self.invoice.debit_mandate_reference)

    @property
    def public_buyer(self) -> bool:
        """Issued to a public-sector buyer (with its Leitweg-ID): an XRechnung."""
        return bool(self.invoice.buyer_reference)


def _el(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}", **attributes)
    if text is not None:
        element.text = text
    return element


def _amount(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def _rate(rate_bp: int) -> str:
    return f"{rate_bp // 100}.{rate_bp % 100:02d}"


def _date(parent, tag: str, value: date) -> None:
    _el(_el(parent, tag), "udt:DateTimeString", value.strftime("%Y%m%d"), format="102")


def _address(parent, postcode: str, line: str, city: str, country: str) -> None:
    address = _el(parent, "ram:PostalTradeAddress")
    _el(address, "ram:PostcodeCode", postcode)
    _el(address, "ram:LineOne", line)
    _el(address, "ram:CityName", city)
    _el(address, "ram:CountryID", country)


def _line_item(transaction, line: InvoiceLine) -> None:
    item = _el(transaction, "ram:IncludedSupplyChainTradeLineItem")
    _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(line.position))
    _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.description)
    price = _el(_el(item, "ram:SpecifiedLineTradeAgreement"), "ram:NetPriceProductTradePrice")
    _el(price, "ram:ChargeAmount", _amount(line.unit_price_cents))
    quantity = f"{line.quantity_milli // 1000}.{line.quantity_milli % 1000:03d}"
    _el(_el(item, "ram:SpecifiedLineTradeDelivery"), "ram:BilledQuantity", quantity,
        unitCode=line.unit)
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:TypeCode", "VAT")
    _el(tax, "ram:CategoryCode", line.vat_category)
    if line.vat_category != VatCategory.NOT_TAXABLE:  # BR-O-5: no rate outside the scope
        _el(tax, "ram:RateApplicablePercent", _rate(line.vat_rate_bp))
    _el(_el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation"),
        "ram:LineTotalAmount", _amount(line.net_cents))


def _outside_the_scope(totals: Totals) -> bool:
    return any(group.category == VatCategory.NOT_TAXABLE for group in totals.groups)


def _seller_contact(party, seller: Seller) -> None:
    """BG-6: contact point, phone and e-mail (BR-DE-5, -6, -7)."""
    contact = _el(party, "ram:DefinedTradeContact")
    _el(contact, "ram:PersonName", seller.contact_name)
    _el(_el(contact, "ram:TelephoneUniversalCommunication"), "ram:CompleteNumber", seller.phone)
    _el(_el(contact, "ram:EmailURIUniversalCommunication"), "ram:URIID", seller.email)


def build_xml(data: EInvoiceData, guideline: str = EN16931) -> bytes:
    """The CII XML under `guideline` (BT-24): EN16931 (Factur-X) or XRECHNUNG."""
    invoice, seller, totals = data.invoice, data.seller, data.totals
    root = etree.Element(f"{{{NS['rsm']}}}CrossIndustryInvoice", nsmap=NS)
    context = _el(root, "rsm:ExchangedDocumentContext")
    _el(_el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", guideline)
    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", invoice.number)
    _el(document, "ram:TypeCode", TYPE_CODES[invoice.kind])
    _date(document, "ram:IssueDateTime", invoice.issue_date)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for line in data.lines:
        _line_item(transaction, line)

    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    if data.public_buyer:  # BT-10
        _el(agreement, "ram:BuyerReference", invoice.buyer_reference)
    seller_party = _el(agreement, "ram:SellerTradeParty")
    _el(seller_party, "ram:Name", seller.legal_name)
    if seller.register:  # BT-30
        _el(_el(seller_party, "ram:SpecifiedLegalOrganization"), "ram:ID", seller.register)
    if data.public_buyer:
        _seller_contact(seller_party, seller)
    _address(seller_party, seller.postal_code, seller.street, seller.city, seller.country)
    _el(_el(seller_party, "ram:URIUniversalCommunication"), "ram:URIID",  # BT-34
        seller.einvoice_address or seller.email, schemeID="EM")
    if not _outside_the_scope(totals):  # BR-O-2: no seller VAT id on a not-taxable invoice
        _el(_el(seller_party, "ram:SpecifiedTaxRegistration"), "ram:ID", seller.vat_id,
            schemeID="VA")
    _el(_el(seller_party, "ram:SpecifiedTaxRegistration"), "ram:ID", seller.tax_number,
        schemeID="FC")
    buyer = _el(agreement, "ram:BuyerTradeParty")
    _el(buyer, "ram:Name", invoice.recipient_name)
    _address(buyer, invoice.recipient_postal_code, invoice.recipient_street,
             invoice.recipient_city, invoice.recipient_country)
    if data.public_buyer:  # BT-49
        _el(_el(buyer, "ram:URIUniversalCommunication"), "ram:URIID",
            invoice.buyer_einvoice_address, schemeID=invoice.buyer_einvoice_scheme)

    delivery = _el(transaction, "ram:ApplicableHeaderTradeDelivery")
    _date(_el(delivery, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime",
          invoice.service_from)

    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    asks_payment = invoice.kind == InvoiceKind.INVOICE.value and totals.gross_cents > 0
    by_debit = asks_payment and data.by_debit
    if by_debit:  # BT-90: the creditor identifier
        _el(settlement, "ram:CreditorReferenceID", invoice.debit_creditor_id)
    _el(settlement, "ram:PaymentReference", invoice.number)
    _el(settlement, "ram:InvoiceCurrencyCode", invoice.currency)
    if by_debit:  # the amount is collected: BT-91, the debited account
        means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _el(means, "ram:TypeCode", DIRECT_DEBIT)
        _el(_el(means, "ram:PayerPartyDebtorFinancialAccount"), "ram:IBANID",
            invoice.debit_iban)
    elif asks_payment:  # a credit note or a 0,00 € invoice names no account to pay to
        means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _el(means, "ram:TypeCode", "58")  # SEPA credit transfer
        _el(_el(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", seller.iban)
        _el(_el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution"), "ram:BICID",
            seller.bic)
    elif data.public_buyer:  # BR-DE-1: payment instructions even when nothing is to be paid
        means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _el(means, "ram:TypeCode", NO_PAYMENT_MEANS)
        _el(means, "ram:Information", NO_PAYMENT_TEXT[data.refund.method if data.refund
                                                      else ""])
    for group in totals.groups:
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", _amount(group.vat_cents))
        _el(tax, "ram:TypeCode", "VAT")
        if group.exempt:
            _el(tax, "ram:ExemptionReason", group.exemption_note)
        _el(tax, "ram:BasisAmount", _amount(group.base_cents))
        _el(tax, "ram:CategoryCode", group.category)
        if group.exempt:
            _el(tax, "ram:ExemptionReasonCode", VatCategory.VATEX[group.category])
        if group.category != VatCategory.NOT_TAXABLE:
            _el(tax, "ram:RateApplicablePercent", _rate(group.rate_bp))
        elif data.public_buyer:  # BR-DE-14: an XRechnung states every breakdown's rate, here 0
            _el(tax, "ram:RateApplicablePercent", _rate(0))
    period = _el(settlement, "ram:BillingSpecifiedPeriod")
    _date(period, "ram:StartDateTime", invoice.service_from)
    _date(period, "ram:EndDateTime", invoice.service_to)
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    _el(terms, "ram:Description", data.payment_terms)
    if asks_payment:
        _date(terms, "ram:DueDateDateTime", invoice.due_date)
    if by_debit:  # BT-89: the mandate reference
        _el(terms, "ram:DirectDebitMandateID", invoice.debit_mandate_reference)
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(totals.net_cents))
    _el(summation, "ram:TaxBasisTotalAmount", _amount(totals.net_cents))
    _el(summation, "ram:TaxTotalAmount", _amount(totals.vat_cents), currencyID=invoice.currency)
    _el(summation, "ram:GrandTotalAmount", _amount(totals.gross_cents))
    _el(summation, "ram:DuePayableAmount", _amount(totals.gross_cents))
    if data.cancelled_number:  # BG-3: the preceding invoice, number (BT-25) and date (BT-26)
        reference = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(reference, "ram:IssuerAssignedID", data.cancelled_number)
        if data.cancelled_issue_date is not None:
            _el(_el(reference, "ram:FormattedIssueDateTime"), "qdt:DateTimeString",
                data.cancelled_issue_date.strftime("%Y%m%d"), format="102")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
