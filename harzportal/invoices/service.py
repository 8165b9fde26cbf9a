"""Reading invoices: the member's list and detail, the staff's list, the PDF for download.

A page costs a fixed number of queries (count, outstanding sum, one page of rows), whatever the
size of the table; the composite index (organization_id, issue_date) serves the member's list.
"""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import Session, select

from harzportal.core import clock, private_files
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound
from harzportal.core.formatting import day, money
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id
from harzportal.core.permissions import Action, require
from harzportal.invoices.access import require_invoice_access
from harzportal.invoices.collection import is_overdue
from harzportal.invoices.issuing import PDF_AREA, pdf_filename
from harzportal.invoices.models import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    Reminder,
)
from harzportal.organizations.models import Organization

PAGE_SIZE = 20
STAFF_FILTERS = ("all", "open", "overdue", "paid", "cancelled")
DISPLAY_STATES = ("open", "overdue", "paid", "cancelled", "credit_note")


def display_state(invoice: Invoice, today) -> str:
    """open / overdue / paid / cancelled, or credit_note."""
    if invoice.kind == InvoiceKind.CREDIT_NOTE.value:
        return "credit_note"
    if invoice.status != InvoiceStatus.ISSUED.value:
        return invoice.status
    return "overdue" if is_overdue(invoice, today) else "open"


def _row(invoice: Invoice, language: str, today, organization: str = "") -> dict[str, str]:
    state = display_state(invoice, today)
    return {
        "id": str(invoice.id), "number": invoice.number, "organization": organization,
        "issued": day(invoice.issue_date, language), "due": day(invoice.due_date, language),
        "amount": money(invoice.gross_cents, language),
        "outstanding": money(invoice.gross_cents - invoice.paid_cents, language)
        if state in ("open", "overdue") else "—",
        "state": state, "state_label": translate(f"invoice.state.{state}", language),
        "reminder_level": str(invoice.reminder_level),
    }


def _outstanding_filter():
    return (Invoice.kind == InvoiceKind.INVOICE.value, Invoice.status == InvoiceStatus.ISSUED.value)


def list_member_invoices(session: Session, actor: Actor, organization_id: object,
                         page: object = 1) -> dict:
    if not is_id(organization_id):
        raise NotFound()
    require_invoice_access(session, actor, organization_id)
    base = select(Invoice).where(Invoice.organization_id == organization_id)
    total = session.exec(select(func.count()).select_from(base.subquery())).one()
    outstanding = session.exec(
        select(func.coalesce(func.sum(Invoice.gross_cents - Invoice.paid_cents), 0))
        .where(Invoice.organization_id == organization_id, *_outstanding_filter())).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages) if is_id(page) else 1
    invoices = session.exec(base.order_by(Invoice.issue_date.desc(), Invoice.id.desc())
                            .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    today = clock.today()
    return {"rows": [_row(invoice, actor.language, today) for invoice in invoices],
            "page": page, "pages": pages, "total": total,
            "outstanding": money(outstanding, actor.language)}


def _invoice_for(session: Session, actor: Actor, invoice_id: object) -> Invoice:
    invoice = session.get(Invoice, invoice_id) if is_id(invoice_id) else None
    if invoice is None:
        raise NotFound()
    require_invoice_access(session, actor, invoice.organization_id)
    return invoice


def get_invoice(session: Session, actor: Actor, invoice_id: object) -> dict:
    """One invoice with its lines, payments, reminders and related credit note or invoice."""
    invoice = _invoice_for(session, actor, invoice_id)
    language, today = actor.language, clock.today()
    lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                         .order_by(InvoiceLine.position)).all()
    payments = session.exec(select(Payment).where(Payment.invoice_id == invoice.id)
                            .order_by(Payment.paid_on, Payment.id)).all()
    reminders = session.exec(select(Reminder).where(Reminder.invoice_id == invoice.id)
                             .order_by(Reminder.level)).all()
    related = session.exec(select(Invoice.id, Invoice.number).where(or_(
        Invoice.cancels_invoice_id == invoice.id, Invoice.id == invoice.cancels_invoice_id))
    ).first()
    return {
        "invoice": _row(invoice, language, today) | {
            "kind": translate(f"invoice.kind.{invoice.kind}", language),
            "recipient": f"{invoice.recipient_name}, {invoice.recipient_street}, "
                         f"{invoice.recipient_postal_code} {invoice.recipient_city}",
            "period": f"{day(invoice.service_from, language)} – {day(invoice.service_to, language)}",
            "net": money(invoice.net_cents, language), "vat": money(invoice.vat_cents, language),
            "paid": money(invoice.paid_cents, language),
            "related_id": str(related[0]) if related else "",
            "related_number": related[1] if related else "",
            "organization_id": str(invoice.organization_id),
            "payable": "yes" if display_state(invoice, today) in ("open", "overdue") else "no",
        },
        "lines": [{"position": str(line.position), "description": line.description,
                   "quantity": f"{line.quantity_milli / 1000:g}".replace(".", ","),
                   "unit_price": money(line.unit_price_cents, language),
                   "vat": translate("fees.exempt", language) if line.vat_exempt
                   else f"{line.vat_rate_bp / 100:g} %",
                   "net": money(line.net_cents, language)} for line in lines],
        "payments": [{"paid_on": day(p.paid_on, language),
                      "amount": money(p.amount_cents, language), "reference": p.reference}
                     for p in payments],
        "reminders": [{"level": str(r.level), "sent": day(clock.as_utc(r.sent_at).date(), language),
                       "recipients": r.recipients} for r in reminders],
    }


def invoice_pdf(session: Session, actor: Actor, invoice_id: object) -> tuple[bytes, str]:
    """The stored PDF (its SHA-256 checked) and its file name, after the permission check."""
    invoice = _invoice_for(session, actor, invoice_id)
    content = private_files.read_verified(PDF_AREA, invoice.pdf_file, invoice.pdf_sha256)
    if content is None:
        raise NotFound("invoice.pdf_missing")
    return content, pdf_filename(invoice)


def list_staff_invoices(session: Session, actor: Actor, *, state: object = "all",
                        search: object = "", page: object = 1) -> dict:
    require(actor, Action.MANAGE_INVOICES)
    today = clock.today()
    conditions = []
    if state == "open":
        conditions = [*_outstanding_filter(), Invoice.due_date >= today]
    elif state == "overdue":
        conditions = [*_outstanding_filter(), Invoice.due_date < today]
    elif state in ("paid", "cancelled"):
        conditions = [Invoice.status == state]
    query = select(Invoice, Organization.name).join(
        Organization, Organization.id == Invoice.organization_id).where(*conditions)
    text = search.strip()[:100] if isinstance(search, str) else ""
    if text:
        query = query.where(or_(Invoice.number.contains(text, autoescape=True),
                                Organization.search_text.contains(text.casefold(),
                                                                  autoescape=True)))
        total = session.exec(select(func.count()).select_from(query.subquery())).one()
    else:  # every invoice has its organization: counting needs no join (half the time)
        total = session.exec(select(func.count()).select_from(Invoice).where(*conditions)).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages) if is_id(page) else 1
    rows = session.exec(query.order_by(Invoice.issue_date.desc(), Invoice.id.desc())
                        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return {"rows": [_row(invoice, actor.language, today, name) for invoice, name in rows],
            "page": page, "pages": pages, "total": total}
