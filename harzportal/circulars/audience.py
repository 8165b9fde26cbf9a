"""Who a circular goes to: filters by organization kind, federal state, contact function, role and
individual organizations. Within one filter any value counts, across filters all must hold; an
empty filter does not narrow. Only active people of active member organizations are ever
recipients (anonymized ones are inactive and carry no address), and those who opted out of an
optional category are left out of its circulars; mandatory ones reach them anyway."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.circulars.models import MANDATORY_CATEGORIES, CircularCategory, CircularOptOut
from harzportal.core.errors import ValidationFailed
from harzportal.core.ids import is_id
from harzportal.core.roles import Role
from harzportal.organizations.models import (
    ContactFunction,
    ContactFunctionAssignment,
    FederalState,
    MembershipStatus,
    Organization,
    OrganizationKind,
)

ANONYMIZED_DOMAIN = "@anonymized.invalid"  # organizations.contacts.anonymize_contact
MEMBER_ROLES = (Role.CONTACT, Role.ORG_MANAGER)
MAX_ORGANIZATIONS = 500


@dataclass(frozen=True)
class Audience:
    kinds: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    organization_ids: tuple[int, ...] = ()

    def as_json(self) -> dict:
        return {"kinds": list(self.kinds), "states": list(self.states),
                "functions": list(self.functions), "roles": list(self.roles),
                "organizations": list(self.organization_ids)}


def _values(given: object, known: tuple[str, ...], field: str) -> tuple[str, ...]:
    if given is None:
        return ()
    if not isinstance(given, list | tuple) or not all(isinstance(v, str) for v in given):
        raise ValidationFailed("circular.audience_invalid", field=field)
    unknown = set(given) - set(known)
    if unknown:
        raise ValidationFailed("circular.audience_invalid", field=field)
    return tuple(value for value in known if value in given)  # the enum's order, once each


def audience_of(data: object) -> Audience:
    """The audience stored on a circular (or sent by a form), checked value by value."""
    if not isinstance(data, dict):
        raise ValidationFailed("circular.audience_invalid", field="audience")
    organizations = data.get("organizations") or []
    if not isinstance(organizations, list | tuple) or len(organizations) > MAX_ORGANIZATIONS \
            or not all(is_id(value) for value in organizations):
        raise ValidationFailed("circular.audience_invalid", field="organizations")
    return Audience(
        kinds=_values(data.get("kinds"), tuple(OrganizationKind), "kinds"),
        states=_values(data.get("states"), tuple(FederalState), "states"),
        functions=_values(data.get("functions"), tuple(ContactFunction), "functions"),
        roles=_values(data.get("roles"), tuple(MEMBER_ROLES), "roles"),
        organization_ids=tuple(sorted(set(organizations))),
    )


def recipients_query(audience: Audience, category: str):
    """The people a circular of `category` to `audience` goes to, by organization and name."""
    query = (select(User).join(Organization, Organization.id == User.organization_id)
             .where(User.is_active, User.role.in_([role.value for role in MEMBER_ROLES]),
                    ~User.email.endswith(ANONYMIZED_DOMAIN),
                    Organization.status == MembershipStatus.ACTIVE.value))
    if audience.kinds:
        query = query.where(Organization.kind.in_(audience.kinds))
    if audience.states:
        query = query.where(Organization.federal_state.in_(audience.states))
    if audience.roles:
        query = query.where(User.role.in_(audience.roles))
    if audience.organization_ids:
        query = query.where(User.organization_id.in_(audience.organization_ids))
    if audience.functions:
        query = query.where(exists().where(ContactFunctionAssignment.user_id == User.id,
                                           ContactFunctionAssignment.function.in_(
                                               audience.functions)))
    if CircularCategory(category) not in MANDATORY_CATEGORIES:
        query = query.where(~exists().where(CircularOptOut.user_id == User.id,
                                            CircularOptOut.category == category))
    return query.order_by(Organization.name, Organization.id, User.full_name, User.id)


def recipients(session: Session, audience: Audience, category: str) -> list[User]:
    return list(session.exec(recipients_query(audience, category)).all())
