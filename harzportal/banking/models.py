"""Imported bank statements and their entries.

A statement is known by its account and the bank's statement id; an entry by the account and a
key made from the bank's references (`camt.entry_key`), unique, so importing the same statement
again, or an intraday report and then the day's statement, books nothing twice.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class EntryOutcome(StrEnum):
    """What the import did with one credit or return."""

    EXACT = "exact"  # a payment of exactly the open amount was booked
    PARTIAL = "partial"  # less than the open amount: booked, flagged
    OVER = "over"  # more than the open amount: the open amount booked, the rest flagged
    UNMATCHED = "unmatched"  # no open invoice found: waits for staff to assign one
    ASSIGNED = "assigned"  # staff assigned an invoice by hand and a payment was booked
    RETURNED = "returned"  # a direct-debit return: the payment reversed, the invoice open again
    RETURN_UNMATCHED = "return_unmatched"  # a return without a booked payment to reverse


class BankStatement(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_iban", "statement_ref"),)

    id: int | None = Field(default=None, primary_key=True)
    account_iban: str = Field(max_length=34)
    statement_ref: str = Field(max_length=35)  # Stmt/Id (Rpt/Id, Ntfctn/Id)
    message_type: str = Field(max_length=20)  # camt.053.001.08, …
    created_on: date | None = Field(default=None)
    file_sha256: str = Field(max_length=64)
    imported_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    imported_at: datetime = utc_timestamp(default_now=True)


class BankEntry(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_iban", "entry_key"),
                      CheckConstraint("amount_cents > 0", name="bank_entry_positive"),
                      CheckConstraint("fee_cents >= 0", name="bank_fee_not_negative"))

    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="bankstatement.id", index=True)
    account_iban: str = Field(max_length=34)
    entry_key: str = Field(max_length=200)
    is_return: bool = Field(default=False)
    booked_on: date
    amount_cents: int  # the credit, or the returned amount (without the fee)
    fee_cents: int = Field(default=0)  # the bank's return fee
    return_reason: str = Field(default="", max_length=4)  # ISO 20022 code: MD06, AC04, …
    counterparty: str = Field(default="", max_length=140)
    remittance: str = Field(default="", max_length=500)
    end_to_end_id: str = Field(default="", max_length=35)
    outcome: str = Field(max_length=20, index=True)
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id", index=True)
    payment_id: int | None = Field(default=None, foreign_key="payment.id")
    difference_cents: int = Field(default=0)  # partial: still open; over: paid too much
    flagged: bool = Field(default=False, index=True)  # staff should look at it
    reviewed_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    reviewed_at: datetime | None = utc_timestamp(nullable=True)
