"""What the dashboard shows a person: their organization, their account, and for staff the
network at a glance. Plain dicts of display strings, formatted for the actor's language."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.core import formatting
from harzportal.core.actor import Actor
from harzportal.core.i18n import translate
from harzportal.core.permissions import Action, is_allowed
from harzportal.dashboard.attention import member_attention
from harzportal.dashboard.network import network_view
from harzportal.organizations import service as organizations
from harzportal.organizations.models import Organization


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
        "attention": member_attention(session, actor),
    }
    if actor.organization_id is not None:
        organization = organizations.get_organization(session, actor, actor.organization_id)
        view["organization"] = _organization_view(organization, lang)
    if is_allowed(actor, Action.VIEW_NETWORK_STATISTICS):
        view["network"] = network_view(session, actor)
    return view
