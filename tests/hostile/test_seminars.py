"""Hostile input to the seminar form (capacities, fees, dates, deadlines), registrations and
the catalogue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import example, given

from harzportal import db
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.seminars import certification, participation, registrations, service
from tests.hostile.helpers import ACCEPTED, attempt, attempt_pure
from tests.hostile.strategies import form, hostile, ids

pytestmark = pytest.mark.service

NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
FORM = {
    "title": "Gefahrstoffmanagement kompakt", "topic": "hse", "description": "Praxisnah.",
    "speakers": "Dr. Miriam Braun", "venue": "Am Rammelsberg 12, 38640 Goslar",
    "online_link": "", "starts_at": "2027-03-10T09:30", "ends_at": "2027-03-10T16:00",
    "registration_opens_at": "2027-01-15T08:00", "registration_deadline": "2027-03-03T18:00",
    "capacity": "20", "per_organization_limit": "3", "fee": "250,00",
}


@pytest.fixture(autouse=True)
def fixed_now():
    with clock.fixed_at(NOW):
        yield


@pytest.fixture
def world(factories):
    organization = factories.organization(name="Harzer Chemiewerke GmbH",
                                          street="Industriestraße 5")
    staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    status, seminar = attempt(service.save_seminar, staff, None, FORM, counted=False)
    assert status == ACCEPTED
    attempt(service.publish_seminar, staff, seminar.id, counted=False)
    return {"staff": staff, "seminar": seminar, "manager": manager,
            "manager_actor": factories.actor(manager)}


@given(form(FORM, max_changed=4))
@example(FORM | {"starts_at": "0001-01-01T00:00"})  # found: OverflowError before the fix
@example(FORM | {"registration_opens_at": "0001-01-01T00:30"})
def test_seminar_form_validation(values):
    attempt_pure(service.validate_seminar, values)


@given(form(FORM))
@example(FORM | {"description": "Praxis\x00nah"})  # NUL: PostgreSQL text refuses it
def test_create_seminar(world, values):
    attempt(service.save_seminar, world["staff"], None, values)


@given(form(FORM), hostile(None))
def test_edit_seminar(world, values, seminar_id):
    target = world["seminar"].id if seminar_id is None else seminar_id
    attempt(service.save_seminar, world["staff"], target, values)


@given(ids)
def test_publish_cancel_and_form_of_a_seminar(world, seminar_id):
    attempt(service.get_seminar_form, world["staff"], seminar_id)
    attempt(service.publish_seminar, world["staff"], seminar_id)
    attempt(service.cancel_seminar, world["staff"], seminar_id)


@given(hostile(None), hostile(None))
def test_register_and_cancel(world, seminar_id, user_id):
    seminar = world["seminar"].id if seminar_id is None else seminar_id
    user = world["manager"].id if user_id is None else user_id
    status, registration = attempt(registrations.register, world["manager_actor"], seminar, user)
    target = registration.id if status == ACCEPTED else seminar_id
    attempt(registrations.cancel_registration, world["manager_actor"], target)


@given(hostile("hse"), hostile("2027-03"), hostile("Gefahrstoff"), hostile(1))
@example("hse", "9999-12", "", 1)  # found: ValueError (year 10000) before the fix
@example("hse", "0001-1", "", 1)  # found: OverflowError before the fix
@example("hse", "", "", float("inf"))
def test_catalogue_filters(world, topic, month, search, page):
    attempt(service.list_catalogue, world["manager_actor"], topic=topic, month=month,
            search=search, page=page)
    attempt(service.list_staff_seminars, world["staff"], page)


@given(hostile("TN-2027-0001-ABCDEFGH"))
@example("TN-2027-0001-ABCDEFGH" * 3)
@example("tn-2027-0001-abcdefgh")
def test_the_public_certificate_check(world, key):
    """Anything at all is an unknown certificate (none was issued here), never an error."""
    with db.unit_of_work() as session:
        assert certification.check(session, key, "203.0.113.9") is None


@given(ids)
def test_certificate_of_any_id(world, registration_id):
    attempt(participation.certificate_data, world["manager_actor"], registration_id)
