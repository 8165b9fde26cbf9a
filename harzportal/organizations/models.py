"""Member organizations of the network."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class OrganizationKind(StrEnum):
    CHEMICAL = "chemical"
    METALLURGICAL = "metallurgical"
    RECYCLING = "recycling"
    LOGISTICS = "logistics"
    UNIVERSITY = "university"
    BUSINESS_DEVELOPMENT = "business_development"
    OTHER = "other"


class FederalState(StrEnum):
    LOWER_SAXONY = "NI"
    SAXONY_ANHALT = "ST"
    THURINGIA = "TH"
    OTHER = "other"


class MembershipStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


class Organization(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    legal_form: str = Field(default="", max_length=60)
    kind: str = Field(max_length=30, index=True)
    street: str = Field(default="", max_length=200)
    postal_code: str = Field(default="", max_length=10)
    city: str = Field(default="", max_length=100, index=True)
    federal_state: str = Field(default=FederalState.OTHER.value, max_length=10, index=True)
    website: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=50)
    email: str = Field(default="", max_length=254)
    description: str = Field(default="", max_length=4000)
    employees: int | None = Field(default=None, ge=0)
    member_since: date | None = None
    status: str = Field(default=MembershipStatus.ACTIVE.value, max_length=10, index=True)
    created_at: datetime = utc_timestamp(default_now=True)
