"""The seminar pages' State handlers, called directly with a valid session and forged ids: a
manager cannot act for another organization's people, nobody cancels someone else's seat, and
the staff screens send members to their dashboard without changing anything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.seminars.admin_state import ParticipantsState, SeminarFormState, StaffSeminarsState
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar
from harzportal.seminars.state import MySeminarsState, SeminarCatalogueState, SeminarState
from harzportal.seminars.views import RegistrationView
from tests.handler_calls import call_handler, signed_in_state
from tests.seminars.helpers import (
    ADDRESS,
    FORM,
    STARTS,
    create_seminar,
    load,
    outbox,
    registrations_of,
    run,
    seminar_row,
)

pytestmark = pytest.mark.service

CONFIRMED = RegistrationStatus.CONFIRMED.value


@pytest.fixture
def world(factories):
    own = factories.organization(name="Oker Recycling GmbH", **ADDRESS)
    other = factories.organization(name="Harzer Chemiewerke GmbH", **ADDRESS)
    return {
        "own": own, "other": other,
        "manager": factories.user(own, role=Role.ORG_MANAGER),
        "contact": factories.user(own, role=Role.CONTACT),
        "colleague": factories.user(own, role=Role.CONTACT, full_name="Clara Kollegin"),
        "other_contact": factories.user(other, role=Role.CONTACT, full_name="Jonas Lehmann"),
    }


def _register(factories, person, seminar) -> Registration:
    from harzportal.seminars import registrations

    return run(registrations.register, factories.actor(person), seminar.id, person.id)


# Members' pages

async def test_the_catalogue_filters_through_the_page_in_the_readers_language(
        world, staff_actor, monkeypatch):
    create_seminar(staff_actor, title="Arbeitsschutz", topic="hse")
    wanted = create_seminar(staff_actor, title="Personal", topic="hr", fee="100")
    state = signed_in_state(SeminarCatalogueState, world["contact"], monkeypatch, None)
    await call_handler(state, "load")
    assert sorted(row.title for row in state.rows) == ["Arbeitsschutz", "Personal"]

    await call_handler(state, "apply_filter", {"topic": "hr", "search": "  ", "month": ""})
    [row] = state.rows
    assert (row.id, row.href, row.when, row.fee) == (
        wanted.id, f"/seminars/{wanted.id}", "10.03.2027, 09:30–16:00", "100,00\xa0€")
    state.lang = "en"
    await call_handler(state, "go_to_page", 1)
    assert (state.rows[0].when, state.rows[0].fee) == ("10 Mar 2027, 09:30–16:00", "€100.00")
    assert (state.topic, state.page, state.total) == ("hr", 1, 1)


async def test_a_manager_registers_an_own_colleague_through_the_page(world, staff_actor,
                                                                     monkeypatch):
    seminar = create_seminar(staff_actor)
    state = signed_in_state(SeminarState, world["manager"], monkeypatch, seminar.id)
    await call_handler(state, "register_colleague", {"user_id": str(world["colleague"].id)})
    assert state.action_error == "" and state.message != ""
    [registration] = registrations_of(seminar.id)
    assert (registration.user_id, registration.registered_by_user_id) == (
        world["colleague"].id, world["manager"].id)


async def test_a_manager_cannot_register_another_organizations_contact(world, staff_actor,
                                                                       monkeypatch):
    seminar = create_seminar(staff_actor)
    state = signed_in_state(SeminarState, world["manager"], monkeypatch, seminar.id)
    await call_handler(state, "load")
    # Only the own organization's people are offered (the manager not, they register themself).
    assert sorted(row.id for row in state.colleagues) == sorted(
        world[name].id for name in ("contact", "colleague"))

    await call_handler(state, "register_colleague", {"user_id": str(world["other_contact"].id)})

    assert state.action_error != "" and state.message == ""
    assert registrations_of(seminar.id) == []
    assert seminar_row(seminar.id).seats_taken == 0
    assert outbox() == []


async def test_a_contact_cannot_register_a_colleague_through_the_page(world, staff_actor,
                                                                      monkeypatch):
    seminar = create_seminar(staff_actor)
    state = signed_in_state(SeminarState, world["contact"], monkeypatch, seminar.id)
    await call_handler(state, "register_colleague", {"user_id": str(world["colleague"].id)})
    assert state.action_error != ""
    assert registrations_of(seminar.id) == []


async def test_my_seminars_cancels_only_the_own_registration(world, factories, staff_actor,
                                                             monkeypatch):
    seminar = create_seminar(staff_actor)
    own = _register(factories, world["contact"], seminar)
    others = [_register(factories, world["colleague"], seminar),
              _register(factories, world["other_contact"], seminar)]
    state = signed_in_state(MySeminarsState, world["contact"], monkeypatch, None)

    for registration in others:
        await call_handler(state, "cancel", str(registration.id))
        assert state.error != "" and state.message == ""
        assert load(Registration, registration.id).status == CONFIRMED
    assert seminar_row(seminar.id).seats_taken == 3

    await call_handler(state, "cancel", str(own.id))
    assert state.error == "" and state.message != ""
    assert load(Registration, own.id).status == RegistrationStatus.CANCELLED.value
    assert seminar_row(seminar.id).seats_taken == 2


async def test_a_manager_cannot_cancel_another_organizations_registration(world, factories,
                                                                          staff_actor,
                                                                          monkeypatch):
    seminar = create_seminar(staff_actor)
    theirs = _register(factories, world["other_contact"], seminar)
    state = signed_in_state(MySeminarsState, world["manager"], monkeypatch, None)
    await call_handler(state, "cancel", str(theirs.id))
    assert state.error != ""
    assert load(Registration, theirs.id).status == CONFIRMED

    page = signed_in_state(SeminarState, world["manager"], monkeypatch, seminar.id)
    page.registration = RegistrationView(theirs.id, CONFIRMED, "", "")  # forged in the state
    await call_handler(page, "cancel_mine")
    assert page.action_error != ""
    assert load(Registration, theirs.id).status == CONFIRMED
    assert seminar_row(seminar.id).seats_taken == 1


# Staff screens

async def test_the_staff_screens_send_members_to_their_dashboard(world, factories, staff_actor,
                                                                 monkeypatch):
    draft = create_seminar(staff_actor, publish=False, title="Entwurf")
    published = create_seminar(staff_actor, title="Veröffentlicht")
    registration = _register(factories, world["other_contact"], published)
    for who in ("contact", "manager"):
        calls = [
            (ParticipantsState, draft.id, "load", ()),
            (ParticipantsState, draft.id, "publish", ()),
            (ParticipantsState, published.id, "cancel_seminar", ()),
            (ParticipantsState, published.id, "mark_attendance", (str(registration.id), True)),
            (SeminarFormState, None, "load", ()),
            (SeminarFormState, published.id, "load", ()),
            (SeminarFormState, None, "save", (FORM | {"title": "Vom Mitglied"},)),
            (SeminarFormState, published.id, "save", (FORM | {"title": "Übernommen"},)),
            (StaffSeminarsState, None, "load", ()),
        ]
        with clock.fixed_at(STARTS + timedelta(hours=1)):  # attendance could be recorded
            for state_class, route_id, handler, arguments in calls:
                state = signed_in_state(state_class, world[who], monkeypatch, route_id)
                result = await call_handler(state, handler, *arguments)
                assert "/dashboard" in str(result), (who, state_class.__name__, handler)
                shown = repr({name: getattr(state, name) for name in state.base_vars
                              if not name.startswith("_")})
                assert "Jonas Lehmann" not in shown and "Veröffentlicht" not in shown

    assert seminar_row(draft.id).status == "draft"
    after = seminar_row(published.id)
    assert (after.status, after.title) == ("published", "Veröffentlicht")
    assert load(Registration, registration.id).attended is False
    with db.unit_of_work() as session:
        assert sorted(s.title for s in session.exec(select(Seminar))) == ["Entwurf",
                                                                          "Veröffentlicht"]
    assert outbox("seminar_cancelled") == []


async def test_staff_use_the_same_handlers(world, factories, staff, staff_actor, monkeypatch):
    """The control for the test above: the same calls work for staff."""
    draft = create_seminar(staff_actor, publish=False, title="Entwurf")
    state = signed_in_state(ParticipantsState, staff, monkeypatch, draft.id)
    await call_handler(state, "publish")
    assert state.error == "" and seminar_row(draft.id).status == "published"
    registration = _register(factories, world["other_contact"], draft)
    with clock.fixed_at(STARTS + timedelta(hours=1)):  # a session of that moment
        state = signed_in_state(ParticipantsState, staff, monkeypatch, draft.id)
        await call_handler(state, "mark_attendance", str(registration.id), True)
    assert state.error == "" and load(Registration, registration.id).attended is True
    assert [row.name for row in state.confirmed] == ["Jonas Lehmann"]
    form = signed_in_state(SeminarFormState, staff, monkeypatch, None)
    result = await call_handler(form, "save", FORM | {"title": "Neu von der Geschäftsstelle"})
    assert "/admin/seminars/" in str(result)
