"""Seminars, registrations (seats and waitlist) and personal calendar feeds.

Seats: `seats_taken` counts confirmed registrations and a CHECK keeps it within `capacity`.
Every registration or cancellation first locks the seminar row (core.locking, see
registrations.py), so seats are handed out one transaction at a time, in arrival order, on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import unique_where, utc_timestamp


class Topic(StrEnum):
    HR = "hr"
    HSE = "hse"
    IOT = "iot"
    PROCUREMENT = "procurement"
    DATA_PROTECTION = "data_protection"
    INNOVATION = "innovation"
    OTHER = "other"


class SeminarStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Seminar(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    topic: str = Field(max_length=30, index=True)
    description: str = Field(default="", max_length=6000)
    speakers: str = Field(default="", max_length=500)
    starts_at: datetime = utc_timestamp(index=True)
    ends_at: datetime = utc_timestamp()
    venue: str = Field(default="", max_length=300)
    online_link: str = Field(default="", max_length=500)  # shown only to confirmed participants
    capacity: int
    seats_taken: int = Field(default=0)
    registration_opens_at: datetime = utc_timestamp()
    registration_deadline: datetime = utc_timestamp()
    per_organization_limit: int | None = Field(default=None)
    fee_cents: int = Field(default=0, ge=0)
    status: str = Field(default=SeminarStatus.DRAFT.value, max_length=10, index=True)
    # No longer used: the seminar's lock is core.locking.lock_row. Dropping it needs a migration.
    lock_version: int = Field(default=0)
    search_text: str = Field(default="", max_length=1000)
    created_at: datetime = utc_timestamp(default_now=True)
    # The calendar entry's SEQUENCE and DTSTAMP (RFC 5545): raised and set at every change a
    # calendar must apply (time, place, cancellation; see calendars.mark_changed).
    calendar_sequence: int = Field(default=0)
    calendar_changed_at: datetime = utc_timestamp(default_now=True)


class Registration(SQLModel, table=True):
    __table_args__ = (
        unique_where("uq_registration_active", "seminar_id", "user_id",
                     where="status != 'cancelled'"),
        Index("ix_registration_user", "user_id", "status"),
        Index("ix_registration_queue", "seminar_id", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    seminar_id: int = Field(foreign_key="seminar.id")
    user_id: int = Field(foreign_key="user.id")
    organization_id: int = Field(foreign_key="organization.id", index=True)
    status: str = Field(max_length=12)
    registered_by_user_id: int = Field(foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)
    confirmed_at: datetime | None = utc_timestamp(nullable=True)
    cancelled_at: datetime | None = utc_timestamp(nullable=True)
    attended: bool = Field(default=False)
    reminded_at: datetime | None = utc_timestamp(nullable=True)
    invoice_id: int | None = Field(default=None, foreign_key="invoice.id")


class CalendarFeed(SQLModel, table=True):
    """A person's secret calendar URL; only the SHA-256 of its token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = utc_timestamp(default_now=True)
    revoked_at: datetime | None = utc_timestamp(nullable=True)


class Certificate(SQLModel, table=True):
    """An attendance certificate's number (`TN-2027-0042`), assigned once at its first download
    and kept: the same registration always gets the same number (seminars/certification.py).
    `check_code` is the random part of the verification URL printed on it."""

    __table_args__ = (UniqueConstraint("year", "serial"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", unique=True)
    number: str = Field(max_length=20, unique=True)
    year: int
    serial: int
    check_code: str = Field(max_length=16)
    issued_at: datetime = utc_timestamp(default_now=True)
