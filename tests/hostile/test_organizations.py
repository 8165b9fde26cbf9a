"""Hostile input to organization profiles, change requests, contacts and the directory."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from harzportal.accounts import service as auth_service
from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from harzportal.organizations import changes, contacts, directory
from harzportal.organizations.forms import ProfileForm
from harzportal.organizations.profile import validate_profile
from tests.hostile.helpers import ACCEPTED, attempt, attempt_pure
from tests.hostile.strategies import any_text, form, hostile, ids, json_values, texts

PROFILE = {
    "name": "Harzer Chemiewerke GmbH", "legal_form": "GmbH", "kind": "chemical",
    "street": "Industriestraße 5", "postal_code": "38640", "city": "Goslar",
    "federal_state": "NI", "website": "www.harzer-chemie.example", "phone": "+49 5321 12345",
    "email": "info@harzer-chemie.example", "description": "Feinchemikalien.\nSeit 1901.",
    "employees": "250", "competences": "Katalyse, Analytik", "logo": "",
}
emails = st.one_of(st.emails(), texts, st.tuples(any_text, any_text).map(
    lambda pair: f"{pair[0]}@{pair[1]}.example"), json_values)


@pytest.fixture
def world(factories):
    organization = factories.organization(name="Harzer Chemiewerke GmbH",
                                          street="Industriestraße 5")
    other = factories.organization(name="Oker Recycling GmbH", street="Am Hafen 1")
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    contact = factories.user(organization, role=Role.CONTACT)
    factories.user(other, role=Role.ORG_MANAGER)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    return {"organization": organization, "other": other, "contact": contact,
            "manager": factories.actor(manager), "contact_actor": factories.actor(contact),
            "staff": factories.actor(staff)}


@given(form(PROFILE, max_changed=5))
def test_profile_validation(values):
    attempt_pure(validate_profile, values)


@given(form(PROFILE, max_changed=5))
def test_profile_form(values):
    attempt_pure(parse_form, ProfileForm, values)


@given(form(PROFILE), hostile(None), form(PROFILE, max_changed=2), hostile(0))
def test_propose_change(world, values, organization_id, seen, seen_revision):
    target = world["organization"].id if organization_id is None else organization_id
    attempt(changes.propose_change, world["manager"], target, values)
    attempt(changes.propose_change, world["manager"], target, values, seen=seen,
            seen_revision=seen_revision)


@given(form(PROFILE), form(PROFILE, max_changed=2))
def test_edit_profile_directly(world, values, seen):
    attempt(changes.edit_profile_directly, world["staff"], world["organization"].id, values)
    attempt(changes.edit_profile_directly, world["staff"], world["organization"].id, values,
            seen=seen)


decisions = st.one_of(json_values, st.dictionaries(
    st.sampled_from(sorted(PROFILE)), st.one_of(json_values, st.fixed_dictionaries(
        {"decision": hostile("approve"), "reason": hostile("passt")})), max_size=4))


@given(hostile(None), hostile(1), decisions)
@example(None, 1, {"city": {"decision": "reject", "reason": "nein\x00"},
                   "employees": {"decision": "approve"}})
def test_decide_change(world, request_id, revision, given_decisions):
    proposal = PROFILE | {"city": "Clausthal-Zellerfeld", "employees": "260"}
    status, request = attempt(changes.propose_change, world["manager"],
                              world["organization"].id, proposal, counted=False)
    # Another example may have made the proposal the live profile; then propose the original.
    if status != ACCEPTED:
        status, request = attempt(changes.propose_change, world["manager"],
                                  world["organization"].id, PROFILE, counted=False)
    assert status == ACCEPTED
    target = request[0].id if request_id is None else request_id
    attempt(changes.decide_change, world["staff"], target, revision, given_decisions)


@given(ids)
def test_withdraw_change(world, request_id):
    attempt(changes.withdraw_change, world["manager"], request_id)


@given(hostile(None), emails, hostile("Paula Probe"), hostile(Role.CONTACT.value))
@example(None, "paula@harzer-chemie.example", "Paula\x00Probe", "contact")  # NUL: PostgreSQL
def test_invite_contact(world, organization_id, email, full_name, role):
    target = world["organization"].id if organization_id is None else organization_id
    attempt(auth_service.invite_contact, world["manager"], organization_id=target,
            raw_email=email, full_name=full_name, role=role)


OWN_DETAILS = {"full_name": "Paula Probe", "job_title": "Laborleitung",
               "phone": "+49 5321 4711", "listed_in_directory": "on"}


@given(form(OWN_DETAILS))
def test_update_own_details(world, values):
    attempt(contacts.update_own_details, world["contact_actor"], values)


@given(hostile(None), hostile("org_manager"), hostile("contact"), hostile("hse"), hostile(True))
def test_change_role_and_functions(world, user_id, role, seen_role, function, assigned):
    target = world["contact"].id if user_id is None else user_id
    attempt(contacts.change_role, world["manager"], target, role)
    attempt(contacts.change_role, world["manager"], target, role, seen_role=seen_role)
    attempt(contacts.assign_function, world["manager"], target, function, assigned)


@given(ids)
def test_list_contacts_and_deactivate(world, user_id):
    attempt(contacts.list_contacts, world["manager"], user_id)
    attempt(contacts.deactivate_contact, world["manager"], user_id)


@given(hostile("Goslar Katalyse"), hostile("chemical"), hostile("NI"), hostile(1))
def test_directory_search(world, search, kind, federal_state, page):
    attempt(directory.search_directory, world["contact_actor"], search=search, kind=kind,
            federal_state=federal_state, page=page)


@given(ids)
def test_directory_entry(world, organization_id):
    attempt(directory.get_directory_entry, world["contact_actor"], organization_id)
