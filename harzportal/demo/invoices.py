"""Demo fees and last year's invoice run: most invoices paid, one overdue, one cancelled by a
credit note; five wait for the demo bank statement (`demo/statements/camt053-demo.xml`, issue 18),
which also returns the direct debit of one paid invoice. Issued through the real issuing code
with the clock set to last January."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, delete, select

from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.invoices import collection, issuing
from harzportal.invoices.models import FeeScheduleItem, Invoice
from harzportal.mail.models import OutboxEmail

EXEMPTION_NOTE = ("Echter Mitgliedsbeitrag eines Vereins, nicht umsatzsteuerbar "
                  "(Abschn. 1.4 Abs. 1 UStAE)")
# kind -> [(from employees, to employees or None, annual fee in euros)]
FEES = {
    "chemical": [(0, 49, 600), (50, 249, 1200), (250, 999, 2400), (1000, None, 4800)],
    "metallurgical": [(0, 49, 600), (50, 249, 1200), (250, 999, 2400), (1000, None, 4800)],
    "recycling": [(0, 49, 600), (50, 249, 1200), (250, 999, 2400), (1000, None, 4800)],
    "logistics": [(0, 249, 900), (250, None, 1800)],
    "university": [(0, None, 1500)],
    "business_development": [(0, None, 500)],
    "other": [(0, None, 600)],
}
OVERDUE = "Oker Recycling GmbH"
CANCELLED = "Bode Kunststoffverwertung GmbH"
# Paid on the demo bank statement (four exactly, Clausthaler in part), so still open here
ON_STATEMENT = ("Brocken Spezialchemie GmbH", "Clausthaler Zinkwerke GmbH",
                "Harzer Chemiewerke GmbH", "Nordhäuser Feinchemie GmbH",
                "Südharz Gips & Baustoffchemie KG")
# Paid by SEPA direct debit; the demo statement brings its return (Rücklastschrift, MD06)
RETURNED_DEBIT = "Innerste Metallhütte AG"
# The demo statement itself: banking/demo_statement.py (statement_for(last year))


def fee_schedule() -> list[FeeScheduleItem]:
    return [FeeScheduleItem(kind=kind, min_employees=low, max_employees=high,
                            fee_cents=euros * 100, vat_rate_bp=0, vat_exempt=True,
                            vat_category="O", exemption_note=EXEMPTION_NOTE)
            for kind, bands in FEES.items() for low, high, euros in bands]


def last_years_run(session: Session, admin_id: int, before_payments=None) -> None:
    """`before_payments(session, admin_id)` runs between the issue and the payments (the demo's
    SEPA collection of the invoices under a mandate)."""
    staff = Actor(user_id=admin_id, organization_id=None, role=Role.NETWORK_ADMIN)
    year = clock.today().year - 1
    issued_at = datetime(year, 1, 15, 9, 0, tzinfo=UTC)
    with clock.fixed_at(issued_at):
        issuing.issue_annual_run(session, staff, year)
        invoices = session.exec(select(Invoice).where(Invoice.fee_year == year)).all()
        for invoice in invoices:
            if invoice.recipient_name == CANCELLED:
                issuing.cancel_invoice(session, staff, invoice.id)
    if before_payments is not None:
        before_payments(session, admin_id)
    with clock.fixed_at(issued_at + timedelta(days=60)):
        for number, invoice in enumerate(invoices):
            if invoice.recipient_name in (OVERDUE, CANCELLED, *ON_STATEMENT):
                continue
            # debited invoices (RETURNED_DEBIT's among them) get their debit's day and
            # reference afterwards (demo/debits.debited_payments)
            collection.record_payment(session, staff, invoice.id,
                                      date(year, 1, 20) + timedelta(days=number),
                                      invoice.gross_cents, f"Überweisung {invoice.number}")
    # These mails belong to last year: they are not sent again today.
    session.exec(delete(OutboxEmail).where(OutboxEmail.kind.in_(["invoice", "credit_note"])))
