"""The shared document library: categories, documents, their versions, and library visits.

Files live in private storage (content-addressed, SHA-256 recorded) and leave only through the
download route after the audience check; a version can be withdrawn but never changed.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class Audience(StrEnum):
    ALL = "all"  # every member and staff
    KINDS = "kinds"  # only organizations of the chosen kinds
    FUNCTION = "function"  # only contacts holding a function (HSE contact, DPO, ...)


class DocumentCategory(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=40, unique=True)
    name_de: str = Field(max_length=100)
    name_en: str = Field(max_length=100)
    position: int = Field(default=0)


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    category_id: int = Field(foreign_key="documentcategory.id", index=True)
    description: str = Field(default="", max_length=4000)
    tags: str = Field(default="", max_length=500)  # one tag per line
    language: str = Field(default="de", max_length=5)
    audience: str = Field(default=Audience.ALL.value, max_length=10)
    audience_kinds: str = Field(default="", max_length=300)  # comma separated organization kinds
    audience_function: str = Field(default="", max_length=30)  # a ContactFunction value
    review_date: date | None = None
    search_text: str = Field(default="", max_length=5000)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = utc_timestamp(default_now=True)
    updated_at: datetime = utc_timestamp(default_now=True, index=True)  # latest version
    # False once every version is withdrawn: members no longer see the document. Kept by the
    # service, so the library's list and count need no look at the versions.
    has_active_version: bool = Field(default=True)


class DocumentVersion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    number: int
    file_name: str = Field(max_length=80)  # generated: <sha256>.<extension>
    sha256: str = Field(max_length=64)
    size_bytes: int
    display_name: str = Field(max_length=200)  # the uploaded name, sanitized, display only
    mime: str = Field(max_length=120)
    change_note: str = Field(default="", max_length=500)
    uploaded_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    uploaded_at: datetime = utc_timestamp(default_now=True)
    withdrawn_at: datetime | None = utc_timestamp(nullable=True)
    withdrawn_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    download_count: int = Field(default=0)


class LibraryVisit(SQLModel, table=True):
    """When a person last opened the library: documents updated since then are marked new."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    last_visit_at: datetime = utc_timestamp()
