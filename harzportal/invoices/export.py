"""CSV export of invoices and payments for the accountant (semicolon separated, German decimals,
every cell made inert against CSV injection)."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.permissions import Action, require
from harzportal.core.spreadsheet import inert
from harzportal.invoices.models import Invoice, Payment

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_ROWS = 500_000


def _euros(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100},{cents % 100:02d}"


def invoices_csv(session: Session, actor: Actor, year: int | None = None) -> str:
    """One row per invoice and one per payment, streamed from the database in batches."""
    require(actor, Action.MANAGE_INVOICES)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed("invoice_run.year_invalid", field="year")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Art", "Nummer", "Storniert", "Kundennummer", "Empfänger", "Datum",
                     "Fällig", "Netto", "USt", "Brutto", "Bezahlt", "Status", "Referenz"])
    cancelled = aliased(Invoice)
    invoices = select(Invoice, cancelled.number).outerjoin(
        cancelled, cancelled.id == Invoice.cancels_invoice_id).order_by(
        Invoice.issue_date, Invoice.id).limit(MAX_ROWS)
    if year is not None:
        invoices = invoices.where(Invoice.issue_date.between(date(year, 1, 1), date(year, 12, 31)))
    for invoice, cancelled_number in session.exec(invoices.execution_options(yield_per=1000)):
        writer.writerow([inert(value) for value in (
            invoice.kind, invoice.number, cancelled_number or "",
            invoice.organization_id, invoice.recipient_name, invoice.issue_date.isoformat(),
            invoice.due_date.isoformat(), _euros(invoice.net_cents), _euros(invoice.vat_cents),
            _euros(invoice.gross_cents), _euros(invoice.paid_cents), invoice.status, "")])
    payments = select(Payment, Invoice.number, Invoice.organization_id, Invoice.recipient_name) \
        .join(Invoice, Invoice.id == Payment.invoice_id).order_by(Payment.paid_on, Payment.id) \
        .limit(MAX_ROWS)
    if year is not None:
        payments = payments.where(Invoice.issue_date.between(date(year, 1, 1), date(year, 12, 31)))
    for payment, number, organization_id, recipient in session.exec(payments):
        writer.writerow([inert(value) for value in (
            "payment", number, "", organization_id, recipient, payment.paid_on.isoformat(), "",
            "", "", _euros(payment.amount_cents), "", "", payment.reference)])
    return buffer.getvalue()
