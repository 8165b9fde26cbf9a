"""Invoices, their lines, payments and reminders; the fee schedule; the number ranges.

Money is integer cents, VAT rates are basis points (1900 = 19 %). An issued invoice is never
edited or deleted: a mistake is corrected by a credit note that references it, plus a new invoice.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import unique_where, utc_timestamp


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceStatus(StrEnum):
    ISSUED = "issued"
    PAID = "paid"
    CANCELLED = "cancelled"  # an invoice a credit note cancelled


class DocumentState(StrEnum):
    """An invoice's PDF (with its e-invoice XML): rendered by a job after the issue committed."""

    PENDING = "pending"  # wird erstellt: not downloadable, not mailed yet
    READY = "ready"
    FAILED = "failed"  # every retry failed: staff see it on the invoice


class FeeScheduleItem(SQLModel, table=True):
    """The annual membership fee of one organization kind in one size band (employees)."""

    __table_args__ = (UniqueConstraint("kind", "min_employees"),
                      CheckConstraint("fee_cents >= 0", name="fee_not_negative"))

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30, index=True)
    min_employees: int = Field(default=0, ge=0)
    max_employees: int | None = Field(default=None)  # None: no upper limit
    fee_cents: int
    vat_rate_bp: int = Field(default=0)
    vat_exempt: bool = Field(default=True)
    exemption_note: str = Field(default="", max_length=300)
    vat_category: str = Field(default="E", max_length=1)  # S, E (steuerfrei), O (nicht steuerbar)


class NumberRange(SQLModel, table=True):
    """The last number issued per prefix and year; taken under a row lock, so gapless."""

    __table_args__ = (UniqueConstraint("prefix", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    prefix: str = Field(max_length=20)
    year: int
    last_number: int = Field(default=0)


class Invoice(SQLModel, table=True):
    __table_args__ = (
        unique_where("uq_invoice_annual_fee", "organization_id", "fee_year",
                     where="fee_year IS NOT NULL"),
        Index("ix_invoice_org_issued", "organization_id", "issue_date"),
        CheckConstraint("paid_cents >= 0", name="paid_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=40, unique=True)
    kind: str = Field(default=InvoiceKind.INVOICE.value, max_length=12)
    organization_id: int = Field(foreign_key="organization.id")
    status: str = Field(default=InvoiceStatus.ISSUED.value, max_length=10, index=True)
    # The billing address as it was at issue
    recipient_name: str = Field(max_length=200)
    recipient_street: str = Field(default="", max_length=200)
    recipient_postal_code: str = Field(default="", max_length=10)
    recipient_city: str = Field(default="", max_length=100)
    recipient_country: str = Field(default="DE", max_length=2)
    issue_date: date = Field(index=True)
    service_from: date
    service_to: date
    due_date: date = Field(index=True)
    currency: str = Field(default="EUR", max_length=3)
    net_cents: int
    vat_cents: int
    gross_cents: int
    paid_cents: int = Field(default=0)
    fee_year: int | None = Field(default=None)  # set on annual fee invoices: one per year
    cancels_invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    reminder_level: int = Field(default=0)
    pdf_file: str = Field(default="", max_length=80)
    pdf_sha256: str = Field(default="", max_length=64)
    # A public-sector buyer's invoice (XRechnung): its Leitweg-ID (BT-10) and e-invoice address
    # (BT-49) as they were at issue, and the stored XRechnung XML; empty for everyone else.
    buyer_reference: str = Field(default="", max_length=46)
    buyer_einvoice_address: str = Field(default="", max_length=254)
    buyer_einvoice_scheme: str = Field(default="", max_length=4)
    xml_file: str = Field(default="", max_length=80)
    xml_sha256: str = Field(default="", max_length=64)
    document_state: str = Field(default=DocumentState.PENDING.value, max_length=10)
    # SEPA direct debit (issue 18): an invoice issued while its organization had an active
    # mandate is collected by debit; what its pre-notification states is fixed here at issue
    # (the mandate may be revoked later, the document never changes). Empty: pay by transfer.
    debit_mandate_id: int | None = Field(default=None, foreign_key="sepamandate.id",
                                         index=True)
    debit_mandate_reference: str = Field(default="", max_length=35)
    debit_iban: str = Field(default="", max_length=34)
    debit_creditor_id: str = Field(default="", max_length=35)
    debit_collection_date: date | None = Field(default=None)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)


class InvoiceLine(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    position: int
    description: str = Field(max_length=300)
    quantity_milli: int  # 1000 = quantity 1
    unit: str = Field(default="C62", max_length=5)  # UN/ECE rec. 20: C62 = one (piece)
    unit_price_cents: int
    vat_rate_bp: int
    vat_exempt: bool = Field(default=False)
    exemption_note: str = Field(default="", max_length=300)
    vat_category: str = Field(default="S", max_length=1)  # amounts.VatCategory
    net_cents: int


class Payment(SQLModel, table=True):
    __table_args__ = (CheckConstraint("amount_cents > 0", name="payment_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    paid_on: date
    amount_cents: int
    reference: str = Field(default="", max_length=200)
    recorded_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)
    # A direct debit the payer's bank returned (Rücklastschrift, issue 18): the day of the
    # return; the amount no longer counts towards the invoice's paid_cents.
    returned_on: date | None = Field(default=None)


class Reminder(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    level: int
    sent_at: datetime = utc_timestamp(default_now=True)
    sent_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    recipients: str = Field(default="", max_length=1000)
    # The reminder's own PDF (issue 17), stored unchanged: its title (the level's name when it
    # was sent), what was open, the fee it states and the new payment deadline.
    title: str = Field(default="", max_length=40)
    open_cents: int = Field(default=0)
    fee_cents: int = Field(default=0)
    new_due_date: date | None = Field(default=None)
    pdf_file: str = Field(default="", max_length=80)
    pdf_sha256: str = Field(default="", max_length=64)
    # Rendered by a job after the reminder committed (issue 19); mailed once it is ready.
    document_state: str = Field(default=DocumentState.PENDING.value, max_length=10)


class RefundMethod(StrEnum):
    TRANSFER = "transfer"  # to the account staff entered
    SET_OFF = "set_off"  # Verrechnung with the organization's next invoice


class RefundStatus(StrEnum):
    PENDING = "pending"
    MADE = "made"


class Refund(SQLModel, table=True):
    """What a credit note of a paid (or partly paid) invoice promises back: how much, how (a
    transfer to the member's account or a set-off against its next invoice), by when, and
    whether and when staff made it (a set-off is booked as a payment on `settled_invoice_id`)."""

    __table_args__ = (CheckConstraint("amount_cents > 0", name="refund_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)  # the cancelled invoice
    credit_note_id: int = Field(foreign_key="invoice.id", unique=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    amount_cents: int
    method: str = Field(max_length=10)
    account_holder: str = Field(default="", max_length=70)
    iban: str = Field(default="", max_length=34)  # compact, upper case; "" for a set-off
    due_date: date | None = Field(default=None)  # a transfer's deadline (HARZPORTAL_REFUND_DAYS)
    status: str = Field(default=RefundStatus.PENDING.value, max_length=10, index=True)
    made_on: date | None = Field(default=None)
    reference: str = Field(default="", max_length=200)
    settled_invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    made_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)
