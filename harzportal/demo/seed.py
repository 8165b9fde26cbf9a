"""`harzportal seed-demo`: the demo network on an empty database (refused on real data)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts import passwords
from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core.errors import Conflict
from harzportal.demo import accounts
from harzportal.demo import changes as demo_changes
from harzportal.demo import circulars as demo_circulars
from harzportal.demo import debits as demo_debits
from harzportal.demo import documents as demo_documents
from harzportal.demo import exchange as demo_exchange
from harzportal.demo import invoices as demo_invoices
from harzportal.demo import seminars as demo_seminars
from harzportal.demo.network import (
    FIRST_NAMES,
    FUNCTIONS_BY_POSITION,
    JOB_TITLES,
    LAST_NAMES,
    read_organizations,
)
from harzportal.organizations.models import ContactFunctionAssignment, Organization


class SeedOutcome(StrEnum):
    SEEDED = "seeded"
    ALREADY_SEEDED = "already_seeded"


def _has_non_demo_data(session: Session) -> bool:
    suffix = accounts.DEMO_EMAIL_DOMAIN_SUFFIX
    foreign_users = session.exec(
        select(func.count()).select_from(User).where(~User.email.like(f"%{suffix}"))
    ).one()
    return foreign_users > 0


def _contacts(organizations: list[Organization], member_hash: str) -> list[User]:
    """2 to 4 contacts per organization, one of them its org_manager; the demo logins among them."""
    login_by_org = {}
    for email, _password, role, org_name in accounts.DEMO_LOGINS:
        if org_name is not None:
            login_by_org.setdefault(org_name, []).append((email, role))
    users = []
    person = 0  # runs over all contacts, so no two demo people share a name
    for index, organization in enumerate(organizations):
        domain = organization.email.split("@", 1)[1]  # info@<domain>
        size = 2 + index % 3
        logins = login_by_org.get(organization.name, [])
        for position in range(size):
            first = FIRST_NAMES[person % len(FIRST_NAMES)]
            last = LAST_NAMES[(person * 5 + person // len(FIRST_NAMES)) % len(LAST_NAMES)]
            person += 1
            if position < len(logins):
                email, role = logins[position]
                password_hash = member_hash
            else:
                email = f"{first}.{last}@{domain}".lower().translate(
                    str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
                role = "org_manager" if position == 0 else "contact"
                password_hash = None  # invited, has not set a password yet
            users.append(User(email=email, full_name=f"{first} {last}",
                              job_title=JOB_TITLES[(index + position) % len(JOB_TITLES)],
                              phone=f"+49 5321 {4000 + index * 37 + position + 1}",
                              organization_id=organization.id, role=role,
                              password_hash=password_hash,
                              listed_in_directory=position != size - 1))
    return users


def _functions(users: list[User]) -> list[ContactFunctionAssignment]:
    """Billing and profile care for the first contact of each organization, HSE for the second,
    data protection for the third."""
    assignments = []
    position_in_organization: dict[int, int] = {}
    for user in users:
        position = position_in_organization.get(user.organization_id, 0)
        position_in_organization[user.organization_id] = position + 1
        assignments.extend(ContactFunctionAssignment(user_id=user.id, function=function)
                           for function in FUNCTIONS_BY_POSITION[position])
    return assignments


def seed_demo(session: Session) -> SeedOutcome:
    if session.exec(select(User).where(User.email == accounts.ADMIN_EMAIL)).first() is not None:
        return SeedOutcome.ALREADY_SEEDED
    organizations_present = session.exec(select(func.count()).select_from(Organization)).one()
    if _has_non_demo_data(session) or organizations_present:
        raise Conflict("seed.refused_non_demo_data")
    organizations = read_organizations()
    session.add_all(organizations)
    session.flush()
    member_hash = passwords.hash_password(accounts.DEMO_MEMBER_PASSWORD)
    admin = User(email=accounts.ADMIN_EMAIL, full_name="Katrin Vogel", job_title="Netzwerkbüro",
                 role="network_admin",
                 password_hash=passwords.hash_password(accounts.DEMO_ADMIN_PASSWORD))
    session.add(admin)
    contacts = _contacts(organizations, member_hash)
    session.add_all(contacts)
    session.flush()
    session.add_all(_functions(contacts))
    session.add_all(demo_invoices.fee_schedule())
    session.flush()
    demo_debits.grant_mandates(session)
    demo_invoices.last_years_run(session, admin.id,
                                 before_payments=demo_debits.collect_last_years_run)
    demo_debits.debited_payments(session)
    demo_seminars.seed_seminars(session, admin.id)
    demo_documents.seed_documents(session, admin.id)
    demo_changes.seed_changes(session, admin.id)
    demo_circulars.seed_circulars(session, admin.id)
    demo_exchange.seed_exchange(session, admin.id)
    audit.record(session, action="demo.seeded", object_type="network", actor_label="system",
                 after={"organizations": len(organizations)})
    return SeedOutcome.SEEDED
