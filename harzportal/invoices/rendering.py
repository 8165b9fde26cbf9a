"""Rendering an issued invoice's document (the PDF with its e-invoice XML) as a job.

Issuing (issuing.py) commits number, lines, amounts and audit event in one short transaction and
asks for this job after the commit; the job renders the PDF, stores it (content-addressed),
records its SHA-256, marks the document ready and only then queues the mails that carry it. A
render that fails is retried by the queue; when the last retry fails the invoice's document is
`failed`, which staff see on the invoice. The job is idempotent: a document already ready is
left alone, and of two runs at the same time only the one whose conditional update wins queues
the mails.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta

from huey import crontab
from sqlalchemy import and_, or_
from sqlmodel import Session, select

from harzportal import db, jobs
from harzportal.core import clock, private_files
from harzportal.core.formatting import day, money
from harzportal.core.i18n import N_, translate
from harzportal.invoices import pdf, refunds
from harzportal.invoices.amounts import LineInput, compute_totals, stored_category
from harzportal.invoices.einvoice import EInvoiceData
from harzportal.invoices.issuing import (
    PDF_AREA,
    billing_recipients,
    invoice_link,
    pdf_filename,
    xrechnung_filename,
)
from harzportal.invoices.models import DocumentState, Invoice, InvoiceKind, InvoiceLine
from harzportal.mail import service as mail
from harzportal.settings import get as get_settings

log = logging.getLogger("harzportal.invoices.rendering")

RENDER_RETRIES = 3
RETRY_DELAY_SECONDS = 20
LOST_AFTER = timedelta(minutes=10)


def _totals(lines: list[InvoiceLine]):
    return compute_totals([
        LineInput(description=line.description, quantity_milli=line.quantity_milli,
                  unit_price_cents=line.unit_price_cents, vat_rate_bp=line.vat_rate_bp,
                  vat_exempt=line.vat_exempt, exemption_note=line.exemption_note,
                  vat_category=stored_category(line.vat_exempt, line.vat_category))
        for line in lines])


def render(session: Session, invoice: Invoice) -> pdf.RenderedInvoice:
    """The invoice's documents from what was issued (its rows, amounts, the invoice it
    cancels): the PDF, and for a public-sector buyer the XRechnung XML."""
    lines = list(session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                              .order_by(InvoiceLine.position)))
    totals = _totals(lines)
    if totals.gross_cents != invoice.gross_cents:
        raise RuntimeError(f"invoice {invoice.id}: lines do not add up to the issued amount")
    cancelled = session.get(Invoice, invoice.cancels_invoice_id) if invoice.cancels_invoice_id \
        else None
    data = EInvoiceData(invoice=invoice, lines=lines, totals=totals,
                        seller=get_settings().seller, payment_terms="",
                        cancelled_number=cancelled.number if cancelled else "",
                        cancelled_issue_date=cancelled.issue_date if cancelled else None,
                        refund=refunds.refund_of(session, invoice)
                        if invoice.kind == InvoiceKind.CREDIT_NOTE.value else None)
    data = dataclasses.replace(data, payment_terms=pdf.payment_terms(data))
    return pdf.render(data, totals)


def store_document(session: Session, invoice_id: int) -> bool:
    """Render and store the document unless it exists; True when this call made it ready (and
    queued its mails), False when it was ready already."""
    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.document_state == DocumentState.READY.value:
        return False
    rendered = render(session, invoice)
    stored = dict(zip(("pdf_file", "pdf_sha256"),
                      private_files.store(PDF_AREA, rendered.pdf, "pdf"), strict=True))
    if rendered.xrechnung:
        stored |= dict(zip(("xml_file", "xml_sha256"),
                           private_files.store(PDF_AREA, rendered.xrechnung, "xml"), strict=True))
    won = session.exec(
        Invoice.__table__.update()
        .where(Invoice.id == invoice_id, Invoice.document_state != DocumentState.READY.value)
        .values(**stored, document_state=DocumentState.READY.value)
    ).rowcount
    if won != 1:
        return False  # another run made it ready meanwhile: its mails are queued already
    session.refresh(invoice)
    _mail_issued(session, invoice)
    return True


def _mark_failed(session: Session, invoice_id: int) -> None:
    session.exec(Invoice.__table__.update()
                 .where(Invoice.id == invoice_id,
                        Invoice.document_state == DocumentState.PENDING.value)
                 .values(document_state=DocumentState.FAILED.value))


@jobs.huey.task(retries=RENDER_RETRIES, retry_delay=RETRY_DELAY_SECONDS, context=True,
                name="invoice.render_document")
def render_document(invoice_id: int, task=None) -> None:
    try:
        with db.unit_of_work() as session:
            store_document(session, invoice_id)
    except Exception:
        if task is None or task.retries == 0:  # the last attempt: staff must see it
            log.exception("Invoice %s: its document could not be rendered", invoice_id)
            with db.unit_of_work() as session:
                _mark_failed(session, invoice_id)
        raise


def render_later(session: Session, invoice: Invoice) -> None:
    """Ask for the invoice's document once the issuing transaction has committed."""
    jobs.submit_after_commit(session, render_document, invoice.id)


