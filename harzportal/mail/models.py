"""The outbox: every mail is written here in the same transaction as the change that causes it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    HELD = "held"  # no SMTP configured: kept in the outbox, shown in the server log
    FAILED = "failed"  # gave up after the last attempt


class OutboxEmail(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=300)
    body_text: str
    # Files from private storage: [{"area", "name", "sha256", "filename", "mime"}]
    attachments: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    kind: str = Field(max_length=40, index=True)
    # Headers of this mail's own (mail.sender.EXTRA_HEADERS only): the circulars' unsubscribe
    headers: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    language: str | None = Field(default=None, max_length=2)  # the HTML part's lang, when known
    status: str = Field(default=OutboxStatus.PENDING.value, max_length=10, index=True)
    attempts: int = Field(default=0)
    last_error: str = Field(default="", max_length=500)
    created_at: datetime = utc_timestamp(index=True, default_now=True)
    next_attempt_at: datetime = utc_timestamp(index=True, default_now=True)
    claimed_at: datetime | None = utc_timestamp(nullable=True)
    sent_at: datetime | None = utc_timestamp(nullable=True)
