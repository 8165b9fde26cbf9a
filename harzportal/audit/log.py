"""Reading the audit log (staff): filters, one page at a time with the names behind the ids, CSV.

Nothing here writes: audit events are only ever added (service.record) and never changed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit.forms import AuditFilterForm, local_midnight
from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.spreadsheet import inert
from harzportal.organizations.models import Organization

PAGE_SIZE = 50
EXPORT_URL = "/files/exports/audit.csv"
MAX_EXPORT_ROWS = 100_000


@dataclass(frozen=True)
class LoggedEvent:
    """An event with the names of the person and the organization (None: no longer known)."""

    event: AuditEvent
    actor_name: str | None
    organization_name: str | None


@dataclass(frozen=True)
class FilterChoices:
    actors: tuple[Choice, ...]
    organizations: tuple[Choice, ...]


def _query(filters: AuditFilterForm):
    query = select(AuditEvent)
    if filters.actor_user_id:
        query = query.where(AuditEvent.actor_user_id == filters.actor_user_id)
    if filters.organization_id:
        query = query.where(AuditEvent.organization_id == filters.organization_id)
    if filters.kind:
        query = query.where(AuditEvent.action.startswith(f"{filters.kind}.", autoescape=True))
    if filters.since:
        query = query.where(AuditEvent.occurred_at >= local_midnight(filters.since))
    if filters.until:
        query = query.where(AuditEvent.occurred_at < local_midnight(
            filters.until + timedelta(days=1)))
    return query


def _names(session: Session, events: list[AuditEvent]) -> tuple[dict, dict]:
    user_ids = {e.actor_user_id for e in events if e.actor_user_id}
    organization_ids = {e.organization_id for e in events if e.organization_id}
    users = dict(session.exec(select(User.id, User.full_name).where(User.id.in_(user_ids)))
                 .all()) if user_ids else {}
    organizations = dict(session.exec(select(Organization.id, Organization.name)
                                      .where(Organization.id.in_(organization_ids))).all()) \
        if organization_ids else {}
    return users, organizations


def list_events(session: Session, actor: Actor, filters: AuditFilterForm,
                page: object = 1) -> Page[LoggedEvent]:
    require(actor, Action.VIEW_AUDIT_LOG)
    found = paginate(session, _query(filters).order_by(AuditEvent.occurred_at.desc(),
                                                       AuditEvent.id.desc()), page, PAGE_SIZE)
    users, organizations = _names(session, list(found.items))
    return found.map(lambda event: LoggedEvent(event, users.get(event.actor_user_id),
                                               organizations.get(event.organization_id)))


def filter_choices(session: Session, actor: Actor) -> FilterChoices:
    """Who acted (staff and people who did something) and the organizations, for the filters."""
    require(actor, Action.VIEW_AUDIT_LOG)
    actors = session.exec(select(User.id, User.full_name).where(
        User.id.in_(select(AuditEvent.actor_user_id).distinct())).order_by(User.full_name)).all()
    organizations = session.exec(select(Organization.id, Organization.name)
                                 .order_by(Organization.name)).all()
    return FilterChoices(actors=tuple(Choice(i, n) for i, n in actors),
                         organizations=tuple(Choice(i, n) for i, n in organizations))


def events_csv(session: Session, actor: Actor, filters: AuditFilterForm) -> str:
    """The events as CSV for a spreadsheet (a presenter of its medium: values as stored)."""
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
