"""The organization pages' State handlers, called directly with a valid session of an
org_manager of one organization and forged ids of another: nothing of the other organization is
shown or changed, and staff-only handlers refuse members."""

from __future__ import annotations

import pytest
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.accounts.models import User
from harzportal.core.roles import Role
from harzportal.organizations.approval_state import ApprovalState
from harzportal.organizations.edit_state import ProfileEditState
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestStatus,
    ContactFunctionAssignment,
    Organization,
)
from harzportal.organizations.state import ContactsState, OrganizationState
from harzportal.organizations.views import EMPTY_REQUEST, ContactRowView, FieldChangeView
from tests.handler_calls import call_handler, shown, signed_in_state
from tests.organizations.helpers import (
    changed_values,
    live_form,
    organization_row,
    requests_of,
    run,
    user_row,
)

pytestmark = pytest.mark.service


@pytest.fixture
def world(factories):
    own = factories.organization(name="Oker Recycling GmbH", street="Hüttenstraße 4")
    other = factories.organization(name="Harzer Chemiewerke GmbH", street="Am Rammelsberg 12",
                                   phone="+49 5321 4000")
    return {
        "own": own, "other": other,
        "manager": factories.user(own, role=Role.ORG_MANAGER),
        "other_manager": factories.user(other, role=Role.ORG_MANAGER),
        "other_contact": factories.user(other, role=Role.CONTACT, full_name="Jonas Lehmann"),
    }








def forged_row(user_id: int) -> ContactRowView:
    return ContactRowView(id=user_id, name="", email="", job_title="", phone="", role="contact",
                          role_label="", status="active", status_label="", functions=(),
                          function_labels="", listed=False, last_login="", manageable=True,
                          may_set_functions=True)


async def test_the_profile_page_of_another_organization_shows_nothing_of_it(world, monkeypatch):
    state = signed_in_state(OrganizationState, world["manager"], monkeypatch, world["other"].id)
    await call_handler(state, "load")
    assert state.error != ""
    assert state.loaded is False
    assert "Rammelsberg" not in shown(state) and "Harzer" not in shown(state)


async def test_a_proposal_for_another_organization_is_refused(world, monkeypatch):
    state = signed_in_state(ProfileEditState, world["manager"], monkeypatch, world["other"].id)
    form = live_form(world["other"].id) | {"phone": "+49 30 1234567"}
    await call_handler(state, "submit", form)
    assert state.error != ""
    assert requests_of(world["other"].id) == []
    assert organization_row(world["other"].id).phone == "+49 5321 4000"


async def test_the_edit_form_of_another_organization_is_not_loaded(world, monkeypatch):
    state = signed_in_state(ProfileEditState, world["manager"], monkeypatch, world["other"].id)
    await call_handler(state, "load")
    assert state.loaded is False
    assert "Rammelsberg" not in shown(state)


async def test_a_manager_cannot_manage_another_organizations_contacts(world, monkeypatch):
    state = signed_in_state(ContactsState, world["manager"], monkeypatch, world["other"].id)
    await call_handler(state, "load")
    assert state.rows == [] and state.error != ""
    target = world["other_contact"]
    await call_handler(state, "change_role", str(target.id), "org_manager")
    await call_handler(state, "deactivate", str(target.id))
    state.rows = [forged_row(target.id)]  # even with a forged row in state
    await call_handler(state, "toggle_function", str(target.id), "billing")
    after = user_row(target.id)
    assert (after.role, after.is_active) == (Role.CONTACT.value, True)
    assert "Lehmann" not in repr(state.message)


async def test_an_invitation_into_another_organization_is_refused(world, monkeypatch):
    state = signed_in_state(ContactsState, world["manager"], monkeypatch, world["other"].id)
    await call_handler(state, "invite", {"email": "eve@oker-recycling.example", "full_name": "Eve",
                                  "role": "org_manager"})
    assert state.invite_error != ""
    with db.unit_of_work() as session:
        assert session.exec(select(User).where(User.email == "eve@oker-recycling.example")
                            ).first() is None


async def test_a_manager_cannot_decide_a_request_even_with_its_id(world, factories, monkeypatch):
    from harzportal.organizations import changes

    request, _updated = run(changes.propose_change, factories.actor(world["other_manager"]),
                            world["other"].id,
                            live_form(world["other"].id) | {"phone": "+49 30 7654321"})
    state = signed_in_state(ApprovalState, world["manager"], monkeypatch, request.id)
    await call_handler(state, "load")
    assert state.rows == [] and state.request == EMPTY_REQUEST
    state.rows = [FieldChangeView("phone", "", "", "", "", "", "", "", False, "pending", "", "",
                                  choice="approve")]
    result = await call_handler(state, "decide", {})
    assert "/dashboard" in str(result)
    with db.unit_of_work() as session:
        assert session.get(ChangeRequest, request.id).status == ChangeRequestStatus.OPEN.value
    assert organization_row(world["other"].id).phone == "+49 5321 4000"


