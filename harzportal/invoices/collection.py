"""Getting paid: payments (full or partial) and payment reminders, one per level as the
settings name them (Zahlungserinnerung, 1. Mahnung, 2. Mahnung); each reminder is a PDF of its
own with the open amount, a new payment deadline and a GiroCode for exactly the open amount."""

from __future__ import annotations

from datetime import date, timedelta

import logging

from huey import crontab
from sqlalchemy import update
from sqlmodel import Session, select

from harzportal import db, jobs
from harzportal.accounts.models import User
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
from harzportal.invoices.models import (
    DocumentState,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Payment,
    Reminder,
)
from harzportal.invoices.rendering import RENDER_RETRIES, RETRY_DELAY_SECONDS, failed_or_lost
from harzportal.invoices.reminder_pdf import ReminderDocument, render_reminder
from harzportal.mail import service as mail
from harzportal.settings import get as get_settings

log = logging.getLogger("harzportal.invoices.collection")

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
    reminder = _pending_reminder(invoice, level, actor, recipients)
    session.add(reminder)
    audit.record(session, action="invoice.reminder_sent", object_type="invoice",
                 object_id=invoice.id, actor_user_id=actor.user_id,
                 organization_id=invoice.organization_id,
                 after={"level": level, "title": reminder.title,
                        "open_cents": reminder.open_cents, "fee_cents": reminder.fee_cents,
                        "new_due_date": reminder.new_due_date.isoformat(),
                        "recipients": [user.email for user in recipients]},
                 client_ip=actor.client_ip)
    session.flush()
    jobs.submit_after_commit(session, render_reminder_document, reminder.id)
    return reminder


def reminder_filename(invoice: Invoice, level: int) -> str:
    return f"{invoice.number}-mahnstufe-{level}.pdf"


def _pending_reminder(invoice: Invoice, level: int, actor: Actor, recipients) -> Reminder:
    """The level's reminder as it is sent (title, open amount, fee, new deadline); its PDF is
    rendered by a job once this has committed."""
    settings = get_settings()
    return Reminder(invoice_id=invoice.id, level=level, sent_by_user_id=actor.user_id,
                    recipients=", ".join(user.email for user in recipients)[:1000],
                    title=settings.reminder_level_names[level - 1],
                    open_cents=invoice.gross_cents - invoice.paid_cents,
                    fee_cents=settings.reminder_fee_cents if level > 1 else 0,
                    new_due_date=clock.today() + timedelta(days=settings.reminder_payment_days),
                    document_state=DocumentState.PENDING.value)


def _reminder_document(invoice: Invoice, reminder: Reminder) -> ReminderDocument:
    return ReminderDocument(
        invoice=invoice, level=reminder.level, title=reminder.title,
        number=f"{invoice.number}-M{reminder.level}",
        issue_date=clock.as_utc(reminder.sent_at).date(), open_cents=reminder.open_cents,
        fee_cents=reminder.fee_cents, new_due_date=reminder.new_due_date)


def store_reminder_document(session: Session, reminder_id: int) -> bool:
    """Render and store the reminder's PDF unless it exists, then queue its mails; True when
    this call made it ready. Idempotent: of two runs only the one whose update wins mails."""
    reminder = session.get(Reminder, reminder_id)
    if reminder is None or reminder.document_state == DocumentState.READY.value:
        return False
    invoice = session.get(Invoice, reminder.invoice_id)
    pdf_file, pdf_sha256 = private_files.store(
        PDF_AREA, render_reminder(_reminder_document(invoice, reminder),
                                  get_settings().seller), "pdf")
    won = session.exec(
        update(Reminder)
        .where(Reminder.id == reminder_id, Reminder.document_state != DocumentState.READY.value)
        .values(pdf_file=pdf_file, pdf_sha256=pdf_sha256,
                document_state=DocumentState.READY.value)).rowcount
    if won != 1:
        return False
    session.refresh(reminder)
    _mail_reminder(session, invoice, reminder)
    return True


def _mail_reminder(session: Session, invoice: Invoice, reminder: Reminder) -> None:
    """The reminder mails, with its PDF attached, to the recipients it was sent to."""
    settings = get_settings()
    emails = [email.strip() for email in reminder.recipients.split(",") if email.strip()]
    people = {user.email: user for user in session.exec(select(User).where(
        User.email.in_(emails)))}
    subject_key, body_key = REMINDER_MAIL_KEYS
    for email in emails:
        user = people.get(email)
        lang = user.preferred_language if user else "de"
        mail.enqueue(
            session, recipient=email, kind="payment_reminder",
            subject=translate(subject_key, lang, document=reminder.title, number=invoice.number),
            body=translate(body_key, lang, name=user.full_name if user else "",
                           document=reminder.title,
                           number=invoice.number, issued=day(invoice.issue_date, lang),
                           due=day(invoice.due_date, lang),
                           outstanding=money(reminder.open_cents, lang),
                           deadline=day(reminder.new_due_date, lang),
                           iban=settings.seller.iban, link=invoice_link(invoice)),
            attachments=[mail.attachment(PDF_AREA, reminder.pdf_file, reminder.pdf_sha256,
                                         reminder_filename(invoice, reminder.level))])


def _mark_reminder_failed(session: Session, reminder_id: int) -> None:
    session.exec(update(Reminder)
                 .where(Reminder.id == reminder_id,
                        Reminder.document_state == DocumentState.PENDING.value)
                 .values(document_state=DocumentState.FAILED.value))


@jobs.huey.task(retries=RENDER_RETRIES, retry_delay=RETRY_DELAY_SECONDS, context=True,
                name="invoice.render_reminder")
def render_reminder_document(reminder_id: int, task=None) -> None:
    try:
        with db.unit_of_work() as session:
            store_reminder_document(session, reminder_id)
    except Exception:
        if task is None or task.retries == 0:
            log.exception("Reminder %s: its PDF could not be rendered", reminder_id)
            with db.unit_of_work() as session:
                _mark_reminder_failed(session, reminder_id)
        raise


def enqueue_pending_reminders() -> int:
    """At a consumer's start and every 5 minutes: reminders whose PDF failed or whose job was
    lost (pending for longer than LOST_AFTER)."""
    waiting = failed_or_lost(Reminder, Reminder.sent_at)
    for reminder_id in waiting:
        jobs.submit(render_reminder_document, reminder_id)
    return len(waiting)


jobs.at_consumer_start(enqueue_pending_reminders)


@jobs.huey.periodic_task(crontab(minute="*/5"), name="invoice.render_lost_reminders")
def render_lost_reminders() -> None:
    """Every 5 minutes: the reminder PDFs whose job a killed worker took with it."""
    enqueue_pending_reminders()


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
