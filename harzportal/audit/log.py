"""Reading the audit log (staff): filters, one page at a time, before/after made readable, CSV.

Nothing here writes: audit events are only ever added (service.record) and never changed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.formatting import moment
from harzportal.core.ids import parse_id
from harzportal.core.permissions import Action, require
from harzportal.core.spreadsheet import inert
from harzportal.organizations.models import Organization

PAGE_SIZE = 50
EXPORT_URL = "/files/exports/audit.csv"
MAX_EXPORT_ROWS = 100_000
# The kinds of action staff filter by: the prefix of the action names.
ACTION_KINDS = ("auth", "user", "contact", "organization", "profile", "invoice", "credit_note",
                "invoice_run", "fees", "registration", "seminar", "document", "document_category",
                "calendar_feed", "demo")


@dataclass(frozen=True)
class AuditFilter:
    actor_user_id: int | None = None
    organization_id: int | None = None
    kind: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_form(cls, form: object) -> AuditFilter:
        values = form if isinstance(form, dict) else {}
        kind = values.get("kind")
        return cls(actor_user_id=parse_id(values.get("actor_user_id")),
                   organization_id=parse_id(values.get("organization_id")),
                   kind=kind if kind in ACTION_KINDS else "",
                   since=_day(values.get("since"), "since"),
                   until=_day(values.get("until"), "until"))


def _day(raw: object, field: str) -> date | None:
    if raw in (None, ""):
        return None
    try:
        day = date.fromisoformat(raw) if isinstance(raw, str) else None
        if day is not None:  # the calendar's first and last day have no local midnight in UTC
            _local_midnight(day), _local_midnight(day + timedelta(days=1))
        return day
    except (ValueError, OverflowError):
        raise ValidationFailed("invoice.date_invalid", field=field) from None


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=clock.LOCAL_ZONE).astimezone(UTC)


def _query(filters: AuditFilter):
    query = select(AuditEvent)
    if filters.actor_user_id:
        query = query.where(AuditEvent.actor_user_id == filters.actor_user_id)
    if filters.organization_id:
        query = query.where(AuditEvent.organization_id == filters.organization_id)
    if filters.kind:
        query = query.where(AuditEvent.action.startswith(f"{filters.kind}.", autoescape=True))
    if filters.since:
        query = query.where(AuditEvent.occurred_at >= _local_midnight(filters.since))
    if filters.until:
        query = query.where(AuditEvent.occurred_at < _local_midnight(
            filters.until + timedelta(days=1)))
    return query


def readable_change(before: dict | None, after: dict | None) -> str:
    """'phone: +49 1 → +49 2' per line; values without a counterpart shown on their own."""
    before, after = before or {}, after or {}
    lines = []
    for key in list(dict.fromkeys([*before, *after])):
        old = json.dumps(before[key], ensure_ascii=False) if key in before else None
        new = json.dumps(after[key], ensure_ascii=False) if key in after else None
        if old is not None and new is not None:
            lines.append(f"{key}: {old} → {new}")
        else:
            lines.append(f"{key}: {old if old is not None else new}")
    return "\n".join(lines)


def _names(session: Session, events: list[AuditEvent]) -> tuple[dict, dict]:
    user_ids = {e.actor_user_id for e in events if e.actor_user_id}
    organization_ids = {e.organization_id for e in events if e.organization_id}
    users = dict(session.exec(select(User.id, User.full_name).where(User.id.in_(user_ids)))
                 .all()) if user_ids else {}
    organizations = dict(session.exec(select(Organization.id, Organization.name)
                                      .where(Organization.id.in_(organization_ids))).all()) \
        if organization_ids else {}
    return users, organizations


def list_events(session: Session, actor: Actor, filters: AuditFilter, page: object = 1) -> dict:
    require(actor, Action.VIEW_AUDIT_LOG)
    query = _query(filters)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(parse_id(page) or 1, pages)
    events = list(session.exec(query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
                               .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    users, organizations = _names(session, events)
    rows = [{
        "id": str(e.id), "when": moment(e.occurred_at, actor.language),
        "actor": users.get(e.actor_user_id, e.actor_label or "—"),
        "organization": organizations.get(e.organization_id, "—"),
        "action": e.action, "object": f"{e.object_type} {e.object_id}".strip(),
        "change": readable_change(e.before, e.after), "client_ip": e.client_ip,
    } for e in events]
    return {"rows": rows, "page": page, "pages": pages, "total": total}


def filter_choices(session: Session, actor: Actor) -> dict:
    """Who acted (staff and people who did something) and the organizations, for the filters."""
    require(actor, Action.VIEW_AUDIT_LOG)
    actors = session.exec(select(User.id, User.full_name).where(
        User.id.in_(select(AuditEvent.actor_user_id).distinct())).order_by(User.full_name)).all()
    organizations = session.exec(select(Organization.id, Organization.name)
                                 .order_by(Organization.name)).all()
    return {"actors": [{"id": str(i), "name": n} for i, n in actors],
            "organizations": [{"id": str(i), "name": n} for i, n in organizations]}


def events_csv(session: Session, actor: Actor, filters: AuditFilter) -> str:
    require(actor, Action.VIEW_AUDIT_LOG)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Zeitpunkt (UTC)", "Person", "Organisation", "Aktion", "Objekt", "Vorher",
                     "Nachher", "IP"])
    query = _query(filters).order_by(AuditEvent.occurred_at, AuditEvent.id).limit(MAX_EXPORT_ROWS)
    events = list(session.exec(query))
    users, organizations = _names(session, events)
    for e in events:
        writer.writerow([inert(value) for value in (
            clock.as_utc(e.occurred_at).isoformat(timespec="seconds"),
            users.get(e.actor_user_id, e.actor_label), organizations.get(e.organization_id, ""),
            e.action, f"{e.object_type} {e.object_id}".strip(),
            json.dumps(e.before, ensure_ascii=False) if e.before else "",
            json.dumps(e.after, ensure_ascii=False) if e.after else "", e.client_ip)])
    return buffer.getvalue()


def export_url(filters: dict[str, str]) -> str:
    return f"{EXPORT_URL}?{urlencode(filters)}" if filters else EXPORT_URL
