"""Reading organizations: the profile page, the edit form, the staff's approval queue and detail.

Every read checks the actor's permission on the very organization it shows, and loads a bounded
number of rows with a bounded number of queries (fields and names in one IN query each).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.errors import NotFound
from harzportal.core.ids import is_id
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, is_allowed, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.organizations.changes import open_request, request_fields
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ChangeRequestStatus,
    MembershipStatus,
    Organization,
)
from harzportal.organizations.profile import live_values

HISTORY_LIMIT = 20
QUEUE_LIMIT = 200
ADMIN_PAGE_SIZE = 25


@dataclass(frozen=True)
class ProfilePage:
    """An organization's page: the live profile, the change in review, the decided history."""

    organization: Organization
    pending: ChangeRequest | None
    pending_fields: tuple[ChangeRequestField, ...]
    history: tuple[tuple[ChangeRequest, tuple[ChangeRequestField, ...]], ...]  # newest first
    names: Mapping[int, str]  # author and decider names by user id
    may_propose: bool
    may_edit_directly: bool
    may_manage_contacts: bool


@dataclass(frozen=True)
class EditForm:
    """Initial values of the edit form (in the shape `validate_profile` returns)."""

    values: Mapping[str, object]
    has_pending: bool
    organization_name: str
    revision: int  # of the open request laid over the live values; 0 when none


@dataclass(frozen=True)
class QueueEntry:
    request: ChangeRequest
    organization_name: str
    author_name: str
    field_count: int
    age_days: int


@dataclass(frozen=True)
class DecisionPage:
    request: ChangeRequest
    organization: Organization
    fields: tuple[ChangeRequestField, ...]
    names: Mapping[int, str]
    live: Mapping[str, object] | None  # the live profile while the request is open


@dataclass(frozen=True)
class OrganizationEntry:
    organization: Organization | OrganizationSummary  # the staff list holds a summary
    has_open_request: bool


def get_organization(session: Session, actor: Actor, organization_id: object) -> Organization:
    if not is_id(organization_id):
        raise NotFound()
    require(actor, Action.VIEW_ORGANIZATION, organization_id)
    return get_or_not_found(session, Organization, organization_id)


def _names(session: Session, user_ids: set[int | None]) -> dict[int, str]:
    ids = {user_id for user_id in user_ids if user_id}
    if not ids:
        return {}
    return dict(session.exec(select(User.id, User.full_name).where(User.id.in_(ids))).all())


def get_profile_page(session: Session, actor: Actor, organization_id: object) -> ProfilePage:
    """The live profile, the change in review and the history of decided or withdrawn ones."""
    organization = get_organization(session, actor, organization_id)
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
    return ProfilePage(
        organization=organization,
        pending=pending,
        pending_fields=tuple(f for f in fields if pending and f.request_id == pending.id),
        history=tuple((request, tuple(f for f in fields if f.request_id == request.id))
                      for request in past),
        names=names,
        may_propose=is_allowed(actor, Action.PROPOSE_PROFILE_CHANGE, organization.id)
        and not actor.is_staff,
        may_edit_directly=is_allowed(actor, Action.EDIT_PROFILE_DIRECTLY, organization.id),
        may_manage_contacts=is_allowed(actor, Action.MANAGE_CONTACTS, organization.id),
    )


def profile_to_change(session: Session, actor: Actor, organization_id: object) -> Organization:
    """The organization whose profile the actor may change: propose a change (its org_managers)
    or edit it directly (staff). The edit form and the logo upload ask this first."""
    organization = get_organization(session, actor, organization_id)
    if not (is_allowed(actor, Action.PROPOSE_PROFILE_CHANGE, organization.id)
            or is_allowed(actor, Action.EDIT_PROFILE_DIRECTLY, organization.id)):
        require(actor, Action.PROPOSE_PROFILE_CHANGE, organization.id)
    return organization


