"""Member organizations of the network."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import unique_where, utc_timestamp


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
    competences: str = Field(default="", max_length=1000)  # one tag per line
    logo_file: str = Field(default="", max_length=80)  # name in the private logo store
    search_text: str = Field(default="", max_length=1400)  # casefolded name, city, competences
    member_since: date | None = None
    status: str = Field(default=MembershipStatus.ACTIVE.value, max_length=10, index=True)
    # A public-sector buyer (issue 17): staff set its Leitweg-ID (organizations/leitweg.py);
    # its invoices are XRechnung. The e-invoice address (BT-49) and its scheme (EAS code list)
    # default to the Leitweg-ID with scheme 0204.
    leitweg_id: str = Field(default="", max_length=46)
    einvoice_address: str = Field(default="", max_length=254)
    einvoice_scheme: str = Field(default="", max_length=4)
    created_at: datetime = utc_timestamp(default_now=True)


class ContactFunction(StrEnum):
    BILLING = "billing"
    HSE = "hse"
    DATA_PROTECTION = "data_protection"
    PROFILE_EDITOR = "profile_editor"


class ContactFunctionAssignment(SQLModel, table=True):
    """A function a contact holds in their organization (billing contact, HSE contact, ...)."""

    __table_args__ = (UniqueConstraint("user_id", "function"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    function: str = Field(max_length=30, index=True)


class ChangeRequestStatus(StrEnum):
    OPEN = "open"
    WITHDRAWN = "withdrawn"
    DECIDED = "decided"


class FieldDecision(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ChangeRequest(SQLModel, table=True):
    """A proposed change of an organization's profile. At most one is open per organization
    (a partial unique index makes that hold under concurrent submits too)."""

    __table_args__ = (
        unique_where("uq_changerequest_one_open", "organization_id", where="status = 'open'"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    author_user_id: int = Field(foreign_key="user.id")
    status: str = Field(default=ChangeRequestStatus.OPEN.value, max_length=12, index=True)
    revision: int = Field(default=1)  # grows with every edit, so a decision names what it saw
    created_at: datetime = utc_timestamp(default_now=True)
    updated_at: datetime = utc_timestamp(default_now=True)
    decided_at: datetime | None = utc_timestamp(nullable=True)
    decided_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class ChangeRequestField(SQLModel, table=True):
    """One changed field of a request: the live value when proposed, the proposal, the decision."""

    __table_args__ = (UniqueConstraint("request_id", "field_name"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="changerequest.id", index=True)
    field_name: str = Field(max_length=30)
    old_value: object = Field(default=None, sa_column=Column(JSON, nullable=True))
    new_value: object = Field(default=None, sa_column=Column(JSON, nullable=True))
    decision: str = Field(default=FieldDecision.PENDING.value, max_length=10)
    reason: str = Field(default="", max_length=1000)
