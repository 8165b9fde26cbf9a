"""Demo profile changes: one request staff decided last month (it shows in the history and the
audit log) and one still waiting in the approval queue. Both for organizations the browser tests
leave alone, through the same services the portal uses."""

from __future__ import annotations

from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.demo.moments import local_moment
from harzportal.organizations import changes
from harzportal.organizations.models import Organization
from harzportal.organizations.profile import live_values

DECIDED_FOR = "Brocken Spezialchemie GmbH"
OPEN_FOR = "Selketal Pigmente GmbH"
REJECTION_REASON = "Bitte nennen Sie eine Adresse Ihres Unternehmens, kein privates Postfach."


def _manager_of(session: Session, name: str) -> tuple[Organization, Actor]:
    organization = session.exec(select(Organization).where(Organization.name == name)).one()
    manager = session.exec(select(User).where(
        User.organization_id == organization.id, User.role == Role.ORG_MANAGER.value)
        .order_by(User.id)).first()
    return organization, Actor(user_id=manager.id, organization_id=organization.id,
                               role=Role.ORG_MANAGER)


def _form_of(organization: Organization) -> dict[str, str]:
    """What the edit form of the organization's live profile sends: every field as text."""
    return {name: ", ".join(value) if name == "competences" else "" if value is None
            else str(value) for name, value in live_values(organization).items()}


def _propose(session: Session, name: str, **new_values: str) -> int:
    organization, manager = _manager_of(session, name)
    form = _form_of(organization) | new_values
    request, _updated = changes.propose_change(session, manager, organization.id, form)
    return request.id


def seed_changes(session: Session, admin_id: int) -> None:
    staff = Actor(user_id=admin_id, organization_id=None, role=Role.NETWORK_ADMIN)
    with clock.fixed_at(local_moment(-23, 10)):
        decided = _propose(session, DECIDED_FOR, phone="+49 3943 55210",
                           email="info.privat@mail.example",
                           competences="Feinchemikalien, Lohnfertigung, Wirkstoffvorstufen, GMP")
    with clock.fixed_at(local_moment(-21, 14)):
        changes.decide_change(session, staff, decided, 1, {
            "phone": {"decision": "approve"},
            "competences": {"decision": "approve"},
            "email": {"decision": "reject", "reason": REJECTION_REASON},
        })
    with clock.fixed_at(local_moment(-4, 9)):
        _propose(session, OPEN_FOR, website="https://www.selketal-pigmente.example/pigmente",
                 employees="150")
