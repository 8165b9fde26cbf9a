"""The member directory: active member organizations, their public profile and the contacts
who chose to be listed. Every signed-in person may read it; one page of rows per query."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.organizations.logos import logo_url
from harzportal.organizations.models import (
    FederalState,
    MembershipStatus,
    Organization,
    OrganizationKind,
)
from harzportal.organizations.profile import competence_list
from harzportal.organizations.views import profile_view

PAGE_SIZE = 12
MAX_SEARCH_LENGTH = 100
KINDS = tuple(kind.value for kind in OrganizationKind)
FEDERAL_STATES = tuple(state.value for state in FederalState)


def clean_search(raw: object) -> str:
    return single_line(raw)[:MAX_SEARCH_LENGTH]


def search_directory(session: Session, actor: Actor, *, search: object = "", kind: object = "",
                     federal_state: object = "", page: object = 1) -> dict:
    """One page of active members matching the search (name, city or competence) and filters."""
    require(actor, Action.VIEW_DIRECTORY)
    query = select(Organization).where(Organization.status == MembershipStatus.ACTIVE.value)
    for word in clean_search(search).casefold().split():
        query = query.where(Organization.search_text.contains(word, autoescape=True))
    if kind in KINDS:
        query = query.where(Organization.kind == kind)
    if federal_state in FEDERAL_STATES:
        query = query.where(Organization.federal_state == federal_state)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages) if is_id(page) else 1
    organizations = session.exec(query.order_by(Organization.name, Organization.id)
                                 .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    rows = [{
        "id": str(o.id), "name": o.name, "city": o.city,
        "kind": translate(f"org_kind.{o.kind}", actor.language),
        "federal_state": translate(f"federal_state.{o.federal_state}", actor.language),
        "competences": ", ".join(competence_list(o)[:5]),
        "logo_url": logo_url(o.logo_file),
        "initials": "".join(word[0] for word in o.name.split()[:2]).upper(),
    } for o in organizations]
    return {"rows": rows, "page": page, "pages": pages, "total": total}


def get_directory_entry(session: Session, actor: Actor, organization_id: object) -> dict:
    """An organization's directory page: its public profile and its listed active contacts."""
    require(actor, Action.VIEW_DIRECTORY)
    organization = session.get(Organization, organization_id) if is_id(organization_id) else None
    if organization is None or organization.status != MembershipStatus.ACTIVE.value:
        raise NotFound()
    contacts = session.exec(
        select(User).where(User.organization_id == organization.id, User.is_active.is_(True),
                           User.listed_in_directory.is_(True))
        .order_by(User.full_name)).all()
    return {
        "profile": profile_view(organization, actor.language),
        "contacts": [{"name": u.full_name, "job_title": u.job_title, "email": u.email,
                      "phone": u.phone} for u in contacts],
    }
