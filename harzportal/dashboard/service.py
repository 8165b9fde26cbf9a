"""What the dashboard shows a person: their organization, their account, what needs their
attention, and for staff the network at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.permissions import Action, is_allowed
from harzportal.dashboard.attention import Attention, member_attention
from harzportal.dashboard.network import NetworkFigures, network_figures
from harzportal.exchange import digest as exchange
from harzportal.exchange.models import Post
from harzportal.organizations import service as organizations
from harzportal.organizations.models import Organization


@dataclass(frozen=True)
class Dashboard:
    user: User
    organization: Organization | None  # None for staff without an organization
    attention: tuple[Attention, ...]
    network: NetworkFigures | None  # only for those who may see the network's figures
    new_posts: tuple[Post, ...] = ()  # new exchange posts that fit the own organization


def get_dashboard(session: Session, actor: Actor) -> Dashboard:
    organization = (organizations.get_organization(session, actor, actor.organization_id)
                    if actor.organization_id is not None else None)
    return Dashboard(
        user=session.get(User, actor.user_id),
        organization=organization,
        attention=member_attention(session, actor),
        network=network_figures(session)
        if is_allowed(actor, Action.VIEW_NETWORK_STATISTICS) else None,
        new_posts=tuple(exchange.new_matching_posts(session, actor)),
    )
