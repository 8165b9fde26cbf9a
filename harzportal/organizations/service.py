"""Reading organizations: the profile page, the edit form, the staff's approval queue and detail.

Every read checks the actor's permission on the very organization it shows, and loads a bounded
number of rows with a bounded number of queries (fields and names in one IN query each).
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound
from harzportal.core.formatting import moment
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id
from harzportal.core.permissions import Action, is_allowed, require
from harzportal.organizations.changes import open_request, request_fields
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ChangeRequestStatus,
    Organization,
)
from harzportal.organizations.profile import PROFILE_FIELDS, live_values
from harzportal.organizations.views import field_label, profile_view, value_cell

HISTORY_LIMIT = 20
QUEUE_LIMIT = 200
ADMIN_PAGE_SIZE = 25


def get_organization(session: Session, actor: Actor, organization_id: object) -> Organization:
    if not is_id(organization_id):
        raise NotFound()
    require(actor, Action.VIEW_ORGANIZATION, organization_id)
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound()
    return organization


def _names(session: Session, user_ids: set[int | None]) -> dict[int, str]:
    ids = {user_id for user_id in user_ids if user_id}
    if not ids:
        return {}
    return dict(session.exec(select(User.id, User.full_name).where(User.id.in_(ids))).all())


def _field_rows(rows: list[ChangeRequestField], language: str, live: dict | None = None) -> list:
    """Difference rows of one request; with `live`, fields whose live value moved are marked."""
    views = []
    for row in rows:
        conflict = live is not None and live[row.field_name] != row.old_value
        current = live[row.field_name] if conflict else ""
        views.append({
            "field": row.field_name,
            "label": field_label(row.field_name, language),
            **value_cell("old", row.field_name, row.old_value, language),
            **value_cell("new", row.field_name, row.new_value, language),
            **value_cell("current", row.field_name, current, language),
            "conflict": "yes" if conflict else "no",
            "decision": row.decision,
            "decision_label": translate(f"change.decision.{row.decision}", language),
            "reason": row.reason,
        })
    return views


def _request_view(request: ChangeRequest, names: dict, language: str) -> dict[str, str]:
    return {
        "id": str(request.id),
        "revision": str(request.revision),
        "author": names.get(request.author_user_id, "—"),
        "created": moment(request.created_at, language),
        "updated": moment(request.updated_at, language),
        "decided": moment(request.decided_at, language) if request.decided_at else "",
        "decider": names.get(request.decided_by_user_id, ""),
        "status": translate(f"change.status.{request.status}", language),
    }


def get_profile_page(session: Session, actor: Actor, organization_id: object) -> dict:
    """The live profile, the change in review and the history of decided or withdrawn ones."""
    organization = get_organization(session, actor, organization_id)
    language = actor.language
    pending = open_request(session, organization.id)
    past = list(session.exec(
        select(ChangeRequest)
        .where(ChangeRequest.organization_id == organization.id,
               ChangeRequest.status != ChangeRequestStatus.OPEN.value)
        .order_by(ChangeRequest.updated_at.desc(), ChangeRequest.id.desc())
        .limit(HISTORY_LIMIT)))
    requests = ([pending] if pending else []) + past
    fields = request_fields(session, [request.id for request in requests])
    names = _names(session, {r.author_user_id for r in requests}
                   | {r.decided_by_user_id for r in requests})
    history = []
    for request in past:
        header = _request_view(request, names, language)
        rows = _field_rows([f for f in fields if f.request_id == request.id], language)
        history.extend({**row, **{f"request_{k}": v for k, v in header.items()}}
                       for row in rows)
    return {
        "profile": profile_view(organization, language),
        "pending": _request_view(pending, names, language) if pending else None,
        "pending_rows": _field_rows([f for f in fields if pending and f.request_id == pending.id],
                                    language),
        "history": history,
        "may_propose": is_allowed(actor, Action.PROPOSE_PROFILE_CHANGE, organization.id)
        and not actor.is_staff,
        "may_edit_directly": is_allowed(actor, Action.EDIT_PROFILE_DIRECTLY, organization.id),
        "may_manage_contacts": is_allowed(actor, Action.MANAGE_CONTACTS, organization.id),
    }


def get_edit_form(session: Session, actor: Actor, organization_id: object) -> dict:
    """Initial values of the edit form: the live profile with the open proposal laid over it."""
    organization = get_organization(session, actor, organization_id)
    if not (is_allowed(actor, Action.PROPOSE_PROFILE_CHANGE, organization.id)
            or is_allowed(actor, Action.EDIT_PROFILE_DIRECTLY, organization.id)):
        require(actor, Action.PROPOSE_PROFILE_CHANGE, organization.id)
    values = live_values(organization)
    pending = None if actor.is_staff else open_request(session, organization.id)
    if pending:
        values |= {row.field_name: row.new_value for row in request_fields(session, [pending.id])}
    form = {name: _form_text(name, values[name]) for name in PROFILE_FIELDS}
    return {"values": form, "has_pending": pending is not None,
            "organization_name": organization.name}


def _form_text(name: str, value: object) -> str:
    if name == "competences":
        return ", ".join(value)
    return "" if value is None else str(value)


def list_open_requests(session: Session, actor: Actor) -> list[dict[str, str]]:
    """The staff's approval queue, oldest first, with organization, author and age."""
    require(actor, Action.DECIDE_PROFILE_CHANGE)
    rows = session.exec(
        select(ChangeRequest, Organization.name, User.full_name, func.count(ChangeRequestField.id))
        .join(Organization, Organization.id == ChangeRequest.organization_id)
        .join(User, User.id == ChangeRequest.author_user_id)
        .join(ChangeRequestField, ChangeRequestField.request_id == ChangeRequest.id)
        .where(ChangeRequest.status == ChangeRequestStatus.OPEN.value)
        .group_by(ChangeRequest.id, Organization.name, User.full_name)
        .order_by(ChangeRequest.created_at, ChangeRequest.id)
        .limit(QUEUE_LIMIT)).all()
    now = clock.now()
    return [{
        "id": str(request.id),
        "organization": organization_name,
        "author": author,
        "created": moment(request.created_at, actor.language),
        "age": translate("change.age_days", actor.language,
                         days=(now - clock.as_utc(request.created_at)).days),
        "fields": str(field_count),
    } for request, organization_name, author, field_count in rows]


