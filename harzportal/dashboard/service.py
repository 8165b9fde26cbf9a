"""What the dashboard shows a person: their organization, their account, and for staff the
network at a glance. Plain dicts of display strings, formatted for the actor's language."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.auth.models import User
from harzportal.core import formatting
from harzportal.core.actor import Actor
from harzportal.core.i18n import translate
from harzportal.core.permissions import Action, is_allowed
from harzportal.organizations import service as organizations
from harzportal.organizations.models import MembershipStatus, Organization


def _organization_view(organization: Organization, lang: str) -> dict:
    return {
        "name": organization.name,
        "kind": translate(f"org_kind.{organization.kind}", lang),
        "city": f"{organization.postal_code} {organization.city}".strip(),
        "federal_state": translate(f"federal_state.{organization.federal_state}", lang),
        "member_since": formatting.day(organization.member_since, lang),
        "employees": formatting.number(organization.employees, lang)
        if organization.employees is not None else "–",
    }


def _network_view(session: Session, lang: str) -> dict:
    active = MembershipStatus.ACTIVE.value
    by_kind = session.exec(
        select(Organization.kind, func.count())
        .where(Organization.status == active)
        .group_by(Organization.kind)
        .order_by(func.count().desc(), Organization.kind)
    ).all()
    members = sum(count for _, count in by_kind)
    users = session.exec(select(func.count()).select_from(User).where(User.is_active)).one()
    return {
        "members": formatting.number(members, lang),
        "active_users": formatting.number(users, lang),
        "by_kind": [
            {"kind": translate(f"org_kind.{kind}", lang), "count": formatting.number(count, lang)}
            for kind, count in by_kind
        ],
    }


def get_dashboard(session: Session, actor: Actor) -> dict:
    user = session.get(User, actor.user_id)
    lang = actor.language
    view = {
        "account": {
            "name": user.full_name,
            "email": user.email,
            "role": translate(f"role.{user.role}", lang),
            "last_login": formatting.moment(user.last_login_at, lang),
        },
        "organization": None,
        "network": None,
    }
    if actor.organization_id is not None:
        organization = organizations.get_organization(session, actor, actor.organization_id)
        view["organization"] = _organization_view(organization, lang)
    if is_allowed(actor, Action.VIEW_NETWORK_STATISTICS):
        view["network"] = _network_view(session, lang)
    return view
