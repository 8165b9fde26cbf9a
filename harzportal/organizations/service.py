"""Reading organizations (profiles, change requests and the directory come with their issue)."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound
from harzportal.core.ids import is_id
from harzportal.core.permissions import Action, require
from harzportal.organizations.models import Organization


def get_organization(session: Session, actor: Actor, organization_id: object) -> Organization:
    if not is_id(organization_id):
        raise NotFound()
    require(actor, Action.VIEW_ORGANIZATION, organization_id)
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound()
    return organization
