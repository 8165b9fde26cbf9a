"""The contacts of an organization: roles, functions, deactivation, own details."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.accounts import sessions
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.organizations import contacts
from harzportal.organizations.models import ContactFunctionAssignment
from tests.factories import actor_for
from tests.organizations.helpers import audit_events, run, user_row

pytestmark = pytest.mark.service


@pytest.fixture
def organization(factories):
    return factories.organization(name="Harzer Chemiewerke GmbH")


@pytest.fixture
def manager(factories, organization):
    return factories.user(organization, role=Role.ORG_MANAGER)


@pytest.fixture
def contact(factories, organization):
    return factories.user(organization, role=Role.CONTACT)


@pytest.fixture
def staff(factories):
    return factories.user(None, role=Role.NETWORK_ADMIN)


def assigned_functions(user_id: int) -> set[str]:
    with db.unit_of_work() as session:
        return set(session.exec(select(ContactFunctionAssignment.function)
                                .where(ContactFunctionAssignment.user_id == user_id)))


def start_session(user) -> str:
    with db.unit_of_work() as session:
        return sessions.start_session(session, user, "192.0.2.10")


def is_signed_in(token: str) -> bool:
    return run(sessions.resolve_session, token) is not None


# An organization always keeps an active org_manager

@pytest.mark.parametrize("acting", ["the_manager_themself", "staff"])
def test_the_only_manager_cannot_be_demoted(manager, staff, acting):
    actor = actor_for(manager if acting == "the_manager_themself" else staff)

    with pytest.raises(ValidationFailed) as raised:
        run(contacts.change_role, actor, manager.id, Role.CONTACT.value)

    assert raised.value.message_key == "contacts.last_manager"
    assert user_row(manager.id).role == Role.ORG_MANAGER.value


def test_the_only_manager_cannot_be_deactivated(manager, staff):
    token = start_session(manager)

    with pytest.raises(ValidationFailed) as raised:
        run(contacts.deactivate_contact, actor_for(staff), manager.id)

    assert raised.value.message_key == "contacts.last_manager"
    assert user_row(manager.id).is_active is True
    assert is_signed_in(token)


def test_an_inactive_manager_does_not_count(factories, organization, manager):
    factories.user(organization, role=Role.ORG_MANAGER, is_active=False)

    with pytest.raises(ValidationFailed) as raised:
        run(contacts.change_role, actor_for(manager), manager.id, Role.CONTACT.value)

    assert raised.value.message_key == "contacts.last_manager"
    assert user_row(manager.id).role == Role.ORG_MANAGER.value


def test_with_two_managers_one_can_be_demoted(factories, organization, manager):
    second = factories.user(organization, role=Role.ORG_MANAGER)

    run(contacts.change_role, actor_for(manager), second.id, Role.CONTACT.value)

    assert user_row(second.id).role == Role.CONTACT.value
    [event] = audit_events("contact.role_changed")
    assert (event.before, event.after) == ({"role": "org_manager"}, {"role": "contact"})
    with pytest.raises(ValidationFailed):  # now the manager is the last one
        run(contacts.change_role, actor_for(manager), manager.id, Role.CONTACT.value)


def test_two_managers_demoting_each_other_at_once_leave_one_manager(factories, organization,
                                                                    manager):
    second = factories.user(organization, role=Role.ORG_MANAGER)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def demote(acting, target):
        try:
            with db.unit_of_work() as session:
                barrier.wait()
                contacts.change_role(session, actor_for(acting), target.id, Role.CONTACT.value)
            outcomes.append("demoted")
        except ValidationFailed as error:
            outcomes.append(error.message_key)
        except Exception as error:  # noqa: BLE001 - anything else is reported by the assert
            outcomes.append(repr(error))

    threads = [threading.Thread(target=demote, args=pair)
               for pair in ((manager, second), (second, manager))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["contacts.last_manager", "demoted"]
    roles = sorted(user_row(user.id).role for user in (manager, second))
    assert roles == [Role.CONTACT.value, Role.ORG_MANAGER.value]


def test_only_member_roles_can_be_given(manager, contact):
    with pytest.raises(ValidationFailed) as raised:
        run(contacts.change_role, actor_for(manager), contact.id, Role.NETWORK_ADMIN.value)

    assert raised.value.message_key == "role.invalid"
    assert user_row(contact.id).role == Role.CONTACT.value


# Deactivation

def test_deactivation_ends_every_session_of_the_contact(manager, contact):
    tokens = [start_session(contact), start_session(contact)]
    own_token = start_session(manager)

    run(contacts.deactivate_contact, actor_for(manager), contact.id)

    assert user_row(contact.id).is_active is False
    assert [is_signed_in(token) for token in tokens] == [False, False]
    assert is_signed_in(own_token)
    [event] = audit_events("user.deactivated")
    assert event.after == {"is_active": False, "sessions_ended": 2}


# Functions

def test_functions_are_given_and_taken_one_at_a_time(manager, contact):
    run(contacts.assign_function, actor_for(manager), contact.id, "hse", True)
    run(contacts.assign_function, actor_for(manager), contact.id, "billing", True)
    assert assigned_functions(contact.id) == {"hse", "billing"}

    run(contacts.assign_function, actor_for(manager), contact.id, "hse", False)
    assert assigned_functions(contact.id) == {"billing"}
    [*_, event] = audit_events("contact.functions_changed")
    assert (event.before, event.after) == ({"functions": ["billing", "hse"]},
                                           {"functions": ["billing"]})

    run(contacts.assign_function, actor_for(manager), contact.id, "billing", False)
    assert assigned_functions(contact.id) == set()


@pytest.mark.parametrize(("function", "assigned"), [("hse", True), ("billing", False)])
def test_a_change_that_is_already_made_is_refused_as_stale(manager, contact, function, assigned):
    """The page asked to add a function the contact holds already (or to remove one they no
    longer hold): someone else changed the contact after the page was loaded."""
    run(contacts.assign_function, actor_for(manager), contact.id, "hse", True)

    with pytest.raises(Conflict) as raised:
        run(contacts.assign_function, actor_for(manager), contact.id, function, assigned)

    assert raised.value.message_key == "contacts.changed_meanwhile"
    assert assigned_functions(contact.id) == {"hse"}


@pytest.mark.parametrize(("function", "assigned"), [
    ("cook", True), (["billing"], True), (None, True), ("billing", "yes"), ("billing", None)])
def test_unknown_functions_are_refused(manager, contact, function, assigned):
    run(contacts.assign_function, actor_for(manager), contact.id, "hse", True)

    with pytest.raises(ValidationFailed) as raised:
        run(contacts.assign_function, actor_for(manager), contact.id, function, assigned)

    assert raised.value.message_key == "contacts.function_invalid"
    assert assigned_functions(contact.id) == {"hse"}


def test_a_role_change_from_a_page_that_showed_another_role_is_refused(manager, contact):
    run(contacts.change_role, actor_for(manager), contact.id, Role.ORG_MANAGER.value)

    with pytest.raises(Conflict):
        run(contacts.change_role, actor_for(manager), contact.id, Role.ORG_MANAGER.value,
            seen_role=Role.CONTACT.value)

    assert user_row(contact.id).role == Role.ORG_MANAGER.value


# Who may manage whom

OPERATIONS = {
    "change_role": lambda actor, user_id: run(contacts.change_role, actor, user_id,
                                              Role.ORG_MANAGER.value),
    "assign_function": lambda actor, user_id: run(contacts.assign_function, actor, user_id,
                                                  "billing", True),
    "deactivate_contact": lambda actor, user_id: run(contacts.deactivate_contact, actor,
                                                     user_id),
}


def assert_untouched(user_id: int, role: Role) -> None:
    user = user_row(user_id)
    assert (user.role, user.is_active) == (role.value, True)
    assert assigned_functions(user_id) == set()


@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize("intruder_kind", ["manager_of_another_organization",
                                           "contact_of_the_organization"])
def test_outsiders_cannot_manage_contacts(factories, organization, manager, contact,
                                          intruder_kind, operation):
    if intruder_kind == "contact_of_the_organization":
        intruder = factories.user(organization, role=Role.CONTACT)
    else:
        intruder = factories.user(factories.organization(name="Oker Recycling GmbH"),
                                  role=Role.ORG_MANAGER)

    # A contact of the organization is refused; for another organization it does not exist.
    with pytest.raises(PermissionDenied if intruder_kind == "contact_of_the_organization"
                       else NotFound):
        OPERATIONS[operation](actor_for(intruder), contact.id)

    assert_untouched(contact.id, Role.CONTACT)


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_a_manager_cannot_change_a_network_admin(factories, organization, manager, operation):
    colleague_in_staff = factories.user(organization, role=Role.NETWORK_ADMIN)

    with pytest.raises(PermissionDenied):
        OPERATIONS[operation](actor_for(manager), colleague_in_staff.id)

    assert_untouched(colleague_in_staff.id, Role.NETWORK_ADMIN)


def test_staff_manage_the_contacts_of_any_organization(factories, contact, staff):
    colleague = factories.user(factories.organization(name="Oker Recycling GmbH"))
    actor = actor_for(staff)

    run(contacts.change_role, actor, contact.id, Role.ORG_MANAGER.value)
    run(contacts.assign_function, actor, contact.id, "billing", True)
    run(contacts.assign_function, actor, contact.id, "profile_editor", True)
    run(contacts.deactivate_contact, actor, colleague.id)

    assert user_row(contact.id).role == Role.ORG_MANAGER.value
    assert assigned_functions(contact.id) == {"billing", "profile_editor"}
    assert user_row(colleague.id).is_active is False


# Listing

def test_the_own_organization_lists_its_contacts(manager, contact):
    listing = run(contacts.list_contacts, actor_for(contact), contact.organization_id)

    assert {entry.user.email for entry in listing.contacts} == {manager.email, contact.email}
    assert listing.may_manage is False
    assert not any(entry.manageable or entry.may_set_functions for entry in listing.contacts)


@pytest.mark.parametrize("role", [Role.CONTACT, Role.ORG_MANAGER])
def test_the_contacts_of_another_organization_are_not_listed(factories, organization, role):
    stranger = factories.user(factories.organization(name="Oker Recycling GmbH"), role=role)

    with pytest.raises(NotFound):  # another organization's objects are answered as missing
        run(contacts.list_contacts, actor_for(stranger), organization.id)


# Own details

def test_a_person_updates_their_own_details_and_opts_into_the_directory(contact):
    run(contacts.update_own_details, actor_for(contact),
        {"full_name": "  Anna   Krüger ", "job_title": "Laborleitung",
         "phone": "+49 5321 1234-56", "listed_in_directory": "on"})

    stored = user_row(contact.id)
    assert (stored.full_name, stored.job_title, stored.phone, stored.listed_in_directory) == (
        "Anna Krüger", "Laborleitung", "+49 5321 1234-56", True)

    run(contacts.update_own_details, actor_for(contact), {"full_name": "Anna Krüger"})
    assert user_row(contact.id).listed_in_directory is False


@pytest.mark.parametrize(("field", "value", "key"), [
    ("full_name", "A", "name.invalid"),
    ("full_name", "x" * 201, "name.invalid"),
    ("phone", "call me", "profile.phone_invalid"),
    ("phone", "+49 12", "profile.phone_invalid"),
    ("job_title", "x" * 201, "profile.too_long"),
])
def test_own_details_are_validated(contact, field, value, key):
    form = {"full_name": "Anna Krüger", "phone": "", "listed_in_directory": "on"} | {field: value}

    with pytest.raises(ValidationFailed) as raised:
        run(contacts.update_own_details, actor_for(contact), form)

    assert (raised.value.message_key, raised.value.field) == (key, field)
    stored = user_row(contact.id)
    assert (stored.full_name, stored.listed_in_directory) == (contact.full_name, False)
