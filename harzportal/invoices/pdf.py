"""The invoice PDF (fpdf2), with the GiroCode and the embedded Factur-X XML (factur-x).

German, as the legal document: every mandatory field of § 14 UStG (names and addresses, tax
number and VAT id, issue date, number, service period, lines, net per rate, rate and VAT or the
exemption note, totals). It is rendered once when the invoice is issued and stored unchanged.
"""

from __future__ import annotations

import copy
import functools
import io
import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import facturx
from fontTools import ttLib
from fpdf import FPDF

from harzportal.core.formatting import day, decimal, money, percent
from harzportal.invoices.amounts import Totals
from harzportal.invoices.einvoice import EInvoiceData, build_xml
from harzportal.invoices.girocode import epc_payload, epc_qr_png
from harzportal.invoices.models import InvoiceKind

FONTS = Path(__file__).parent / "fonts"
for _chatty in ("fontTools", "factur-x"):  # they log every subset and every embedding at INFO
    logging.getLogger(_chatty).setLevel(logging.WARNING)
LANGUAGE = "de"
TITLE = {InvoiceKind.INVOICE.value: "Rechnung",
         InvoiceKind.CREDIT_NOTE.value: "Gutschrift (Rechnungskorrektur)"}


@dataclass(frozen=True)
class RenderedInvoice:
    pdf: bytes
    xml: bytes
    epc_payload: str


def payment_terms(data: EInvoiceData) -> str:
    invoice, seller = data.invoice, data.seller
    if invoice.kind == InvoiceKind.CREDIT_NOTE.value:
        return (f"Der Betrag wird mit der Rechnung {data.cancelled_number} verrechnet "
                "bzw. erstattet.")
    return (f"Bitte überweisen Sie {money(invoice.gross_cents, LANGUAGE)} bis zum "
            f"{day(invoice.due_date, LANGUAGE)} unter Angabe der Rechnungsnummer "
            f"{invoice.number} auf das Konto IBAN {seller.iban}, BIC {seller.bic} "
            f"({seller.bank_name}).")


FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}


@functools.cache
def _parsed_fonts() -> dict:
    """The fonts as fpdf2 prepares them (metrics, widths), once per process: that costs more
    than the whole page."""
    template = FPDF()
    for style, path in FONT_FILES.items():
        template.add_font("DejaVu", style, str(path))
    return template.fonts


@functools.cache
def _font_bytes(path: Path) -> bytes:
    return path.read_bytes()


def fonts_for_one_document() -> dict:
    """Copies of the prepared fonts, each with its own fontTools object: fpdf2 subsets that
    object in place when it writes the PDF, so documents must never share it."""
    fonts = copy.deepcopy(_parsed_fonts())
    for font in fonts.values():
        font.ttfont = ttLib.TTFont(io.BytesIO(_font_bytes(Path(font.ttffile))),
                                   recalcTimestamp=False, lazy=True)
    return fonts


class _InvoicePdf(FPDF):
    def __init__(self, data: EInvoiceData):
        super().__init__(format="A4", unit="mm")
        self.data = data
        self.fonts.update(fonts_for_one_document())
        self.set_margins(20, 15, 20)
        self.set_auto_page_break(auto=True, margin=30)
        self.set_title(f"{TITLE[data.invoice.kind]} {data.invoice.number}")
        self.set_author(data.seller.legal_name)
        self.set_creator("HarzPortal")

    def footer(self):
        seller = self.data.seller
        self.set_y(-24)
        self.set_font("DejaVu", "", 7)
        self.set_text_color(90, 90, 90)
        self.multi_cell(0, 3.5, (
            f"{seller.legal_name} · {seller.street} · {seller.postal_code} {seller.city}\n"
            f"{seller.bank_name} · IBAN {seller.iban} · BIC {seller.bic}\n"
            f"USt-IdNr. {seller.vat_id} · Steuernummer {seller.tax_number} · "
            f"Seite {self.page_no()}/{{nb}}"), align="C")


