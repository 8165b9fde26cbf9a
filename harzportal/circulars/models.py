"""Circulars (Rundschreiben) of the network office, their recipients and the people's opt-outs."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class CircularCategory(StrEnum):
    ASSEMBLY = "assembly"  # invitations to the general assembly: mandatory
    LEGAL = "legal"  # statutes, fees, data protection: mandatory
    NEWS = "news"  # news of the network: optional
    EVENTS = "events"  # seminars and events: optional


MANDATORY_CATEGORIES = frozenset({CircularCategory.ASSEMBLY, CircularCategory.LEGAL})
OPTIONAL_CATEGORIES = tuple(c for c in CircularCategory if c not in MANDATORY_CATEGORIES)


class CircularStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"


class DeliveryStatus(StrEnum):
    """A recipient's mail as the outbox knows it."""

    QUEUED = "queued"  # waiting or being sent
    HELD = "held"  # no SMTP configured: kept in the outbox
    SENT = "sent"
    FAILED = "failed"  # the sender gave up; staff may resend
    PURGED = "purged"  # the outbox's retention removed the mail: no longer known


class Circular(SQLModel, table=True):
    """One circular in German and English; its audience is a set of filters (see audience.py)."""

    id: int | None = Field(default=None, primary_key=True)
    category: str = Field(max_length=20, index=True)
    status: str = Field(default=CircularStatus.DRAFT.value, max_length=10, index=True)
    subject_de: str = Field(max_length=200)
    subject_en: str = Field(max_length=200)
    body_de: str = Field(max_length=20000)  # in the markup of mail.markup
    body_en: str = Field(max_length=20000)
    # {"kinds": [...], "states": [...], "functions": [...], "roles": [...], "organizations": [ids]}
    audience: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    document_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_by_user_id: int = Field(foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)
    updated_at: datetime = utc_timestamp(default_now=True)
    sent_at: datetime | None = utc_timestamp(nullable=True, index=True)
    sent_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class CircularRecipient(SQLModel, table=True):
    """One person a sent circular went to, with the outbox mail that carries it (the latest one
    after a resend; no foreign key: the outbox's retention purges old mails)."""

    __table_args__ = (UniqueConstraint("circular_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    circular_id: int = Field(foreign_key="circular.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    email: str = Field(max_length=254)  # the address it was sent to
    language: str = Field(max_length=5)
    outbox_id: int | None = Field(default=None, index=True)
    resent_count: int = Field(default=0)


class CircularOptOut(SQLModel, table=True):
    """A person does not want the circulars of one optional category."""

    __table_args__ = (UniqueConstraint("user_id", "category"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    category: str = Field(max_length=20)
    via: str = Field(max_length=10)  # "account" (Mein Konto) or "link" (the mail's one click)
    created_at: datetime = utc_timestamp(default_now=True)


class UnsubscribeLink(SQLModel, table=True):
    """The one-click unsubscribe link of one recipient of one circular: it can do nothing but opt
    that person out of that circular's category. Only the SHA-256 of the token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    circular_id: int = Field(foreign_key="circular.id", index=True)
    category: str = Field(max_length=20)
    created_at: datetime = utc_timestamp(default_now=True)
    used_at: datetime | None = utc_timestamp(nullable=True)
