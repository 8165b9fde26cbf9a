"""SEPA direct debit: the organizations' mandates, the staff's collection runs and their items.

A mandate is granted by an org manager or billing contact of the organization and stays as it
was granted (the IBAN stored as given, the text shown then is in the PDF); revoking it only sets
`revoked_at`. An invoice issued while a mandate is active keeps that mandate's reference, the
debited IBAN, the creditor id and the collection date on its own row (invoices/models.py), so
its document never changes. A collection run gathers such invoices into one pain.008 file; an
invoice is in at most one run (unique index on `debitrunitem.invoice_id`).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import unique_where, utc_timestamp


class Scheme(StrEnum):
    """The SEPA direct debit scheme (the pain.008 local instrument)."""

    CORE = "CORE"
    B2B = "B2B"


class SequenceType(StrEnum):
    FIRST = "FRST"  # the first collection under a mandate
    RECURRING = "RCUR"


class RunStatus(StrEnum):
    CREATED = "created"  # the file exists and can be downloaded
    SUBMITTED = "submitted"  # staff handed the file to the bank


class SepaMandate(SQLModel, table=True):
    __table_args__ = (
        # one active mandate per organization at a time
        unique_where("uq_sepamandate_active", "organization_id", where="revoked_at IS NULL"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    reference: str = Field(max_length=35, unique=True)  # the mandate reference (MndtId)
    scheme: str = Field(max_length=4)
    account_holder: str = Field(max_length=70)
    iban: str = Field(max_length=34)  # as given (spaces removed, upper case)
    bic: str = Field(default="", max_length=11)  # derived from the IBAN where schwifty knows it
    bank_name: str = Field(default="", max_length=120)
    creditor_id: str = Field(max_length=35)  # the creditor identifier in force when granted
    signed_on: date
    granted_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    granted_by_name: str = Field(default="", max_length=200)
    revoked_at: datetime | None = utc_timestamp(nullable=True)
    revoked_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)


class DebitRun(SQLModel, table=True):
    __table_args__ = (CheckConstraint("total_cents >= 0", name="debitrun_total_not_negative"),)

    id: int | None = Field(default=None, primary_key=True)
    scheme: str = Field(max_length=4)
    status: str = Field(default=RunStatus.CREATED.value, max_length=10)
    message_id: str = Field(max_length=35, unique=True)  # the pain.008 MsgId
    schema_version: str = Field(max_length=20)
    total_cents: int
    item_count: int
    file_xml: str  # the pain.008 file as created: downloaded as it is
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)
    submitted_at: datetime | None = utc_timestamp(nullable=True)
    submitted_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class DebitRunItem(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("invoice_id", name="uq_debitrunitem_invoice"),  # never twice
        CheckConstraint("amount_cents > 0", name="debitrunitem_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="debitrun.id", index=True)
    invoice_id: int = Field(foreign_key="invoice.id")
    mandate_id: int = Field(foreign_key="sepamandate.id", index=True)
    sequence_type: str = Field(max_length=4)
    collection_date: date
    amount_cents: int
    end_to_end_id: str = Field(max_length=35)  # the invoice number
