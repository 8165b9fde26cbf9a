"""Reading invoices: the member's list and detail, the staff's list, the PDF for download.

A page costs a fixed number of queries (count, outstanding sum, one page of rows), whatever the
size of the table; the composite index (organization_id, issue_date) serves the member's list.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import func, or_
from sqlmodel import Session, select

from harzportal.core import clock, private_files
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.errors import Conflict, NotFound
from harzportal.core.ids import is_id
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.invoices import refunds
from harzportal.debits.models import DebitRun, DebitRunItem, RunStatus, SepaMandate
from harzportal.invoices.access import require_invoice_access
from harzportal.invoices.collection import is_overdue, reminder_filename
from harzportal.invoices.issuing import PDF_AREA, pdf_filename, xrechnung_filename
from harzportal.invoices.models import (
    DocumentState,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    Refund,
    Reminder,
)
from harzportal.organizations.models import Organization
from harzportal.organizations.service import active_member_choices

PAGE_SIZE = 20


class DisplayState(StrEnum):
    """How an invoice stands for the reader (the stored status plus "overdue")."""

    OPEN = "open"
    OVERDUE = "overdue"
    PAID = "paid"
    CANCELLED = "cancelled"
    CREDIT_NOTE = "credit_note"


PAYABLE_STATES = (DisplayState.OPEN, DisplayState.OVERDUE)


def display_state(invoice: Invoice | InvoiceSummary, today: date) -> DisplayState:
    if invoice.kind == InvoiceKind.CREDIT_NOTE.value:
        return DisplayState.CREDIT_NOTE
    if invoice.status != InvoiceStatus.ISSUED.value:
        return DisplayState(invoice.status)
    return DisplayState.OVERDUE if is_overdue(invoice, today) else DisplayState.OPEN


class DebitState(StrEnum):
    """How an invoice is paid (issue 18): by transfer, or collected by SEPA debit."""

    NONE = "none"  # by transfer
    SCHEDULED = "scheduled"  # will be collected on the invoice's collection date
    IN_RUN = "in_run"  # in a collection run whose file is not submitted yet
    SUBMITTED = "submitted"  # the debit was submitted to the bank (on `debit_submitted_on`)
    REVOKED = "revoked"  # the mandate was revoked before the collection: pay by transfer


# What a list of invoices shows (the member's, the staff's): these columns, not whole rows.
InvoiceSummary = summary_of(
    "InvoiceSummary", Invoice.id, Invoice.number, Invoice.kind, Invoice.status,
    Invoice.issue_date, Invoice.due_date, Invoice.gross_cents, Invoice.paid_cents,
    # how a SEPA debit stands (with_debits, presenter.debit_note)
    Invoice.debit_mandate_id, Invoice.debit_collection_date, Invoice.debit_iban)


@dataclass(frozen=True)
class InvoiceListing:
    """One invoice of a list, with how it stands today (and, for staff, whose it is)."""

    invoice: Invoice | InvoiceSummary  # a list holds a summary, one invoice's page the row
    state: DisplayState
    organization_name: str = ""
    debit: DebitState = DebitState.NONE
    debit_submitted_at: datetime | None = None

    @property
    def payable(self) -> bool:
        return self.state in PAYABLE_STATES


@dataclass(frozen=True)
class MemberInvoices:
    page: Page[InvoiceListing]
    outstanding_cents: int  # of all the organization's open invoices, not just this page


@dataclass(frozen=True)
class InvoiceDetail:
    listing: InvoiceListing
    lines: tuple[InvoiceLine, ...]
    payments: tuple[Payment, ...]
    reminders: tuple[Reminder, ...]
    related_id: int | None  # the credit note of an invoice, or the invoice a credit note corrects
    related_number: str
    refund: Refund | None = None  # a cancelled paid invoice's (or its credit note's) refund
    settled_number: str = ""  # the invoice a made set-off was booked on


def with_debits(session: Session, listings: tuple[InvoiceListing, ...]
                ) -> tuple[InvoiceListing, ...]:
    """The listings with how their debit stands: two queries for a whole page (the runs their
    invoices are in, the revoked mandates among theirs)."""
    debited = [listing.invoice for listing in listings if listing.invoice.debit_mandate_id]
    if not debited:
        return listings
    runs = {invoice_id: (status, submitted_at) for invoice_id, status, submitted_at in
            session.exec(select(DebitRunItem.invoice_id, DebitRun.status, DebitRun.submitted_at)
                         .join(DebitRun, DebitRun.id == DebitRunItem.run_id)
                         .where(DebitRunItem.invoice_id.in_([i.id for i in debited])))}
    revoked = set(session.exec(select(SepaMandate.id).where(
        SepaMandate.id.in_({i.debit_mandate_id for i in debited}),
        SepaMandate.revoked_at.is_not(None))))

    def debit_of(listing: InvoiceListing) -> InvoiceListing:
        invoice = listing.invoice
        if not invoice.debit_mandate_id:
            return listing
        if invoice.id in runs:
            status, submitted_at = runs[invoice.id]
            state = (DebitState.SUBMITTED if status == RunStatus.SUBMITTED.value
                     else DebitState.IN_RUN)
            return dataclasses.replace(listing, debit=state, debit_submitted_at=submitted_at)
        if invoice.debit_mandate_id in revoked:
            return dataclasses.replace(listing, debit=DebitState.REVOKED)
        return dataclasses.replace(listing, debit=DebitState.SCHEDULED)

    return tuple(debit_of(listing) for listing in listings)


def _with_debits_page(session: Session, page: Page[InvoiceListing]) -> Page[InvoiceListing]:
    return Page(with_debits(session, page.items), page.page, page.pages, page.total)


def _outstanding_filter():
    return (Invoice.kind == InvoiceKind.INVOICE.value, Invoice.status == InvoiceStatus.ISSUED.value)


def _newest_first(query):
    return query.order_by(Invoice.issue_date.desc(), Invoice.id.desc())


def list_member_invoices(session: Session, actor: Actor, organization_id: object,
                         page: object = 1) -> MemberInvoices:
    if not is_id(organization_id):
        raise NotFound()
    require_invoice_access(session, actor, organization_id)
    outstanding = session.exec(
        select(func.coalesce(func.sum(Invoice.gross_cents - Invoice.paid_cents), 0))
        .where(Invoice.organization_id == organization_id, *_outstanding_filter())).one()
    query = _newest_first(select_summaries(InvoiceSummary)
                          .where(Invoice.organization_id == organization_id))
    today = clock.today()

    def listing(row) -> InvoiceListing:
        invoice = InvoiceSummary.of(row)
        return InvoiceListing(invoice, display_state(invoice, today))

    return MemberInvoices(
        page=_with_debits_page(session, paginate(session, query, page, PAGE_SIZE).map(listing)),
        outstanding_cents=outstanding)


def _invoice_for(session: Session, actor: Actor, invoice_id: object) -> Invoice:
    invoice = get_or_not_found(session, Invoice, invoice_id)
    require_invoice_access(session, actor, invoice.organization_id)
    return invoice


def get_invoice(session: Session, actor: Actor, invoice_id: object) -> InvoiceDetail:
    """One invoice with its lines, payments, reminders and related credit note or invoice."""
    invoice = _invoice_for(session, actor, invoice_id)
    related = session.exec(select(Invoice.id, Invoice.number).where(or_(
        Invoice.cancels_invoice_id == invoice.id, Invoice.id == invoice.cancels_invoice_id))
    ).first()
    refund = refunds.refund_of(session, invoice)
    return InvoiceDetail(
        listing=with_debits(session, (InvoiceListing(invoice,
                                                     display_state(invoice, clock.today())),))[0],
        lines=tuple(session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                                 .order_by(InvoiceLine.position))),
        payments=tuple(session.exec(select(Payment).where(Payment.invoice_id == invoice.id)
                                    .order_by(Payment.paid_on, Payment.id))),
        reminders=tuple(session.exec(select(Reminder).where(Reminder.invoice_id == invoice.id)
                                     .order_by(Reminder.level))),
        related_id=related[0] if related else None,
        related_number=related[1] if related else "",
        refund=refund,
        settled_number=session.get(Invoice, refund.settled_invoice_id).number
        if refund is not None and refund.settled_invoice_id else "")


class DocumentNotReady(Conflict):
    """The invoice's PDF is still being prepared by its job (or its rendering failed)."""

    def __init__(self) -> None:
        super().__init__("invoice.document_pending")