def get_edit_form(session: Session, actor: Actor, organization_id: object) -> EditForm:
    """Initial values of the edit form: the live profile with the open proposal laid over it."""
    organization = profile_to_change(session, actor, organization_id)
    values = live_values(organization)
    pending = None if actor.is_staff else open_request(session, organization.id)
    if pending:
        values |= {row.field_name: row.new_value for row in request_fields(session, [pending.id])}
    return EditForm(values=values, has_pending=pending is not None,
                    organization_name=organization.name,
                    revision=pending.revision if pending else 0)


def list_open_requests(session: Session, actor: Actor) -> tuple[QueueEntry, ...]:
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
    return tuple(QueueEntry(request=request, organization_name=organization_name,
                            author_name=author, field_count=field_count,
                            age_days=(now - clock.as_utc(request.created_at)).days)
                 for request, organization_name, author, field_count in rows)


def get_request_for_decision(session: Session, actor: Actor, request_id: object) -> DecisionPage:
    require(actor, Action.DECIDE_PROFILE_CHANGE)
    request = get_or_not_found(session, ChangeRequest, request_id)
    organization = session.get(Organization, request.organization_id)
    live = live_values(organization) if request.status == ChangeRequestStatus.OPEN.value else None
    return DecisionPage(
        request=request, organization=organization,
        fields=tuple(request_fields(session, [request.id])),
        names=_names(session, {request.author_user_id, request.decided_by_user_id}), live=live)


# What the staff's list of organizations shows: these columns, not whole rows.
OrganizationSummary = summary_of(
    "OrganizationSummary", Organization.id, Organization.name, Organization.city,
    Organization.kind, Organization.status)


def list_organizations(session: Session, actor: Actor, *, page: int = 1,
                       search: str = "") -> Page[OrganizationEntry]:
    """Every organization for staff, with the open request marked; paginated."""
    require(actor, Action.EDIT_PROFILE_DIRECTLY)
    query = select_summaries(OrganizationSummary)
    if search:
        query = query.where(Organization.search_text.contains(search.casefold(), autoescape=True))
    shown = paginate(session, query.order_by(Organization.name), page, ADMIN_PAGE_SIZE).map(
        OrganizationSummary.of)
    open_ids = set(session.exec(
        select(ChangeRequest.organization_id)
        .where(ChangeRequest.status == ChangeRequestStatus.OPEN.value,
               ChangeRequest.organization_id.in_([o.id for o in shown.items]))).all())
    return shown.map(lambda o: OrganizationEntry(o, o.id in open_ids))


def active_member_choices(session: Session, actor: Actor, action: Action) -> tuple[Choice, ...]:
    """The active member organizations by name (id and name only), for the form of a screen
    that needs `action`: the staff's invitation, a manual invoice."""
    require(actor, action)
    rows = session.exec(select(Organization.id, Organization.name)
                        .where(Organization.status == MembershipStatus.ACTIVE.value)
                        .order_by(Organization.name)).all()
    return tuple(Choice(id=organization_id, name=name) for organization_id, name in rows)


VOCABULARY_LIMIT = 200


def competence_vocabulary(session: Session, actor: Actor) -> list[str]:
    """The competences active members list, most often listed first (then alphabetically), at
    most `VOCABULARY_LIMIT`: the suggestions of every competence field (profile, exchange post).
    Spellings that differ only in case count as one, shown as first met."""
    require(actor, Action.VIEW_DIRECTORY)
    counts: dict[str, tuple[int, str]] = {}
    for text in session.exec(select(Organization.competences).where(
            Organization.status == MembershipStatus.ACTIVE.value, Organization.competences != "")):
        for tag in text.split("\n"):
            if tag:
                seen, shown = counts.get(tag.casefold(), (0, tag))
                counts[tag.casefold()] = (seen + 1, shown)
    ranked = sorted(counts.values(), key=lambda entry: (-entry[0], entry[1].casefold()))
    return [shown for _count, shown in ranked[:VOCABULARY_LIMIT]]
