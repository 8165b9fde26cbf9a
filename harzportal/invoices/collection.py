"""Getting paid: payments (full or partial) and payment reminders, one per level as the
settings name them (Zahlungserinnerung, 1. Mahnung, 2. Mahnung); each reminder is a PDF of its
own with the open amount, a new payment deadline and a GiroCode for exactly the open amount."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update
from sqlmodel import Session

from harzportal.audit import service as audit
from harzportal.core import clock, private_files
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.formatting import day, money
from harzportal.core.i18n import N_, translate
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.invoices.issuing import PDF_AREA, billing_recipients, invoice_link
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus, Payment, Reminder
from harzportal.invoices.reminder_pdf import ReminderDocument, render_reminder
from harzportal.mail import service as mail
from harzportal.settings import get as get_settings

REMINDER_MAIL_KEYS = (N_("mail.reminder.subject"), N_("mail.reminder.body"))


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
    """Remind the billing contacts of an overdue invoice with the next level's PDF attached."""
    require(actor, Action.MANAGE_INVOICES)
    invoice = _payable(session, invoice_id)
    if not is_overdue(invoice, clock.today()):
        raise Conflict("reminder.not_overdue")
    settings = get_settings()
    level = invoice.reminder_level + 1
    if level > len(settings.reminder_level_names):
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
    reminder = _stored_reminder(invoice, level, actor, recipients)
    subject_key, body_key = REMINDER_MAIL_KEYS
    for user in recipients:
        lang = user.preferred_language
        mail.enqueue(
            session, recipient=user.email, kind="payment_reminder",
            subject=translate(subject_key, lang, document=reminder.title, number=invoice.number),
            body=translate(body_key, lang, name=user.full_name, document=reminder.title,
                           number=invoice.number, issued=day(invoice.issue_date, lang),
                           due=day(invoice.due_date, lang),
                           outstanding=money(reminder.open_cents, lang),
                           deadline=day(reminder.new_due_date, lang),
                           iban=settings.seller.iban, link=invoice_link(invoice)),
            attachments=[mail.attachment(PDF_AREA, reminder.pdf_file, reminder.pdf_sha256,
                                         reminder_filename(invoice, level))])
    session.add(reminder)
    audit.record(session, action="invoice.reminder_sent", object_type="invoice",
                 object_id=invoice.id, actor_user_id=actor.user_id,
                 organization_id=invoice.organization_id,
                 after={"level": level, "title": reminder.title,
                        "open_cents": reminder.open_cents, "fee_cents": reminder.fee_cents,
                        "new_due_date": reminder.new_due_date.isoformat(),
                        "recipients": [user.email for user in recipients]},
                 client_ip=actor.client_ip)
    return reminder


def reminder_filename(invoice: Invoice, level: int) -> str:
    return f"{invoice.number}-mahnstufe-{level}.pdf"


def _stored_reminder(invoice: Invoice, level: int, actor: Actor, recipients) -> Reminder:
    """The level's PDF, rendered and stored (content-addressed, before commit) once."""
    settings = get_settings()
    today = clock.today()
    document = ReminderDocument(
        invoice=invoice, level=level, title=settings.reminder_level_names[level - 1],
        number=f"{invoice.number}-M{level}", issue_date=today,
        open_cents=invoice.gross_cents - invoice.paid_cents,
        fee_cents=settings.reminder_fee_cents if level > 1 else 0,
        new_due_date=today + timedelta(days=settings.reminder_payment_days))
    pdf_file, pdf_sha256 = private_files.store(
        PDF_AREA, render_reminder(document, settings.seller), "pdf")
    return Reminder(invoice_id=invoice.id, level=level, sent_by_user_id=actor.user_id,
                    recipients=", ".join(user.email for user in recipients)[:1000],
                    title=document.title, open_cents=document.open_cents,
                    fee_cents=document.fee_cents, new_due_date=document.new_due_date,
                    pdf_file=pdf_file, pdf_sha256=pdf_sha256)


# --- Direct-debit returns (issue 18: booked by banking/statements.py) ------------------------

def reverse_payment(session: Session, actor: Actor, payment_id: object, returned_on: date,
                    reason: object) -> Payment:
    """A payment the payer's bank took back (Rücklastschrift): it no longer counts, the invoice
    is open again for its amount. Never twice for one payment."""
    require(actor, Action.MANAGE_INVOICES)
    payment = get_or_not_found(session, Payment, payment_id)
    invoice = _payable(session, payment.invoice_id)
    marked = session.exec(update(Payment).where(Payment.id == payment.id,
                                                Payment.returned_on.is_(None))
                          .values(returned_on=returned_on))
    if marked.rowcount != 1:
        raise Conflict("payment.already_returned")
    reopened = session.exec(
        update(Invoice)
        .where(Invoice.id == invoice.id, Invoice.paid_cents >= payment.amount_cents,
               Invoice.status.in_([InvoiceStatus.ISSUED.value, InvoiceStatus.PAID.value]))
        .values(paid_cents=Invoice.paid_cents - payment.amount_cents,
                status=InvoiceStatus.ISSUED.value))
    if reopened.rowcount != 1:
        raise Conflict("payment.changed_meanwhile")
    session.refresh(invoice)
    session.refresh(payment)
    audit.record(session, action="invoice.payment_returned", object_type="invoice",
                 object_id=invoice.id, actor_user_id=actor.user_id,
                 organization_id=invoice.organization_id,
                 before={"paid_cents": invoice.paid_cents + payment.amount_cents},
                 after={"paid_cents": invoice.paid_cents, "payment_id": payment.id,
                        "returned_on": returned_on.isoformat(), "status": invoice.status,
                        "reason": single_line(reason)[:4]},
                 client_ip=actor.client_ip)
    return payment