async def test_the_request_status_cannot_be_set_through_the_form(world, monkeypatch):
    state = signed_in_state(ProfileEditState, world["manager"], monkeypatch, world["own"].id)
    await call_handler(state, "load")
    form = live_form(world["own"].id) | {"phone": "+49 5321 999999", "status": "left",
                                         "member_since": "1990-01-01", "decided_by_user_id": "1"}
    await call_handler(state, "submit", form)
    [request] = requests_of(world["own"].id)
    assert request.status == ChangeRequestStatus.OPEN.value
    assert request.decided_by_user_id is None
    own = organization_row(world["own"].id)
    assert own.status == "active" and own.member_since is None


# Two managers on the same contacts page: no change is silently dropped

@pytest.fixture
def two_managers(factories, world):
    """Both managers of one organization have its contacts page open."""
    return world | {"second_manager": factories.user(world["own"], role=Role.ORG_MANAGER),
                    "colleague": factories.user(world["own"], role=Role.CONTACT,
                                                full_name="Petra Vogt")}


async def open_contacts_pages(people, monkeypatch):
    own = people["own"]
    first = signed_in_state(ContactsState, people["manager"], monkeypatch, own.id)
    second = signed_in_state(ContactsState, people["second_manager"], monkeypatch, own.id)
    await call_handler(first, "load")
    await call_handler(second, "load")
    return first, second


def functions_of(user_id: int) -> set[str]:
    with db.unit_of_work() as session:
        return set(session.exec(select(ContactFunctionAssignment.function)
                                .where(ContactFunctionAssignment.user_id == user_id)))


def shown_row(state, user_id: int) -> ContactRowView:
    return next(row for row in state.rows if row.id == user_id)


async def test_two_managers_adding_functions_at_once_keep_both(two_managers, monkeypatch):
    """A adds HSE, then B (whose page still shows the colleague without HSE) adds billing:
    the colleague holds both and B's page shows both (before the fix: billing only, and B was
    told "Die Funktionen wurden gespeichert.")."""
    colleague = two_managers["colleague"]
    first, second = await open_contacts_pages(two_managers, monkeypatch)
    await call_handler(first, "toggle_function", str(colleague.id), "hse")
    assert functions_of(colleague.id) == {"hse"}
    await call_handler(second, "toggle_function", str(colleague.id), "billing")
    assert functions_of(colleague.id) == {"hse", "billing"}
    assert second.error == "" and second.message == "Die Funktionen wurden gespeichert."
    assert shown_row(second, colleague.id).functions == ("billing", "hse")


async def test_a_stale_change_of_the_same_function_is_refused_and_the_page_shows_the_state(
        two_managers, monkeypatch):
    """A removes billing; B, still seeing billing, clicks it to remove it too: B is told that
    someone else changed the person, and B's page now shows the current functions."""
    colleague = two_managers["colleague"]
    with db.unit_of_work() as session:
        session.add(ContactFunctionAssignment(user_id=colleague.id, function="billing"))
    first, second = await open_contacts_pages(two_managers, monkeypatch)
    await call_handler(first, "toggle_function", str(colleague.id), "billing")
    await call_handler(second, "toggle_function", str(colleague.id), "billing")
    assert functions_of(colleague.id) == set()
    assert second.message == ""
    assert second.error.startswith("Diese Person wurde inzwischen von jemand anderem geändert")
    assert shown_row(second, colleague.id).functions == ()


async def test_a_stale_role_change_is_refused(two_managers, monkeypatch):
    """A makes the colleague a manager and back; B, who loaded the page before, sees the same
    role but A's later promotion must not be undone by a page that never showed it."""
    colleague = two_managers["colleague"]
    first, second = await open_contacts_pages(two_managers, monkeypatch)
    await call_handler(first, "change_role", str(colleague.id), "org_manager")
    await call_handler(second, "change_role", str(colleague.id), "org_manager")
    assert user_row(colleague.id).role == Role.ORG_MANAGER.value
    assert second.error.startswith("Diese Person wurde inzwischen")
    assert shown_row(second, colleague.id).role == "org_manager"
    await call_handler(second, "change_role", str(colleague.id), "contact")
    assert user_row(colleague.id).role == Role.CONTACT.value and second.error == ""


# Two people on the same profile edit form

async def open_edit_forms(first_person, second_person, organization_id, monkeypatch):
    first = signed_in_state(ProfileEditState, first_person, monkeypatch, organization_id)
    second = signed_in_state(ProfileEditState, second_person, monkeypatch, organization_id)
    await call_handler(first, "load")
    await call_handler(second, "load")
    return first, second


async def test_a_proposal_from_a_form_loaded_before_another_proposal_is_refused(
        two_managers, monkeypatch):
    own = two_managers["own"]
    first, second = await open_edit_forms(two_managers["manager"],
                                          two_managers["second_manager"], own.id, monkeypatch)
    await call_handler(first, "submit", live_form(own.id) | {"phone": "+49 5321 999999"})
    await call_handler(second, "submit", live_form(own.id) | {"city": "Wernigerode"})
    assert second.error.startswith("Für diese Organisation ist gerade ein anderer Vorschlag")
    [request] = requests_of(own.id)
    assert {field: new for field, (_old, new) in changed_values(request.id).items()} == {
        "phone": "+49 5321 999999"}


