"""Small helpers shared by the organization tests."""

from __future__ import annotations

import io

from PIL import Image
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.audit.models import AuditEvent
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.models import ChangeRequest, ChangeRequestField, Organization
from harzportal.organizations.profile import live_values
from tests.service_calls import load as load  # re-exported for this domain's tests
from tests.service_calls import run as run


def organization_row(organization_id: int) -> Organization:
    return load(Organization, organization_id)


def user_row(user_id: int) -> User:
    return load(User, user_id)


def live_form(organization_id: int) -> dict[str, str]:
    """The organization's live profile as the edit form sends it (all text)."""
    values = live_values(organization_row(organization_id))
    return {name: ", ".join(value) if name == "competences" else
            "" if value is None else str(value) for name, value in values.items()}


def requests_of(organization_id: int) -> list[ChangeRequest]:
    with db.unit_of_work() as session:
        return list(session.exec(select(ChangeRequest)
                                 .where(ChangeRequest.organization_id == organization_id)
                                 .order_by(ChangeRequest.id)))


def fields_of(request_id: int) -> dict[str, ChangeRequestField]:
    with db.unit_of_work() as session:
        rows = session.exec(select(ChangeRequestField)
                            .where(ChangeRequestField.request_id == request_id))
        return {row.field_name: row for row in rows}


def changed_values(request_id: int) -> dict[str, tuple]:
    """{field: (old, new)} of a request."""
    return {name: (row.old_value, row.new_value) for name, row in fields_of(request_id).items()}


def audit_events(action: str) -> list[AuditEvent]:
    with db.unit_of_work() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)
                                 .order_by(AuditEvent.id)))


def outbox() -> list[OutboxEmail]:
    with db.unit_of_work() as session:
        return list(session.exec(select(OutboxEmail).order_by(OutboxEmail.id)))


def image_bytes(image_format: str, size=(120, 80), color=(11, 93, 86)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()
