"""Factories for test data. Each returns committed rows and an Actor for service calls."""

from __future__ import annotations

import itertools

import pytest

from harzportal import db
from harzportal.accounts import passwords
from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.organizations.models import Organization

PASSWORD = "correct horse battery staple 42"
_counter = itertools.count(1)
_password_hash: str | None = None


def _hash() -> str:
    global _password_hash
    if _password_hash is None:
        _password_hash = passwords.hash_password(PASSWORD)
    return _password_hash


def make_organization(**fields) -> Organization:
    number = next(_counter)
    values = {"name": f"Testwerk {number} GmbH", "kind": "chemical", "city": "Goslar",
              "postal_code": "38640", "federal_state": "NI"} | fields
    with db.unit_of_work() as session:
        organization = Organization(**values)
        session.add(organization)
    return organization


def make_user(organization: Organization | None = None, role: Role = Role.CONTACT,
              **fields) -> User:
    number = next(_counter)
    values = {"email": f"person{number}@test.example", "full_name": f"Person {number}",
              "organization_id": organization.id if organization else None, "role": role.value,
              "password_hash": _hash()} | fields
    with db.unit_of_work() as session:
        user = User(**values)
        session.add(user)
    return user


def actor_for(user: User, session_id: int | None = None) -> Actor:
    return Actor(user_id=user.id, organization_id=user.organization_id, role=Role(user.role),
                 language=user.preferred_language, session_id=session_id, client_ip="127.0.0.1")


@pytest.fixture
def factories(engine):
    """Access to the factory functions, with the test database in place."""

    class Factories:
        organization = staticmethod(make_organization)
        user = staticmethod(make_user)
        actor = staticmethod(actor_for)
        password = PASSWORD

    return Factories