def get_request_for_decision(session: Session, actor: Actor, request_id: object) -> dict:
    require(actor, Action.DECIDE_PROFILE_CHANGE)
    request = session.get(ChangeRequest, request_id) if is_id(request_id) else None
    if request is None:
        raise NotFound()
    organization = session.get(Organization, request.organization_id)
    rows = request_fields(session, [request.id])
    names = _names(session, {request.author_user_id, request.decided_by_user_id})
    live = live_values(organization) if request.status == ChangeRequestStatus.OPEN.value else None
    return {
        "request": _request_view(request, names, actor.language)
        | {"organization": organization.name, "organization_id": str(organization.id),
           "is_open": "yes" if live is not None else "no"},
        "rows": _field_rows(rows, actor.language, live),
    }


def list_organizations(session: Session, actor: Actor, *, page: int = 1,
                       search: str = "") -> dict:
    """Every organization for staff, with the open request marked; paginated."""
    require(actor, Action.EDIT_PROFILE_DIRECTLY)
    query = select(Organization)
    if search:
        query = query.where(Organization.search_text.contains(search.casefold(), autoescape=True))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = max(1, -(-total // ADMIN_PAGE_SIZE))
    page = min(max(page, 1), pages)
    organizations = list(session.exec(query.order_by(Organization.name)
                                      .offset((page - 1) * ADMIN_PAGE_SIZE)
                                      .limit(ADMIN_PAGE_SIZE)))
    open_ids = set(session.exec(
        select(ChangeRequest.organization_id)
        .where(ChangeRequest.status == ChangeRequestStatus.OPEN.value,
               ChangeRequest.organization_id.in_([o.id for o in organizations]))).all())
    rows = [{
        "id": str(o.id), "name": o.name, "city": o.city,
        "kind": translate(f"org_kind.{o.kind}", actor.language),
        "status": translate(f"membership.{o.status}", actor.language),
        "open_request": "yes" if o.id in open_ids else "no",
    } for o in organizations]
    return {"rows": rows, "page": page, "pages": pages, "total": total}