def invoice_pdf(session: Session, actor: Actor, invoice_id: object) -> tuple[bytes, str]:
    """The stored PDF (its SHA-256 checked) and its file name, after the permission check;
    DocumentNotReady while its job has not rendered it."""
    invoice = _invoice_for(session, actor, invoice_id)
    if invoice.document_state != DocumentState.READY.value:
        raise DocumentNotReady()
    content = private_files.read_verified(PDF_AREA, invoice.pdf_file, invoice.pdf_sha256)
    if content is None:
        raise NotFound("invoice.pdf_missing")
    return content, pdf_filename(invoice)


def xrechnung_xml(session: Session, actor: Actor, invoice_id: object) -> tuple[bytes, str]:
    """A public-sector buyer's stored XRechnung XML, under the PDF's rule (anyone else, or an
    invoice without one: NotFound)."""
    invoice = _invoice_for(session, actor, invoice_id)
    content = private_files.read_verified(PDF_AREA, invoice.xml_file, invoice.xml_sha256)
    if content is None:
        raise NotFound()
    return content, xrechnung_filename(invoice)


def reminder_pdf(session: Session, actor: Actor, reminder_id: object) -> tuple[bytes, str]:
    """A reminder's stored PDF, for whoever may see its invoice (anyone else: NotFound)."""
    reminder = get_or_not_found(session, Reminder, reminder_id)
    invoice = _invoice_for(session, actor, reminder.invoice_id)
    if reminder.document_state != DocumentState.READY.value:
        raise DocumentNotReady()
    content = private_files.read_verified(PDF_AREA, reminder.pdf_file, reminder.pdf_sha256)
    if content is None:
        raise NotFound("invoice.pdf_missing")
    return content, reminder_filename(invoice, reminder.level)


