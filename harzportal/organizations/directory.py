"""The member directory: active member organizations, their public profile and the contacts
who chose to be listed. Every signed-in person may read it; one page of rows per query."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.core.text import single_line
from harzportal.organizations.models import (
    FederalState,
    MembershipStatus,
    Organization,
    OrganizationKind,
)

PAGE_SIZE = 12
MAX_SEARCH_LENGTH = 100
KINDS = tuple(kind.value for kind in OrganizationKind)
FEDERAL_STATES = tuple(state.value for state in FederalState)


def clean_search(raw: object) -> str:
    return single_line(raw)[:MAX_SEARCH_LENGTH]


@dataclass(frozen=True)
class DirectoryEntry:
    organization: Organization
    contacts: tuple[User, ...]  # its active contacts who chose to be listed


# What the directory's list shows of a member: these columns, not the whole row.
DirectorySummary = summary_of(
    "DirectorySummary", Organization.id, Organization.name, Organization.city,
    Organization.kind, Organization.federal_state, Organization.competences,
    Organization.logo_file)


def search_directory(session: Session, actor: Actor, *, search: object = "", kind: object = "",
                     federal_state: object = "", page: object = 1) -> Page[DirectorySummary]:
    """One page of active members matching the search (name, city or competence) and filters."""
    require(actor, Action.VIEW_DIRECTORY)
    query = select_summaries(DirectorySummary).where(
        Organization.status == MembershipStatus.ACTIVE.value)
    for word in clean_search(search).casefold().split():
        query = query.where(Organization.search_text.contains(word, autoescape=True))
    if kind in KINDS:
        query = query.where(Organization.kind == kind)
    if federal_state in FEDERAL_STATES:
        query = query.where(Organization.federal_state == federal_state)
    return paginate(session, query.order_by(Organization.name, Organization.id), page,
                    PAGE_SIZE).map(DirectorySummary.of)


def get_directory_entry(session: Session, actor: Actor,
                        organization_id: object) -> DirectoryEntry:
    """An organization's directory page: its public profile and its listed active contacts."""
    require(actor, Action.VIEW_DIRECTORY)
    organization = get_or_not_found(session, Organization, organization_id)
    if organization.status != MembershipStatus.ACTIVE.value:
        raise NotFound()
    contacts = session.exec(
        select(User).where(User.organization_id == organization.id, User.is_active.is_(True),
                           User.listed_in_directory.is_(True))
        .order_by(User.full_name)).all()
    return DirectoryEntry(organization=organization, contacts=tuple(contacts))
