"""The audit trail: who did what to which object, when, with before/after values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = utc_timestamp(index=True, default_now=True)
    actor_user_id: int | None = Field(default=None, index=True)
    actor_label: str = Field(default="", max_length=254)
    action: str = Field(max_length=60, index=True)
    object_type: str = Field(max_length=40)
    object_id: str = Field(default="", max_length=60)
    organization_id: int | None = Field(default=None, index=True)
    before: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    client_ip: str = Field(default="", max_length=64)