def list_staff_invoices(session: Session, actor: Actor, *, state: object = "all",
                        search: object = "", page: object = 1) -> Page[InvoiceListing]:
    require(actor, Action.MANAGE_INVOICES)
    today = clock.today()
    conditions = []
    if state == "open":
        conditions = [*_outstanding_filter(), Invoice.due_date >= today]
    elif state == "overdue":
        conditions = [*_outstanding_filter(), Invoice.due_date < today]
    elif state in ("paid", "cancelled"):
        conditions = [Invoice.status == state]
    query = select_summaries(InvoiceSummary, Organization.name).join(
        Organization, Organization.id == Invoice.organization_id).where(*conditions)
    text = search.strip()[:100] if isinstance(search, str) else ""
    total = None
    if text:
        query = query.where(or_(Invoice.number.contains(text, autoescape=True),
                                Organization.search_text.contains(text.casefold(),
                                                                  autoescape=True)))
    else:  # every invoice has its organization: counting needs no join (half the time)
        total = session.exec(select(func.count()).select_from(Invoice).where(*conditions)).one()

    def listing(row) -> InvoiceListing:
        invoice = InvoiceSummary.of(row)
        return InvoiceListing(invoice, display_state(invoice, today), row.name)

    return _with_debits_page(session, paginate(session, _newest_first(query), page, PAGE_SIZE,
                                               total=total).map(listing))


def list_organization_choices(session: Session, actor: Actor) -> tuple[Choice, ...]:
    """The active members a manual invoice can go to."""
    return active_member_choices(session, actor, Action.MANAGE_INVOICES)