async def test_two_staff_editing_different_fields_keep_both(factories, world, monkeypatch):
    """B's form still shows the old city: saving B's phone does not set A's city back."""
    own = world["own"]
    first, second = await open_edit_forms(factories.user(None, role=Role.NETWORK_ADMIN),
                                          factories.user(None, role=Role.NETWORK_ADMIN),
                                          own.id, monkeypatch)
    await call_handler(first, "submit", live_form(own.id) | {"city": "Wernigerode"})
    stale_form = live_form(own.id) | {"city": second.values.city}  # what B's form still shows
    await call_handler(second, "submit", stale_form | {"phone": "+49 5321 999999"})
    assert second.error == ""
    stored = organization_row(own.id)
    assert (stored.city, stored.phone) == ("Wernigerode", "+49 5321 999999")


async def test_two_staff_changing_the_same_field_the_second_is_refused(factories, world,
                                                                       monkeypatch):
    own = world["own"]
    first, second = await open_edit_forms(factories.user(None, role=Role.NETWORK_ADMIN),
                                          factories.user(None, role=Role.NETWORK_ADMIN),
                                          own.id, monkeypatch)
    await call_handler(first, "submit", live_form(own.id) | {"city": "Wernigerode"})
    await call_handler(second, "submit", live_form(own.id) | {"city": "Ilsenburg"})
    assert second.errors.city.startswith("Dieses Feld wurde inzwischen von jemand anderem")
    assert organization_row(own.id).city == "Wernigerode"


async def test_staff_decide_on_the_approval_page_with_a_reason_per_field(factories, world,
                                                                        monkeypatch):
    from harzportal.organizations import changes

    request, _updated = run(changes.propose_change, factories.actor(world["manager"]),
                            world["own"].id,
                            live_form(world["own"].id) | {"phone": "+49 30 7654321",
                                                          "city": "Wernigerode"})
    state = signed_in_state(ApprovalState, factories.user(None, role=Role.NETWORK_ADMIN),
                            monkeypatch, request.id)
    await call_handler(state, "load")
    await call_handler(state, "approve_all")
    await call_handler(state, "choose", "phone", "reject")
    await call_handler(state, "decide", {"reason-city": "ignored", "reason-phone": ""})
    assert [row.error != "" for row in state.rows if row.field == "phone"] == [True]
    await call_handler(state, "decide", {"reason-phone": "Nicht belegt", "other": 1})
    assert state.error == "" and state.request.is_open is False
    decided = {row.field: (row.decision, row.reason) for row in state.rows}
    assert decided == {"phone": ("rejected", "Nicht belegt"), "city": ("approved", "")}
    assert organization_row(world["own"].id).city == "Wernigerode"


# The public-sector buyer's e-invoice details (staff only) -------------------------------------

async def test_a_manager_cannot_set_the_leitweg_id_of_the_own_organization(world, monkeypatch):
    state = signed_in_state(OrganizationState, world["manager"], monkeypatch, world["own"].id)

    await call_handler(state, "save_public_buyer", {"leitweg_id": "991-33333TEST-33"})

    assert organization_row(world["own"].id).leitweg_id == ""


async def test_staff_set_the_leitweg_id_on_the_profile_page(factories, world, monkeypatch):
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(OrganizationState, staff, monkeypatch, world["own"].id)
    await call_handler(state, "load")
    assert state.public_buyer.einvoice_scheme == "0204"

    await call_handler(state, "save_public_buyer", {"leitweg_id": "991-33333test-33",
                                                    "einvoice_address": "",
                                                    "einvoice_scheme": "0204"})

    assert organization_row(world["own"].id).leitweg_id == "991-33333TEST-33"
    assert state.public_buyer.leitweg_id == "991-33333TEST-33" and state.error == ""
    assert "gespeichert" in state.message


async def test_a_wrong_check_digit_is_shown_next_to_the_field_and_changes_nothing(
        factories, world, monkeypatch):
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(OrganizationState, staff, monkeypatch, world["own"].id)
    await call_handler(state, "load")

    await call_handler(state, "save_public_buyer", {"leitweg_id": "991-33333TEST-34",
                                                    "einvoice_address": "",
                                                    "einvoice_scheme": "0204"})

    assert organization_row(world["own"].id).leitweg_id == ""
    assert "Prüfziffer" in state.public_buyer.leitweg_id_error
    assert state.public_buyer.leitweg_id == "991-33333TEST-34" and state.error == ""


async def test_members_are_not_shown_the_e_invoice_form_values(world, monkeypatch):
    with db.unit_of_work() as session:
        session.get(Organization, world["own"].id).leitweg_id = "991-33333TEST-33"
    state = signed_in_state(OrganizationState, world["manager"], monkeypatch, world["own"].id)

    await call_handler(state, "load")

    assert state.loaded and "991-33333TEST-33" not in shown(state)
