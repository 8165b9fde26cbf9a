"""Staff screens that are not a domain of their own: the list of all user accounts."""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core import formatting
from harzportal.core.actor import Actor
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id
from harzportal.core.permissions import Action, require
from harzportal.organizations.models import MembershipStatus, Organization

PAGE_SIZE = 25
MAX_SEARCH_LENGTH = 100


def _like_pattern(search: str) -> str:
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def list_users(session: Session, actor: Actor, *, page: object = 1, search: object = "") -> dict:
    """One page of all accounts, newest organizations' people sorted by name; two queries."""
    require(actor, Action.LIST_ALL_USERS)
    page = page if is_id(page) else 1
    search = search.strip()[:MAX_SEARCH_LENGTH] if isinstance(search, str) else ""
    filters = []
    if search:
        pattern = _like_pattern(search)
        filters.append(or_(func.lower(User.full_name).like(pattern, escape="\\"),
                           func.lower(User.email).like(pattern, escape="\\")))
    total = session.exec(select(func.count()).select_from(User).where(*filters)).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    rows = session.exec(
        select(User, Organization.name)
        .join(Organization, Organization.id == User.organization_id, isouter=True)
        .where(*filters)
        .order_by(User.full_name, User.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    lang = actor.language
    return {
        "rows": [
            {
                "id": str(user.id),
                "name": user.full_name,
                "email": user.email,
                "organization": organization_name or "–",
                "role": translate(f"role.{user.role}", lang),
                "status": translate(_status_key(user), lang),
                "active": "yes" if user.is_active else "no",
                "can_deactivate": "yes" if user.is_active and user.id != actor.user_id else "no",
                "last_login": formatting.moment(user.last_login_at, lang) or "–",
            }
            for user, organization_name in rows
        ],
        "total": total,
        "page": page,
        "pages": pages,
    }


def _status_key(user: User) -> str:
    if not user.is_active:
        return "user_status.inactive"
    if user.password_hash is None:
        return "user_status.invited"
    return "user_status.active"


def list_organization_choices(session: Session, actor: Actor) -> list[dict[str, str]]:
    """Active member organizations for the invitation form (id and name only)."""
    require(actor, Action.LIST_ALL_USERS)
    rows = session.exec(
        select(Organization.id, Organization.name)
        .where(Organization.status == MembershipStatus.ACTIVE.value)
        .order_by(Organization.name)
    ).all()
    return [{"id": str(org_id), "name": name} for org_id, name in rows]
