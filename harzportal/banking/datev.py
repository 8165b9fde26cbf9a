"""The accountant's export: the bookings of a period (invoices, credit notes, payments,
direct-debit returns and their bank fees) as a DATEV Buchungsstapel (EXTF, header version 700,
format category 21, format version 13: the 31 fields of the header row, the 125 columns of
DATEV's sample file; Windows-1252, `;`, decimal comma) and as a plain CSV (UTF-8, every cell
inert against CSV injection).

Accounts (HARZPORTAL_DATEV_ACCOUNTS): every organization is a debtor (`debtors` + its id); an
invoice is booked debtor to `revenue`, a credit note back, a payment `bank` to debtor, a return
debtor to `bank` and its fee `fees` to `bank`. The period lies in one calendar year (the
Belegdatum is DDMM, so a batch never spans a fiscal year).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from harzportal.banking.models import BankEntry, EntryOutcome
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.permissions import Action, require
from harzportal.core.spreadsheet import inert
from harzportal.invoices.models import Invoice, InvoiceKind, Payment
from harzportal.settings import get as get_settings

ENCODING = "cp1252"
MEDIA_TYPE = "text/csv; charset=windows-1252"
MAX_DAYS = 366

# Line 2 of DATEV's sample Buchungsstapel (format version 13), in DATEV's spelling.
COLUMNS = (
    "Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs",
    "Basis-Umsatz", "WKZ Basis-Umsatz", "Konto", "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel", "Belegdatum", "Belegfeld 1", "Belegfeld 2", "Skonto", "Buchungstext",
    "Postensperre", "Diverse Adressnummer", "Geschäftspartnerbank", "Sachverhalt", "Zinssperre",
    "Beleglink",
    *(f"Beleginfo - {part} {n}" for n in range(1, 9) for part in ("Art", "Inhalt")),
    "KOST1 - Kostenstelle", "KOST2 - Kostenstelle", "Kost-Menge",
    "EU-Land u. UStID (Bestimmung)", "EU-Steuersatz (Bestimmung)", "Abw. Versteuerungsart",
    "Sachverhalt L+L", "Funktionsergänzung L+L", "BU 49 Hauptfunktionstyp",
    "BU 49 Hauptfunktionsnummer", "BU 49 Funktionsergänzung",
    *(name for n in range(1, 21)
      for name in (f"Zusatzinformation - Art {n}", f"Zusatzinformation- Inhalt {n}")),
    "Stück", "Gewicht", "Zahlweise", "Forderungsart", "Veranlagungsjahr",
    "Zugeordnete Fälligkeit", "Skontotyp", "Auftragsnummer", "Buchungstyp",
    "USt-Schlüssel (Anzahlungen)", "EU-Land (Anzahlungen)", "Sachverhalt L+L (Anzahlungen)",
    "EU-Steuersatz (Anzahlungen)", "Erlöskonto (Anzahlungen)", "Herkunft-Kz", "Buchungs GUID",
    "KOST-Datum", "SEPA-Mandatsreferenz", "Skontosperre", "Gesellschaftername",
    "Beteiligtennummer", "Identifikationsnummer", "Zeichnernummer", "Postensperre bis",
    "Bezeichnung SoBil-Sachverhalt", "Kennzeichen SoBil-Buchung", "Festschreibung",
    "Leistungsdatum", "Datum Zuord. Steuerperiode", "Fälligkeit", "Generalumkehr (GU)",
    "Steuersatz", "Land", "Abrechnungsreferenz", "BVV-Position", "EU-Land u. UStID (Ursprung)",
    "EU-Steuersatz (Ursprung)", "Abw. Skontokonto",
)
assert len(COLUMNS) == 125


class Kind:
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"
    PAYMENT = "payment"
    RETURN = "return"
    FEE = "return_fee"


@dataclass(frozen=True)
class Booking:
    """One line of the batch: `amount_cents` from `debit` (Soll) to `credit` (Haben)."""

    day: date
    kind: str
    document: str  # Belegfeld 1: the invoice's (or credit note's) number
    organization: str
    debit: str
    credit: str
    amount_cents: int
    text: str


def _period(start: object, end: object) -> tuple[date, date]:
    if not isinstance(start, date) or not isinstance(end, date) or end < start:
        raise ValidationFailed("export.period_invalid", field="from")
    if start.year != end.year or (end - start).days >= MAX_DAYS:
        raise ValidationFailed("export.period_one_year", field="to")
    return start, end


def bookings(session: Session, actor: Actor, start: object, end: object) -> list[Booking]:
    """Every booking of the period, by day."""
    require(actor, Action.MANAGE_INVOICES)
    start, end = _period(start, end)
    accounts = get_settings().datev_account_numbers
    debtors = int(accounts["debtors"])
    found: list[Booking] = []
    for invoice in session.exec(select(Invoice).where(Invoice.issue_date.between(start, end))
                                .order_by(Invoice.issue_date, Invoice.id)):
        debtor = str(debtors + invoice.organization_id)
        amount = abs(invoice.gross_cents)
        if invoice.kind == InvoiceKind.CREDIT_NOTE.value:
            found.append(Booking(invoice.issue_date, Kind.CREDIT_NOTE, invoice.number,
                                 invoice.recipient_name, accounts["revenue"], debtor, amount,
                                 f"Gutschrift {invoice.recipient_name}"))
        else:
            found.append(Booking(invoice.issue_date, Kind.INVOICE, invoice.number,
                                 invoice.recipient_name, debtor, accounts["revenue"], amount,
                                 f"Rechnung {invoice.recipient_name}"))
    for payment, invoice in session.exec(
            select(Payment, Invoice).join(Invoice, Invoice.id == Payment.invoice_id)
            .where(Payment.paid_on.between(start, end)).order_by(Payment.paid_on, Payment.id)):
        found.append(Booking(payment.paid_on, Kind.PAYMENT, invoice.number,
                             invoice.recipient_name, accounts["bank"],
                             str(debtors + invoice.organization_id), payment.amount_cents,
                             f"Zahlung {invoice.recipient_name}"))
    for entry, invoice in session.exec(
            select(BankEntry, Invoice).outerjoin(Invoice, Invoice.id == BankEntry.invoice_id)
            .where(BankEntry.is_return.is_(True), BankEntry.booked_on.between(start, end))
            .order_by(BankEntry.booked_on, BankEntry.id)):
        number = invoice.number if invoice else ""
        name = invoice.recipient_name if invoice else entry.counterparty
        if entry.outcome == EntryOutcome.RETURNED.value and invoice is not None:
            found.append(Booking(entry.booked_on, Kind.RETURN, number, name,
                                 str(debtors + invoice.organization_id), accounts["bank"],
                                 entry.amount_cents,
                                 f"Rücklastschrift {entry.return_reason} {name}".strip()))
        if entry.fee_cents:
            found.append(Booking(entry.booked_on, Kind.FEE, number, name, accounts["fees"],
                                 accounts["bank"], entry.fee_cents,
                                 f"Rücklastschriftgebühr {name}".strip()))
    found.sort(key=lambda booking: booking.day)
    return found


def _euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def _quoted(text: str) -> str:
    return '"' + inert(text).replace('"', '""') + '"'


def _header(start: date, end: date) -> list[str]:
    settings = get_settings()
    created = clock.now().astimezone().strftime("%Y%m%d%H%M%S") + "000"
    label = f"HarzPortal {start:%d.%m.}-{end:%d.%m.%Y}"[:30]
    return ['"EXTF"', "700", "21", '"Buchungsstapel"', "13", created, "", '"RE"',
            _quoted(settings.network_short_name[:25]), '""', str(settings.datev_consultant),
            str(settings.datev_client), f"{start.year}0101", "4", f"{start:%Y%m%d}",
            f"{end:%Y%m%d}", _quoted(label), '""', "1", "0", "0", '"EUR"', "", '""', "", "",
            '"49"', "", "", '""', '""']


def datev_csv(session: Session, actor: Actor, start: object, end: object) -> tuple[bytes, str]:
    """The Buchungsstapel and its file name (EXTF_Buchungsstapel_<from>_<to>.csv)."""
    found = bookings(session, actor, start, end)
    lines = [";".join(_header(start, end)), ";".join(COLUMNS)]
    for booking in found:
        row = [""] * len(COLUMNS)
        row[0] = _euros(booking.amount_cents)
        row[1] = '"S"'
        row[2] = '"EUR"'
        row[6] = booking.debit
        row[7] = booking.credit
        row[9] = f"{booking.day:%d%m}"
        row[10] = _quoted(booking.document[:36])
        row[13] = _quoted(booking.text[:60])
        lines.append(";".join(row))
    content = ("\r\n".join(lines) + "\r\n").encode(ENCODING, errors="replace")
    return content, f"EXTF_Buchungsstapel_{start:%Y%m%d}_{end:%Y%m%d}.csv"


def plain_csv(session: Session, actor: Actor, start: object, end: object) -> tuple[str, str]:
    """The same bookings as a plain CSV for a spreadsheet."""
    found = bookings(session, actor, start, end)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Datum", "Art", "Beleg", "Organisation", "Soll", "Haben", "Betrag", "Text"])
    for booking in found:
        writer.writerow([inert(value) for value in (
            booking.day.isoformat(), booking.kind, booking.document, booking.organization,
            booking.debit, booking.credit, _euros(booking.amount_cents), booking.text)])
    return buffer.getvalue(), f"buchungen_{start:%Y%m%d}_{end:%Y%m%d}.csv"


def parse_day(raw: object) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
    except ValueError:
        return None


__all__ = ["COLUMNS", "Booking", "bookings", "datev_csv", "parse_day", "plain_csv"]