def _header(pdf: _InvoicePdf) -> None:
    seller, invoice = pdf.data.seller, pdf.data.invoice
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_text_color(11, 93, 86)
    pdf.cell(0, 7, seller.legal_name, new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(0, 4, (f"{seller.street}\n{seller.postal_code} {seller.city}\n"
                          f"{seller.phone} · {seller.email}\n"
                          f"USt-IdNr. {seller.vat_id}\nSteuernummer {seller.tax_number}"),
                   align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(50)
    pdf.set_font("DejaVu", "", 7)
    pdf.cell(0, 4, f"{seller.legal_name} · {seller.street} · {seller.postal_code} {seller.city}",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10.5)
    pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(90, 5, (f"{invoice.recipient_name}\n{invoice.recipient_street}\n"
                           f"{invoice.recipient_postal_code} {invoice.recipient_city}"),
                   new_x="LMARGIN", new_y="NEXT")


def _facts(pdf: _InvoicePdf) -> None:
    data, invoice = pdf.data, pdf.data.invoice
    pdf.set_y(88)
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 9, f"{TITLE[invoice.kind]} {invoice.number}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9.5)
    facts = [("Rechnungsnummer", invoice.number),
             ("Rechnungsdatum", day(invoice.issue_date, LANGUAGE)),
             ("Leistungszeitraum", f"{day(invoice.service_from, LANGUAGE)} – "
                                   f"{day(invoice.service_to, LANGUAGE)}"),
             ("Kundennummer", str(invoice.organization_id))]
    if invoice.kind == InvoiceKind.CREDIT_NOTE.value:
        facts.append(("Korrigiert Rechnung", data.cancelled_number))
    else:
        facts.append(("Fällig am", day(invoice.due_date, LANGUAGE)))
    for label, value in facts:
        pdf.cell(45, 5.5, label)
        pdf.cell(0, 5.5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _lines(pdf: _InvoicePdf) -> None:
    widths = (12, 76, 18, 25, 14, 25)
    pdf.set_font("DejaVu", "B", 9)
    pdf.set_fill_color(230, 242, 240)
    for width, title, align in zip(widths, ("Pos.", "Beschreibung", "Menge", "Einzelpreis",
                                            "USt", "Betrag"), "LLRRRR", strict=True):
        pdf.cell(width, 7, title, border="B", align=align, fill=True)
    pdf.ln()
    pdf.set_font("DejaVu", "", 9)
    for line in pdf.data.lines:
        values = (str(line.position), line.description,
                  decimal(Decimal(line.quantity_milli) / 1000, LANGUAGE),
                  money(line.unit_price_cents, LANGUAGE),
                  "frei" if line.vat_exempt else percent(line.vat_rate_bp, LANGUAGE),
                  money(line.net_cents, LANGUAGE))
        height = 5.5 * len(pdf.multi_cell(widths[1], 5.5, values[1], dry_run=True,
                                          output="LINES"))
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y()
        pdf.cell(widths[0], 5.5, values[0])
        pdf.multi_cell(widths[1], 5.5, values[1], align="L", new_x="RIGHT", new_y="TOP")
        for width, value in zip(widths[2:], values[2:], strict=True):
            pdf.cell(width, 5.5, value, align="R")
        pdf.set_y(top + height + 1.5)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)


def _totals(pdf: _InvoicePdf, totals: Totals) -> None:
    rows = [("Summe netto", money(totals.net_cents, LANGUAGE), "")]
    for group in totals.groups:
        if group.exempt:
            rows.append((f"Steuerfrei ({money(group.base_cents, LANGUAGE)})",
                         money(0, LANGUAGE), ""))
        else:
            rows.append((f"USt {percent(group.rate_bp, LANGUAGE)} auf "
                         f"{money(group.base_cents, LANGUAGE)}",
                         money(group.vat_cents, LANGUAGE), ""))
    rows.append(("Gesamtbetrag", money(totals.gross_cents, LANGUAGE), "B"))
    for label, value, style in rows:
        pdf.set_font("DejaVu", style, 10 if style else 9.5)
        pdf.cell(130, 6, label, align="R")
        pdf.cell(0, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
    notes = {group.exemption_note for group in totals.groups if group.exempt
             and group.exemption_note}
    pdf.set_font("DejaVu", "", 8.5)
    for note in sorted(notes):
        pdf.ln(1)
        pdf.multi_cell(0, 4.5, f"Hinweis zur Steuerbefreiung: {note}", align="L",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _payment(pdf: _InvoicePdf, payload: str | None) -> None:
    pdf.set_font("DejaVu", "", 9.5)
    top = pdf.get_y()
    if payload is None:
        pdf.multi_cell(0, 5, payment_terms(pdf.data), align="L", new_x="LMARGIN", new_y="NEXT")
        return
    if top > pdf.h - 75:
        pdf.add_page()
        top = pdf.get_y()
    pdf.multi_cell(120, 5, payment_terms(pdf.data), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.image(epc_qr_png(payload), x=pdf.w - pdf.r_margin - 35, y=top, w=35, h=35)
    pdf.set_xy(pdf.w - pdf.r_margin - 45, top + 35.5)
    pdf.set_font("DejaVu", "", 7)
    pdf.cell(45, 4, "GiroCode: mit der Banking-App scannen", align="C")


def render(data: EInvoiceData, totals: Totals) -> RenderedInvoice:
    """The PDF/A-3 with embedded EN 16931 XML (checked against the Factur-X schema)."""
    invoice = data.invoice
    payable = invoice.kind == InvoiceKind.INVOICE.value and invoice.gross_cents > 0
    payload = epc_payload(data.seller, invoice.gross_cents, invoice.number) if payable else None
    pdf = _InvoicePdf(data)
    pdf.alias_nb_pages()
    pdf.add_page()
    _header(pdf)
    _facts(pdf)
    _lines(pdf)
    _totals(pdf, totals)
    _payment(pdf, payload)
    xml = build_xml(data)
    with_xml = facturx.generate_from_binary(
        bytes(pdf.output()), xml, flavor="factur-x", level="en16931", check_xsd=True,
        pdf_metadata={"author": data.seller.legal_name, "keywords": "Factur-X, Rechnung",
                      "title": f"{TITLE[invoice.kind]} {invoice.number}",
                      "subject": f"{TITLE[invoice.kind]} {invoice.number}"}, lang="de-DE")
    return RenderedInvoice(pdf=with_xml, xml=xml, epc_payload=payload or "")
