"""Getting paid: payments (full or partial) and payment reminders (level 1, then 2)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlmodel import Session

from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.formatting import day, money
from harzportal.core.i18n import N_, translate
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.invoices.issuing import PDF_AREA, billing_recipients, invoice_link, pdf_filename
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus, Payment, Reminder
from harzportal.mail import service as mail
from harzportal.settings import get as get_settings

MAX_REMINDER_LEVEL = 2
REMINDER_MAIL_KEYS = {1: (N_("mail.reminder1.subject"), N_("mail.reminder1.body")),
                      2: (N_("mail.reminder2.subject"), N_("mail.reminder2.body"))}


def _payable(session: Session, invoice_id: object) -> Invoice:
    invoice = get_or_not_found(session, Invoice, invoice_id)
    if invoice.kind != InvoiceKind.INVOICE.value:
        raise NotFound()
    return invoice


def is_overdue(invoice: Invoice, today: date) -> bool:
    return (invoice.kind == InvoiceKind.INVOICE.value
            and invoice.status == InvoiceStatus.ISSUED.value and invoice.due_date < today)


def record_payment(session: Session, actor: Actor, invoice_id: object, paid_on: date,
                   amount_cents: int, reference: object) -> Payment:
    """A full or partial payment; the invoice is paid once the payments reach its amount."""
    require(actor, Action.MANAGE_INVOICES)
    invoice = _payable(session, invoice_id)
    if invoice.status != InvoiceStatus.ISSUED.value:
        raise Conflict("payment.not_open")
    if paid_on > clock.today() or paid_on < invoice.issue_date:
        raise ValidationFailed("payment.date_invalid", field="paid_on")
    outstanding = invoice.gross_cents - invoice.paid_cents
    if not 0 < amount_cents <= outstanding:
        raise ValidationFailed("payment.amount_invalid", field="amount",
                               outstanding=money(outstanding, actor.language))
    # Conditional update: two clerks booking at once can never pay more than the amount.
    booked = session.exec(
        update(Invoice)
        .where(Invoice.id == invoice.id, Invoice.status == InvoiceStatus.ISSUED.value,
               Invoice.paid_cents + amount_cents <= Invoice.gross_cents)
        .values(paid_cents=Invoice.paid_cents + amount_cents))
    if booked.rowcount != 1:
        raise Conflict("payment.changed_meanwhile")
    session.refresh(invoice)
    if invoice.paid_cents == invoice.gross_cents:
        invoice.status = InvoiceStatus.PAID.value
        session.add(invoice)
    payment = Payment(invoice_id=invoice.id, paid_on=paid_on, amount_cents=amount_cents,
                      reference=single_line(reference)[:200], recorded_by_user_id=actor.user_id)
    session.add(payment)
    audit.record(session, action="invoice.payment_recorded", object_type="invoice",
                 object_id=invoice.id, actor_user_id=actor.user_id,
                 organization_id=invoice.organization_id,
                 before={"paid_cents": invoice.paid_cents - amount_cents},
                 after={"paid_cents": invoice.paid_cents, "amount_cents": amount_cents,
                        "paid_on": paid_on.isoformat(), "status": invoice.status},
                 client_ip=actor.client_ip)
    return payment


def send_reminder(session: Session, actor: Actor, invoice_id: object) -> Reminder:
    """Remind the billing contacts of an overdue invoice, the PDF attached; level 1, then 2."""
    require(actor, Action.MANAGE_INVOICES)
    invoice = _payable(session, invoice_id)
    if not is_overdue(invoice, clock.today()):
        raise Conflict("reminder.not_overdue")
    level = invoice.reminder_level + 1
    if level > MAX_REMINDER_LEVEL:
        raise Conflict("reminder.max_level")
    raised = session.exec(update(Invoice).where(Invoice.id == invoice.id,
                                                Invoice.reminder_level == level - 1,
                                                Invoice.status == InvoiceStatus.ISSUED.value)
                          .values(reminder_level=level))
    if raised.rowcount != 1:
        raise Conflict("payment.changed_meanwhile")
    session.refresh(invoice)
    recipients = billing_recipients(session, invoice.organization_id)
    if not recipients:
        raise ValidationFailed("reminder.no_recipient")
    outstanding = invoice.gross_cents - invoice.paid_cents
    subject_key, body_key = REMINDER_MAIL_KEYS[level]
    for user in recipients:
        lang = user.preferred_language
        mail.enqueue(
            session, recipient=user.email, kind="payment_reminder",
            subject=translate(subject_key, lang, number=invoice.number),
            body=translate(body_key, lang, name=user.full_name,
                           number=invoice.number, issued=day(invoice.issue_date, lang),
                           due=day(invoice.due_date, lang),
                           outstanding=money(outstanding, lang),
                           iban=get_settings().seller.iban,
                           link=invoice_link(invoice)),
            attachments=[mail.attachment(PDF_AREA, invoice.pdf_file, invoice.pdf_sha256,
                                         pdf_filename(invoice))])
    reminder = Reminder(invoice_id=invoice.id, level=level, sent_by_user_id=actor.user_id,
                        recipients=", ".join(user.email for user in recipients)[:1000])
    session.add(reminder)
    audit.record(session, action="invoice.reminder_sent", object_type="invoice",
                 object_id=invoice.id, actor_user_id=actor.user_id,
                 organization_id=invoice.organization_id,
                 after={"level": level, "recipients": [user.email for user in recipients]},
                 client_ip=actor.client_ip)
    return reminder
