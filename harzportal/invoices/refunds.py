"""Refunds: what the credit note of a paid or partly paid invoice pays back.

Staff cancel such an invoice choosing how the amount already paid comes back: by transfer to an
account they enter (holder and IBAN, its check digits validated by python-stdnum), due
HARZPORTAL_REFUND_DAYS after the credit note, or set off against the organization's next invoice
(Verrechnung). The refund is a row of its own (`Refund`), written in the cancel's transaction;
staff mark it made (audited). A set-off is made by booking the amount as a payment on the
organization's oldest open invoice issued after the credit note, so that invoice's balance is
right; a transfer records the day and the bank reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import update
from sqlmodel import Session, select
from stdnum import iban as iban_numbers
from stdnum.exceptions import ValidationError as NumberInvalid

from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, ValidationFailed
from harzportal.core.formatting import money
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.invoices.models import (
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Payment,
    Refund,
    RefundMethod,
    RefundStatus,
)
from harzportal.settings import get as get_settings

MAX_HOLDER = 70  # the SEPA name field


@dataclass(frozen=True)
class RefundRequest:
    """How staff want the amount paid back, as entered (checked by `checked`)."""

    method: object
    amount_cents: object
    account_holder: object = ""
    iban: object = ""


@dataclass(frozen=True)
class CheckedRefund:
    method: RefundMethod
    amount_cents: int
    account_holder: str
    iban: str  # compact, upper case


def mask_iban(iban: str) -> str:
    """The account as documents and pages show it: the country code and the last 4 digits."""
    return f"{iban[:2]}…{iban[-4:]}" if len(iban) > 6 else iban


def checked(request: RefundRequest | None, paid_cents: int, language: str) -> CheckedRefund:
    """The request validated against what was paid: a known method, 0 < amount <= paid, for a
    transfer a holder and a valid IBAN."""
    if request is None or request.method not in tuple(RefundMethod):
        raise ValidationFailed("refund.method_required", field="method")
    amount = request.amount_cents
    if type(amount) is not int or not 0 < amount <= paid_cents:
        raise ValidationFailed("refund.amount_invalid", field="refund_amount",
                               paid=money(paid_cents, language))
    method = RefundMethod(request.method)
    if method == RefundMethod.SET_OFF:
        return CheckedRefund(method, amount, "", "")
    holder = single_line(request.account_holder)
    if not holder or len(holder) > MAX_HOLDER:
        raise ValidationFailed("refund.holder_required", field="account_holder")
    raw = request.iban if isinstance(request.iban, str) else ""
    try:
        number = iban_numbers.validate(raw[:60])
    except NumberInvalid:
        raise ValidationFailed("refund.iban_invalid", field="iban") from None
    return CheckedRefund(method, amount, holder, number)


def record(session: Session, actor: Actor, invoice: Invoice, credit_note: Invoice,
           refund: CheckedRefund) -> Refund:
    """The refund the credit note promises (in the cancel's transaction)."""
    row = Refund(
        invoice_id=invoice.id, credit_note_id=credit_note.id,
        organization_id=invoice.organization_id, amount_cents=refund.amount_cents,
        method=refund.method.value, account_holder=refund.account_holder, iban=refund.iban,
        due_date=credit_note.issue_date + timedelta(days=get_settings().refund_days)
        if refund.method == RefundMethod.TRANSFER else None,
        created_by_user_id=actor.user_id)
    session.add(row)
    session.flush()
    audit.record(session, action="invoice.refund_promised", object_type="invoice",
                 object_id=invoice.id, actor_user_id=actor.user_id,
                 organization_id=invoice.organization_id,
                 after={"credit_note": credit_note.number, "amount_cents": row.amount_cents,
                        "method": row.method, "account": mask_iban(row.iban),
                        "due_date": row.due_date.isoformat() if row.due_date else None},
                 client_ip=actor.client_ip)
    return row


def refund_of(session: Session, invoice: Invoice) -> Refund | None:
    """The refund of a cancelled invoice or of its credit note (None without one)."""
    column = Refund.credit_note_id if invoice.kind == InvoiceKind.CREDIT_NOTE.value \
        else Refund.invoice_id
    return session.exec(select(Refund).where(column == invoice.id)).first()


def _next_invoice(session: Session, refund: Refund) -> Invoice | None:
    return session.exec(
        select(Invoice).where(Invoice.organization_id == refund.organization_id,
                              Invoice.kind == InvoiceKind.INVOICE.value,
                              Invoice.status == InvoiceStatus.ISSUED.value,
                              Invoice.id > refund.credit_note_id)
        .order_by(Invoice.issue_date, Invoice.id)).first()


def _set_off(session: Session, actor: Actor, refund: Refund, made_on: date,
             credit_note_number: str) -> Invoice:
    """Book the refund as a payment on the next open invoice (it must cover the amount)."""
    target = _next_invoice(session, refund)
    if target is None:
        raise Conflict("refund.no_next_invoice")
    outstanding = target.gross_cents - target.paid_cents
    if outstanding < refund.amount_cents:
        raise Conflict("refund.next_invoice_too_small", number=target.number,
                       outstanding=money(outstanding, actor.language))
    if made_on < target.issue_date:
        raise ValidationFailed("refund.date_invalid", field="made_on")
    booked = session.exec(
        update(Invoice)
        .where(Invoice.id == target.id, Invoice.status == InvoiceStatus.ISSUED.value,
               Invoice.paid_cents + refund.amount_cents <= Invoice.gross_cents)
        .values(paid_cents=Invoice.paid_cents + refund.amount_cents))
    if booked.rowcount != 1:
        raise Conflict("payment.changed_meanwhile")
    session.refresh(target)
    if target.paid_cents == target.gross_cents:
        target.status = InvoiceStatus.PAID.value
        session.add(target)
    session.add(Payment(invoice_id=target.id, paid_on=made_on, amount_cents=refund.amount_cents,
                        reference=f"Verrechnung Rechnungskorrektur {credit_note_number}"[:200],
                        recorded_by_user_id=actor.user_id))
    audit.record(session, action="invoice.payment_recorded", object_type="invoice",
                 object_id=target.id, actor_user_id=actor.user_id,
                 organization_id=target.organization_id,
                 before={"paid_cents": target.paid_cents - refund.amount_cents},
                 after={"paid_cents": target.paid_cents, "amount_cents": refund.amount_cents,
                        "paid_on": made_on.isoformat(), "status": target.status,
                        "set_off": credit_note_number},
                 client_ip=actor.client_ip)
    return target


def mark_refund_made(session: Session, actor: Actor, refund_id: object, made_on: object,
                     reference: object = "") -> Refund:
    """Staff: the refund is made (a transfer sent on `made_on`, or the set-off booked)."""
    require(actor, Action.MANAGE_INVOICES)
    refund = get_or_not_found(session, Refund, refund_id)
    if refund.status != RefundStatus.PENDING.value:
        raise Conflict("refund.not_pending")
    credit_note = session.get(Invoice, refund.credit_note_id)
    if not isinstance(made_on, date) or made_on > clock.today() \
            or made_on < credit_note.issue_date:
        raise ValidationFailed("refund.date_invalid", field="made_on")
    claimed = session.exec(update(Refund).where(Refund.id == refund.id,
                                                Refund.status == RefundStatus.PENDING.value)
                           .values(status=RefundStatus.MADE.value))
    if claimed.rowcount != 1:
        raise Conflict("refund.not_pending")
    settled = None
    if refund.method == RefundMethod.SET_OFF.value:
        settled = _set_off(session, actor, refund, made_on, credit_note.number)
    session.refresh(refund)
    refund.made_on, refund.made_by_user_id = made_on, actor.user_id
    refund.reference = single_line(reference)[:200]
    refund.settled_invoice_id = settled.id if settled else None
    session.add(refund)
    audit.record(session, action="invoice.refund_made", object_type="invoice",
                 object_id=refund.invoice_id, actor_user_id=actor.user_id,
                 organization_id=refund.organization_id,
                 before={"status": RefundStatus.PENDING.value},
                 after={"status": RefundStatus.MADE.value, "amount_cents": refund.amount_cents,
                        "method": refund.method, "made_on": made_on.isoformat(),
                        "reference": refund.reference,
                        "set_off_against": settled.number if settled else None},
                 client_ip=actor.client_ip)
    return refund
