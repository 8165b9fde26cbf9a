"""A payment reminder's own PDF/A-3b (Zahlungserinnerung, 1. Mahnung, …): the original invoice's
number and date, its amount, what was paid, the open amount, the reminder fee if any, the new
payment deadline, and a GiroCode for exactly the open amount."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from harzportal.core.formatting import day, money
from harzportal.invoices.girocode import epc_payload, epc_qr_png
from harzportal.invoices.letter import LANGUAGE, Letter, laid_out_twice
from harzportal.invoices.models import Invoice
from harzportal.settings import Seller


@dataclass(frozen=True)
class ReminderDocument:
    invoice: Invoice
    level: int
    title: str
    number: str  # the reminder's own reference: invoice number and level
    issue_date: date
    open_cents: int
    fee_cents: int
    new_due_date: date


def _text(document: ReminderDocument, seller: Seller) -> str:
    invoice = document.invoice
    intro, despite = (("sicher ist es Ihrer Aufmerksamkeit entgangen: Unsere", "")
                      if document.level == 1 else ("unsere", "trotz unserer Erinnerung "))
    fee = (f" Für diese Mahnung berechnen wir eine Mahngebühr von "
           f"{money(document.fee_cents, LANGUAGE)}; bitte überweisen Sie sie gesondert "
           f"unter Angabe von {document.number}." if document.fee_cents else "")
    return (f"Sehr geehrte Damen und Herren,\n\n{intro} Rechnung {invoice.number} vom "
            f"{day(invoice.issue_date, LANGUAGE)} war am {day(invoice.due_date, LANGUAGE)} "
            f"fällig und ist {despite}noch nicht vollständig bezahlt. Bitte überweisen Sie den "
            f"offenen "
            f"Betrag von {money(document.open_cents, LANGUAGE)} bis zum "
            f"{day(document.new_due_date, LANGUAGE)} unter Angabe der Rechnungsnummer "
            f"{invoice.number} auf das Konto IBAN {seller.iban}, BIC {seller.bic} "
            f"({seller.bank_name}).{fee}\n\nHaben Sie inzwischen gezahlt, betrachten Sie dieses "
            "Schreiben bitte als gegenstandslos.")


def render_reminder(document: ReminderDocument, seller: Seller) -> bytes:
    return bytes(laid_out_twice(lambda total_pages: _reminder(document, seller,
                                                              total_pages)).output())


def _reminder(document: ReminderDocument, seller: Seller, total_pages: int | None) -> Letter:
    invoice = document.invoice
    pdf = Letter(seller, document.title, document.number, show_bank=True,
                 total_pages=total_pages)
    pdf.add_page()
    pdf.letterhead((invoice.recipient_name, invoice.recipient_street,
                    f"{invoice.recipient_postal_code} {invoice.recipient_city}".strip()))
    pdf.set_font("DejaVu", "B", 15)
    # "vom" and the date stay together where the title wraps (a no-break space).
    pdf.multi_cell(0, 8, f"{document.title} zur Rechnung {invoice.number} vom\u00a0"
                         f"{day(invoice.issue_date, LANGUAGE)}", align="L", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(1)
    facts = [("Datum", day(document.issue_date, LANGUAGE)),
             ("Kundennummer", str(invoice.organization_id)),
             ("Rechnungsbetrag", money(invoice.gross_cents, LANGUAGE)),
             ("Bereits gezahlt", money(invoice.gross_cents - document.open_cents, LANGUAGE)),
             ("Offener Betrag", money(document.open_cents, LANGUAGE))]
    if document.fee_cents:
        facts.append(("Mahngebühr", money(document.fee_cents, LANGUAGE)))
    facts.append(("Neue Zahlungsfrist", day(document.new_due_date, LANGUAGE)))
    pdf.facts(facts)
    top = pdf.get_y()
    pdf.paragraph(_text(document, seller), width=120)
    pdf.girocode(epc_qr_png(epc_payload(seller, document.open_cents, invoice.number)), top)
    return pdf
