"""The invoice and credit-note PDF/A-3b, with the GiroCode and the embedded CII XML (factur-x).

German, as the legal document: every mandatory field of § 14 UStG (names and addresses, tax
number and VAT id, issue date, number, service period, lines, net per rate, rate and VAT or the
exemption note, totals). A credit note is a "Rechnungskorrektur": it names the corrected
invoice's number and date, shows its amounts as refunds (minus sign) and asks for no payment. It
is rendered once when the invoice is issued and stored unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import facturx

from harzportal.core.formatting import day, decimal, money, percent
from harzportal.invoices.amounts import Totals, VatCategory
from harzportal.invoices.debit_terms import masked_iban
from harzportal.invoices.einvoice import XRECHNUNG, EInvoiceData, build_xml
from harzportal.invoices.girocode import epc_payload, epc_qr_png
from harzportal.invoices.letter import LANGUAGE, Letter, laid_out_twice
from harzportal.invoices.models import InvoiceKind, Refund, RefundMethod
from harzportal.invoices.refunds import mask_iban

TITLE = {InvoiceKind.INVOICE.value: "Rechnung",
         InvoiceKind.CREDIT_NOTE.value: "Rechnungskorrektur"}
# Pos., description, quantity, unit price, VAT, amount: 170 mm, the widest amount
# (-9.999.999,99 €) fits its column.
COLUMNS = (("Pos.", 9, "L"), ("Beschreibung", 57, "L"), ("Menge", 20, "R"),
           ("Einzelpreis", 30, "R"), ("USt", 20, "R"), ("Betrag", 34, "R"))
ROW = 5.5


@dataclass(frozen=True)
class RenderedInvoice:
    pdf: bytes
    xml: bytes
    epc_payload: str
    xrechnung: bytes = b""  # a public-sector buyer's XRechnung XML, delivered beside the PDF


def is_credit_note(data: EInvoiceData) -> bool:
    return data.invoice.kind == InvoiceKind.CREDIT_NOTE.value


def corrected(data: EInvoiceData) -> str:
    return f"Rechnung {data.cancelled_number} vom {day(data.cancelled_issue_date, LANGUAGE)}"


def payment_terms(data: EInvoiceData) -> str:
    invoice, seller = data.invoice, data.seller
    if is_credit_note(data):
        cancels = f"Diese Rechnungskorrektur storniert die {corrected(data)} in voller Höhe."
        if data.refund is None:
            return f"{cancels} Die Rechnung war noch nicht bezahlt: Es ist keine Zahlung zu leisten."
        return f"{cancels} Es ist keine Zahlung zu leisten.\n{refund_text(data.refund)}"
    if invoice.gross_cents == 0:
        return "Es ist keine Zahlung zu leisten."
    if data.by_debit:  # the pre-notification of the SEPA debit, instead of a payment request
        return (f"Der Betrag wird am {day(invoice.debit_collection_date, LANGUAGE)} per "
                f"SEPA-Lastschrift von Ihrem Konto {masked_iban(invoice.debit_iban)} "
                f"eingezogen, Mandatsreferenz {invoice.debit_mandate_reference}, Gläubiger-ID "
                f"{invoice.debit_creditor_id}. Bitte überweisen Sie nicht.")
    return (f"Bitte überweisen Sie {money(invoice.gross_cents, LANGUAGE)} bis zum "
            f"{day(invoice.due_date, LANGUAGE)} unter Angabe der Rechnungsnummer "
            f"{invoice.number} auf das Konto IBAN {seller.iban}, BIC {seller.bic} "
            f"({seller.bank_name}).")


def refund_text(refund: Refund) -> str:
    """How the amount already paid comes back (the page says the same in the reader's
    language: presenter.refund_view)."""
    amount = money(refund.amount_cents, LANGUAGE)
    if refund.method == RefundMethod.SET_OFF.value:
        return (f"Den bereits gezahlten Betrag von {amount} verrechnen wir mit Ihrer nächsten "
                "Rechnung.")
    return (f"Den bereits gezahlten Betrag von {amount} überweisen wir bis zum "
            f"{day(refund.due_date, LANGUAGE)} auf Ihr Konto {mask_iban(refund.iban)} "
            f"({refund.account_holder}).")


class _InvoicePdf(Letter):
    def __init__(self, data: EInvoiceData, total_pages: int | None):
        payable = (not is_credit_note(data) and data.invoice.gross_cents > 0
                   and not data.by_debit)
        super().__init__(data.seller, TITLE[data.invoice.kind], data.invoice.number,
                         show_bank=payable, total_pages=total_pages)
        self.data = data
        self.sign = -1 if is_credit_note(data) else 1
        self.carried = 0  # the lines' net sum so far, carried over to the next page

    def amount(self, cents: int) -> str:
        return money(self.sign * cents, LANGUAGE)


def _facts(pdf: _InvoicePdf) -> None:
    data, invoice = pdf.data, pdf.data.invoice
    pdf.heading()
    facts = [("Rechnungsnummer" if not is_credit_note(data) else "Nummer", invoice.number),
             ("Datum", day(invoice.issue_date, LANGUAGE)),
             ("Leistungszeitraum", (f"{day(invoice.service_from, LANGUAGE)} – "
                                   f"{day(invoice.service_to, LANGUAGE)}")),
             ("Kundennummer", str(invoice.organization_id))]
    if data.public_buyer:
        facts.append(("Leitweg-ID", invoice.buyer_reference))
    if is_credit_note(data):
        facts.append(("Korrigiert", corrected(data)))
    elif data.by_debit:
        facts.append(("Lastschrift am", day(invoice.debit_collection_date, LANGUAGE)))
    elif invoice.gross_cents > 0:
        facts.append(("Fällig am", day(invoice.due_date, LANGUAGE)))
    pdf.facts(facts)


def _table_header(pdf: _InvoicePdf) -> None:
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_fill_color(230, 242, 240)
    for title, width, align in COLUMNS:
        pdf.cell(width, 7, title, border="B", align=align, fill=True)
    pdf.ln()


def _carried_row(pdf: _InvoicePdf, label: str) -> None:
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(sum(width for _, width, _ in COLUMNS[:-1]), ROW, label, align="R")
    pdf.cell(COLUMNS[-1][1], ROW, pdf.amount(pdf.carried), align="R", new_x="LMARGIN",
             new_y="NEXT")


def _continued(pdf: _InvoicePdf) -> None:
    _table_header(pdf)
    _carried_row(pdf, "Übertrag")
    pdf.ln(1.5)


TAX_LABELS = {VatCategory.EXEMPT: "steuerfrei", VatCategory.NOT_TAXABLE: "n. steuerb."}
GROUP_LABELS = {VatCategory.EXEMPT: "Steuerfrei", VatCategory.NOT_TAXABLE: "Nicht steuerbar"}
NOTE_LABELS = {VatCategory.EXEMPT: "Hinweis zur Steuerbefreiung",
               VatCategory.NOT_TAXABLE: "Hinweis: nicht steuerbar"}


def _tax_label(line) -> str:
    return TAX_LABELS.get(line.vat_category) or percent(line.vat_rate_bp, LANGUAGE)


def _lines(pdf: _InvoicePdf) -> None:
    _table_header(pdf)
    widths = [width for _, width, _ in COLUMNS]
    for line in pdf.data.lines:
        values = (str(line.position), line.description,
                  decimal(Decimal(line.quantity_milli) / 1000, LANGUAGE),
                  pdf.amount(line.unit_price_cents), _tax_label(line), pdf.amount(line.net_cents))
        pdf.set_font("DejaVu", "", 9)
        height = ROW * len(pdf.multi_cell(widths[1], ROW, values[1], dry_run=True,
                                          output="LINES"))
        if pdf.get_y() + height + ROW > pdf.page_break_trigger:  # room for the carried total
            _carried_row(pdf, "Zwischensumme, Übertrag auf die nächste Seite")
            pdf.continued = lambda: _continued(pdf)
            pdf.add_page()
            pdf.set_font("DejaVu", "", 9)
        top = pdf.get_y()
        pdf.cell(widths[0], ROW, values[0])
        pdf.multi_cell(widths[1], ROW, values[1], align="L", new_x="RIGHT", new_y="TOP")
        for width, value in zip(widths[2:], values[2:], strict=True):
            pdf.cell(width, ROW, value, align="R")
        pdf.set_y(top + height + 1.5)
        pdf.carried += line.net_cents
    pdf.continued = None
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)


PAYMENT_HEIGHT = {True: 45, False: 16}  # the payment text with / without the GiroCode beside it


def _totals(pdf: _InvoicePdf, totals: Totals, with_girocode: bool) -> None:
    """The totals, kept on one page with the payment text that follows them."""
    rows = [("Summe netto", pdf.amount(totals.net_cents), "")]
    for group in totals.groups:
        if group.exempt:
            rows.append((f"{GROUP_LABELS[group.category]} ({pdf.amount(group.base_cents)})",
                         money(0, LANGUAGE), ""))
        else:
            rows.append(((f"USt {percent(group.rate_bp, LANGUAGE)} auf "
                         f"{pdf.amount(group.base_cents)}"), pdf.amount(group.vat_cents), ""))
    rows.append(("Gesamtbetrag" if not is_credit_note(pdf.data) else "Korrekturbetrag",
                 pdf.amount(totals.gross_cents), "B"))
    notes = sorted({(NOTE_LABELS[group.category], group.exemption_note)
                    for group in totals.groups if group.exempt and group.exemption_note})
    pdf.room_for(6 * len(rows) + 10 * len(notes) + 4 + PAYMENT_HEIGHT[with_girocode])
    for label, value, style in rows:
        pdf.set_font("DejaVu", style, 10 if style else 9.5)
        pdf.cell(130, 6, label, align="R")
        pdf.cell(0, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
    for label, note in notes:
        pdf.ln(1)
        pdf.paragraph(f"{label}: {note}", size=8.5)
    pdf.ln(4)


def _payment(pdf: _InvoicePdf, payload: str | None) -> None:
    if payload is None:
        pdf.paragraph(payment_terms(pdf.data))
        return
    pdf.room_for(45)
    top = pdf.get_y()
    pdf.paragraph(payment_terms(pdf.data), width=120)
    pdf.girocode(epc_qr_png(payload), top)


def render(data: EInvoiceData, totals: Totals) -> RenderedInvoice:
    """The PDF/A-3b with the embedded EN 16931 XML (checked against the Factur-X schema)."""
    invoice = data.invoice
    # no GiroCode on an invoice that is collected by debit
    payable = not is_credit_note(data) and invoice.gross_cents > 0 and not data.by_debit
    payload = epc_payload(data.seller, invoice.gross_cents, invoice.number) if payable else None

    def build(total_pages: int | None) -> _InvoicePdf:
        pdf = _InvoicePdf(data, total_pages)
        pdf.add_page()
        pdf.letterhead((invoice.recipient_name, invoice.recipient_street,
                        f"{invoice.recipient_postal_code} {invoice.recipient_city}".strip()))
        _facts(pdf)
        _lines(pdf)
        _totals(pdf, totals, payload is not None)
        _payment(pdf, payload)
        return pdf

    pdf = laid_out_twice(build)
    xml = build_xml(data)
    with_xml = facturx.generate_from_binary(
        bytes(pdf.output()), xml, flavor="factur-x", level="en16931", check_xsd=True,
        pdf_metadata={"author": data.seller.legal_name, "keywords": "Factur-X, Rechnung",
                      "title": f"{TITLE[invoice.kind]} {invoice.number}",
                      "subject": f"{TITLE[invoice.kind]} {invoice.number}"}, lang="de-DE")
    return RenderedInvoice(pdf=with_xml, xml=xml, epc_payload=payload or "",
                           xrechnung=build_xml(data, XRECHNUNG) if data.public_buyer else b"")
