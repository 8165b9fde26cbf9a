"""The cooperation exchange (Kooperationsbörse): posts of member organizations, the interest
other members expressed in them, and who asked for the weekly digest."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class PostKind(StrEnum):
    OFFER = "offer"  # capacity, equipment, expertise
    REQUEST = "request"  # a partner, supplier, expert
    PROJECT_IDEA = "project_idea"  # a research consortium or a funding call


class PostVisibility(StrEnum):
    MEMBERS = "members"  # every signed-in member
    OFFICE = "office"  # only the Netzwerkbüro (confidential matchmaking) and the own organization


class PostStatus(StrEnum):
    PENDING = "pending"  # waiting for staff's approval
    PUBLISHED = "published"
    REJECTED = "rejected"  # with the reason
    WITHDRAWN = "withdrawn"


class FundingProgramme(StrEnum):  # a post names one or none ("")
    ZIM = "zim"
    EFRE = "efre"
    HORIZON_EUROPE = "horizon_europe"
    BMBF = "bmbf"
    OTHER = "other"


class Post(SQLModel, table=True):
    """A post is visible to others only while published and not expired (`expires_on` is the
    last day it is shown); its organization is named to others only with `show_organization`."""

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    author_user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=20, index=True)
    title: str = Field(max_length=160)
    description: str = Field(max_length=4000)
    competences: str = Field(default="", max_length=1000)  # one tag per line, as in profiles
    sector: str = Field(default="", max_length=30, index=True)  # an OrganizationKind or ""
    funding_programme: str = Field(default="", max_length=20, index=True)
    deadline: date | None = None
    visibility: str = Field(default=PostVisibility.MEMBERS.value, max_length=10, index=True)
    show_organization: bool = Field(default=True)
    status: str = Field(default=PostStatus.PENDING.value, max_length=12, index=True)
    reason: str = Field(default="", max_length=1000)  # why staff refused it
    expires_on: date = Field(index=True)
    search_text: str = Field(default="", max_length=5400)  # casefolded title, text, competences
    cooperation_started_at: datetime | None = utc_timestamp(nullable=True)
    revision: int = Field(default=1)  # grows with every edit, so a decision names what it saw
    created_at: datetime = utc_timestamp(default_now=True)
    updated_at: datetime = utc_timestamp(default_now=True)
    published_at: datetime | None = utc_timestamp(index=True, nullable=True)
    decided_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class Interest(SQLModel, table=True):
    """One person's "Interesse bekunden" on a post (once per person and post)."""

    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    note: str = Field(default="", max_length=1000)
    created_at: datetime = utc_timestamp(index=True, default_now=True)


class DigestSubscription(SQLModel, table=True):
    """A person who asked for the weekly digest of new matching posts (opt-in)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    created_at: datetime = utc_timestamp(default_now=True)
    last_sent_at: datetime | None = utc_timestamp(nullable=True)
