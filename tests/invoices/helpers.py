"""Small helpers shared by the invoice tests."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlmodel import select

from harzportal import db
from harzportal.audit.models import AuditEvent
from harzportal.core import private_files
from harzportal.core.roles import Role
from harzportal.invoices import issuing
from harzportal.invoices.amounts import LineInput
from harzportal.invoices.models import (
    DocumentState,
    FeeScheduleItem,
    Invoice,
    InvoiceLine,
    Payment,
    Reminder,
)
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.models import ContactFunctionAssignment
from tests.service_calls import load as load  # re-exported for this domain's tests
from tests.service_calls import run as run

EXEMPTION_NOTE = "Echter Mitgliedsbeitrag, nicht umsatzsteuerbar (Abschn. 1.4 Abs. 1 UStAE)"
ADDRESS = {"street": "Industriestraße 5", "postal_code": "38640", "city": "Goslar"}


def rows(model, *where, order_by=None) -> list:
    with db.unit_of_work() as session:
        query = select(model).where(*where).order_by(order_by if order_by is not None
                                                     else model.id)
        return list(session.exec(query).all())


def invoices(*where) -> list[Invoice]:
    return rows(Invoice, *where)


def lines_of(invoice_id: int) -> list[InvoiceLine]:
    return rows(InvoiceLine, InvoiceLine.invoice_id == invoice_id, order_by=InvoiceLine.position)


def payments_of(invoice_id: int) -> list[Payment]:
    return rows(Payment, Payment.invoice_id == invoice_id)


def reminders_of(invoice_id: int) -> list[Reminder]:
    return rows(Reminder, Reminder.invoice_id == invoice_id, order_by=Reminder.level)


def outbox(kind: str | None = None) -> list[OutboxEmail]:
    return rows(OutboxEmail, *([OutboxEmail.kind == kind] if kind else []))


def audit_events(action: str | None = None) -> list[AuditEvent]:
    return rows(AuditEvent, *([AuditEvent.action == action] if action else []))


def member(factories, **fields):
    """A member organization with a complete billing address."""
    return factories.organization(**(ADDRESS | fields))


def billing_contact(factories, organization, role=Role.CONTACT, **fields):
    user = factories.user(organization, role=role, **fields)
    with db.unit_of_work() as session:
        session.add(ContactFunctionAssignment(user_id=user.id, function="billing"))
    return user


def fee_item(kind: str, minimum: int, maximum: int | None, euros: int, *,
             vat_rate_bp: int = 0) -> FeeScheduleItem:
    exempt = vat_rate_bp == 0
    with db.unit_of_work() as session:
        item = FeeScheduleItem(kind=kind, min_employees=minimum, max_employees=maximum,
                               fee_cents=euros * 100, vat_rate_bp=vat_rate_bp, vat_exempt=exempt,
                               exemption_note=EXEMPTION_NOTE if exempt else "")
        session.add(item)
    return item


def line(description="Seminar Gefahrstoffe", quantity_milli=1000, unit_price_cents=120000,
         vat_rate_bp=1900, **fields) -> LineInput:
    return LineInput(description=description, quantity_milli=quantity_milli,
                     unit_price_cents=unit_price_cents, vat_rate_bp=vat_rate_bp, **fields)


PERIOD = (date(2027, 1, 1), date(2027, 1, 31))


def issue_manual(actor, organization, lines=None, period=PERIOD) -> Invoice:
    """A manual invoice (by default one 1.200,00 € line at 19 %: 1.428,00 € gross)."""
    return run(issuing.issue_manual_invoice, actor, organization.id, lines or [line()], *period)


def snapshot(invoice_id: int) -> dict:
    """What an issued invoice must keep forever: everything but status, paid and reminders."""
    invoice = load(Invoice, invoice_id)
    kept = invoice.model_dump(exclude={"status", "paid_cents", "reminder_level"})
    kept["lines"] = [line_row.model_dump() for line_row in lines_of(invoice_id)]
    return kept


def at_once(count: int, work) -> list[object]:
    """Run `work(index, session)` in `count` threads, each in its own unit of work, released
    together; return what each returned or raised."""
    barrier = threading.Barrier(count, timeout=20)
    outcomes: list[object] = [None] * count

    def one(index):
        try:
            with db.unit_of_work() as session:
                barrier.wait()
                outcomes[index] = work(index, session)
        except Exception as error:  # noqa: BLE001 - the test looks at what happened
            outcomes[index] = error

    threads = [threading.Thread(target=one, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def invoice_row(organization, number: str, *, issue_date: date = date(2027, 1, 15),
                gross_cents: int = 142800, pdf: bytes | None = None, **fields) -> Invoice:
    """An invoice stored directly, without rendering: for tests about who sees what and how
    many queries a list costs. With `pdf`, those bytes are stored as its file."""
    stored = private_files.store(issuing.PDF_AREA, pdf, "pdf") if pdf is not None else ("", "")
    with db.unit_of_work() as session:
        invoice = Invoice(
            number=number, organization_id=organization.id, recipient_name=organization.name,
            recipient_street=organization.street, recipient_postal_code=organization.postal_code,
            recipient_city=organization.city, issue_date=issue_date, service_from=issue_date,
            service_to=issue_date, due_date=issue_date + timedelta(days=30),
            net_cents=gross_cents, vat_cents=0, gross_cents=gross_cents,
            pdf_file=stored[0], pdf_sha256=stored[1],
            **{"document_state": DocumentState.READY.value} | fields)
        session.add(invoice)
    return invoice
