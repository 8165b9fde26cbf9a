"""Recording audit events. Never pass a password, hash or token in `before`/`after`."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.audit.models import AuditEvent

_SECRET_FIELDS = {"password", "password_hash", "token", "token_hash"}


def _scrub(values: dict | None) -> dict | None:
    if values is None:
        return None
    return {key: value for key, value in values.items() if key not in _SECRET_FIELDS}


def record(
    session: Session,
    *,
    action: str,
    object_type: str,
    object_id: object = "",
    actor_user_id: int | None = None,
    actor_label: str = "",
    organization_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    client_ip: str | None = None,
) -> AuditEvent:
    event = AuditEvent(
        actor_user_id=actor_user_id,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        organization_id=organization_id,
        before=_scrub(before),
        after=_scrub(after),
        client_ip=(client_ip or "")[:64],
    )
    session.add(event)
    return event