def failed_or_lost(model, created_at) -> list[int]:
    """The ids of `model`'s rows (invoices, reminders) whose document failed, or is pending for
    longer than LOST_AFTER (created before `created_at` + LOST_AFTER), oldest first."""
    lost = clock.now() - LOST_AFTER
    with db.unit_of_work() as session:
        return list(session.exec(select(model.id).where(or_(
            model.document_state == DocumentState.FAILED.value,
            and_(model.document_state == DocumentState.PENDING.value,
                 created_at < lost))).order_by(model.id)))


def enqueue_pending() -> int:
    """At a consumer's start: enqueue a render for every failed document (after a fix) and for
    every document pending for longer than LOST_AFTER (its enqueue after the commit was lost:
    the queue was unreachable). Documents pending for less are still in the queue; enqueuing
    them again would be harmless (the job is idempotent) but render them twice."""
    waiting = failed_or_lost(Invoice, Invoice.created_at)
    for invoice_id in waiting:
        jobs.submit(render_document, invoice_id)
    return len(waiting)


jobs.at_consumer_start(enqueue_pending)


@jobs.huey.periodic_task(crontab(minute="*/5"), name="invoice.render_lost_documents")
def render_lost_documents() -> None:
    """Every 5 minutes: the documents whose job a killed worker took with it."""
    enqueue_pending()


ISSUED_MAIL_KEYS = {
    InvoiceKind.INVOICE.value: (N_("mail.invoice_issued.subject"),
                                N_("mail.invoice_issued.body")),
    InvoiceKind.CREDIT_NOTE.value: (N_("mail.credit_note_issued.subject"),
                                    N_("mail.credit_note_issued.body")),
}


def _mail_issued(session: Session, invoice: Invoice) -> None:
    """The mails to the billing contacts, with the document attached: only once it exists."""
    subject_key, body_key = ISSUED_MAIL_KEYS[invoice.kind]
    for user in billing_recipients(session, invoice.organization_id):
        lang = user.preferred_language
        mail.enqueue(
            session, recipient=user.email, kind=invoice.kind,
            subject=translate(subject_key, lang, number=invoice.number),
            body=translate(body_key, lang, name=user.full_name, number=invoice.number,
                           organization=invoice.recipient_name,
                           amount=money(invoice.gross_cents, lang),
                           due=day(invoice.due_date, lang), link=invoice_link(invoice)),
            attachments=_attachments(invoice))


def _attachments(invoice: Invoice) -> list:
    """The PDF; for a public-sector buyer the XRechnung XML as well."""
    files = [mail.attachment(PDF_AREA, invoice.pdf_file, invoice.pdf_sha256,
                             pdf_filename(invoice))]
    if invoice.xml_file:
        files.append(mail.attachment(PDF_AREA, invoice.xml_file, invoice.xml_sha256,
                                     xrechnung_filename(invoice), "application/xml"))
    return files
