"""Staff screens that are not a domain of their own: the list of all user accounts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, literal, or_
from sqlmodel import Session, select

from harzportal.accounts.models import TotpFactor, User
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.organizations.models import Organization
from harzportal.organizations.service import active_member_choices

PAGE_SIZE = 25
MAX_SEARCH_LENGTH = 100


# What the staff's list of accounts shows: these columns, not whole rows. Of the password only
# whether there is one ("set" or None, for accounts.status.account_status): the hash itself
# never leaves the database for a list.
UserSummary = summary_of(
    "UserSummary", User.id, User.full_name, User.email, User.role, User.is_active,
    User.last_login_at,
    case((User.password_hash.is_(None), None), else_=literal("set")).label("password_hash"))


@dataclass(frozen=True)
class UserListing:
    """One account in the staff's list, with the name of its organization (None for staff)."""

    user: UserSummary
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
    query = (select_summaries(UserSummary, Organization.name)
             .join(Organization, Organization.id == User.organization_id, isouter=True)
             .where(*filters)
             .order_by(User.full_name, User.id))
    shown = paginate(session, query, page, PAGE_SIZE, total=total)
    ids = [row.id for row in shown.items]
    with_factor = set(session.exec(select(TotpFactor.user_id).where(
        TotpFactor.user_id.in_(ids), TotpFactor.confirmed_at.is_not(None))).all()) if ids else set()
    return shown.map(lambda row: UserListing(user=UserSummary.of(row), organization_name=row.name,
                                             has_second_factor=row.id in with_factor))


def list_organization_choices(session: Session, actor: Actor) -> tuple[Choice, ...]:
    """Active member organizations for the invitation form."""
    return active_member_choices(session, actor, Action.LIST_ALL_USERS)
