"""Staff screens that are not a domain of their own: the list of all user accounts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import Session, select

from harzportal.accounts.models import TotpFactor, User
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.organizations.models import Organization
from harzportal.organizations.service import active_member_choices

PAGE_SIZE = 25
MAX_SEARCH_LENGTH = 100


@dataclass(frozen=True)
class UserListing:
    """One account in the staff's list, with the name of its organization (None for staff)."""

    user: User
    organization_name: str | None
    has_second_factor: bool = False




def list_users(session: Session, actor: Actor, *, page: object = 1,
               search: object = "") -> Page[UserListing]:
    """One page of all accounts, sorted by name; two queries."""
    require(actor, Action.LIST_ALL_USERS)
    search = search.strip()[:MAX_SEARCH_LENGTH] if isinstance(search, str) else ""
    filters = []
    if search:
        wanted = search.lower()
        filters.append(or_(func.lower(User.full_name).contains(wanted, autoescape=True),
                           func.lower(User.email).contains(wanted, autoescape=True)))
    total = session.exec(select(func.count()).select_from(User).where(*filters)).one()
    query = (select(User, Organization.name)
             .join(Organization, Organization.id == User.organization_id, isouter=True)
             .where(*filters)
             .order_by(User.full_name, User.id))
    shown = paginate(session, query, page, PAGE_SIZE, total=total)
    ids = [user.id for user, _name in shown.items]
    with_factor = set(session.exec(select(TotpFactor.user_id).where(
        TotpFactor.user_id.in_(ids), TotpFactor.confirmed_at.is_not(None))).all()) if ids else set()
    return shown.map(lambda row: UserListing(user=row[0], organization_name=row[1],
                                             has_second_factor=row[0].id in with_factor))


def list_organization_choices(session: Session, actor: Actor) -> tuple[Choice, ...]:
    """Active member organizations for the invitation form."""
    return active_member_choices(session, actor, Action.LIST_ALL_USERS)
