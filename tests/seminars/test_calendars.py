"""Calendar files: one seminar's entry in UTC that calendar apps show at the German time staff
typed, the online link only for those who may see it, and the personal secret feed."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from harzportal import db
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.seminars import calendars, registrations, routes
from harzportal.seminars.models import Registration
from harzportal.shell.state import SESSION_COOKIE
from tests.seminars.helpers import (
    ADDRESS,
    NOW,
    create_seminar,
    insert_seminar,
    run,
)

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx is what the project has
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from tests.route_calls import route_client, signed_in

pytestmark = pytest.mark.service

LINK = "https://meet.example/gefahrstoffe"


def _events(content: bytes) -> list:
    return Calendar.from_ical(content).walk("VEVENT")


def _summaries(content: bytes) -> list[str]:
    return [str(event["SUMMARY"]) for event in _events(content)]


@pytest.fixture
def organization(factories):
    return factories.organization(**ADDRESS)


# One seminar's calendar entry

@pytest.mark.parametrize(("typed", "utc"), [
    ("2027-01-20T09:30", datetime(2027, 1, 20, 8, 30, tzinfo=UTC)),  # CET, UTC+1
    ("2027-07-20T09:30", datetime(2027, 7, 20, 7, 30, tzinfo=UTC)),  # CEST, UTC+2
], ids=["winter", "summer"])
def test_the_entry_is_in_utc_and_shows_the_typed_german_time(staff_actor, typed, utc):
    day = typed[:10]
    seminar = create_seminar(staff_actor, starts_at=typed, ends_at=f"{day}T17:15",
                             registration_opens_at=f"{day[:4]}-01-01T08:00",
                             registration_deadline=f"{day}T08:00")

    content = calendars.seminar_ics(seminar, with_link=False)

    [event] = _events(content)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == utc and start.utcoffset() == timedelta(0)
    assert end == utc + timedelta(hours=7, minutes=45) and end.utcoffset() == timedelta(0)
    local = clock.LOCAL_ZONE
    assert start.astimezone(local).strftime("%Y-%m-%dT%H:%M") == typed
    assert end.astimezone(local).strftime("%Y-%m-%dT%H:%M") == f"{day}T17:15"
    assert f"DTSTART:{utc:%Y%m%dT%H%M%S}Z".encode() in content
    assert str(event["SUMMARY"]) == seminar.title


def test_the_online_link_is_only_in_the_entry_when_asked_for(staff_actor):
    seminar = create_seminar(staff_actor, venue="", online_link=LINK)

    without = calendars.seminar_ics(seminar, with_link=False)
    with_link = calendars.seminar_ics(seminar, with_link=True)

    assert LINK.encode() not in without.replace(b"\r\n ", b"")
    [event] = _events(without)
    assert "URL" not in event and str(event["LOCATION"]) == "Online"
    [event] = _events(with_link)
    assert str(event["URL"]) == LINK
    assert f"Online: {LINK}" in str(event["DESCRIPTION"])


# The personal feed

def _confirmed_at(seminar, person, factories):
    return run(registrations.register, factories.actor(person), seminar.id, person.id)


def test_the_feed_lists_only_the_persons_confirmed_seminars(factories, staff_actor,
                                                            organization):
    person, someone_else, seated = (factories.user(organization) for _ in range(3))
    mine = create_seminar(staff_actor, title="Meine Anmeldung", online_link=LINK)
    waiting = create_seminar(staff_actor, title="Nur Warteliste", capacity=1)
    dropped = create_seminar(staff_actor, title="Storniert")
    theirs = create_seminar(staff_actor, title="Fremde Anmeldung")
    _confirmed_at(mine, person, factories)
    _confirmed_at(waiting, seated, factories)
    _confirmed_at(waiting, person, factories)
    run(registrations.cancel_registration, factories.actor(person),
        _confirmed_at(dropped, person, factories).id)
    _confirmed_at(theirs, someone_else, factories)

    token = run(calendars.create_feed, factories.actor(person))

    content = run(calendars.feed_ics, token)
    assert _summaries(content) == ["Meine Anmeldung"]
    [event] = _events(content)
    assert str(event["URL"]) == LINK  # the person's own confirmed seat: with the link
    assert run(calendars.has_feed, factories.actor(person)) is True


def test_the_feed_leaves_out_seminars_that_ended_long_ago(factories, organization):
    person = factories.user(organization)
    old = insert_seminar(title="Lange vorbei", starts_at=NOW - timedelta(days=182),
                         ends_at=NOW - timedelta(days=181))
    recent = insert_seminar(title="Kürzlich", starts_at=NOW - timedelta(days=180),
                            ends_at=NOW - timedelta(days=179))
    with db.unit_of_work() as session:
        for seminar in (old, recent):
            session.add(Registration(seminar_id=seminar.id, user_id=person.id,
                                     organization_id=organization.id, status="confirmed",
                                     registered_by_user_id=person.id))
    token = run(calendars.create_feed, factories.actor(person))
    assert _summaries(run(calendars.feed_ics, token)) == ["Kürzlich"]


def test_unknown_revoked_and_replaced_tokens_give_nothing(factories, staff_actor, organization):
    person = factories.user(organization)
    _confirmed_at(create_seminar(staff_actor), person, factories)
    actor = factories.actor(person)
    first = run(calendars.create_feed, actor)
    assert run(calendars.feed_ics, first) is not None

    second = run(calendars.create_feed, actor)
    assert second != first
    assert run(calendars.feed_ics, first) is None
    assert run(calendars.feed_ics, second) is not None
    for wrong in (second[:-1] + ("A" if second[-1] != "A" else "B"), "x" * 43, "", None, 42):
        assert run(calendars.feed_ics, wrong) is None

    run(calendars.revoke_feed, actor)
    assert run(calendars.feed_ics, second) is None
    assert run(calendars.has_feed, actor) is False




def test_the_feed_of_a_deactivated_person_stops_working(factories, staff_actor, organization):
    from harzportal.organizations import contacts

    person = factories.user(organization)
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    _confirmed_at(create_seminar(staff_actor, online_link=LINK), person, factories)
    token = run(calendars.create_feed, factories.actor(person))
    assert run(calendars.feed_ics, token) is not None

    run(contacts.deactivate_contact, factories.actor(manager), person.id)

    assert run(calendars.feed_ics, token) is None


# The routes

@pytest.fixture
def client():
    yield from route_client(routes.ROUTES)


def _not_found(response) -> None:
    assert response.status_code == 404
    assert response.content == b"Not Found"
    assert response.headers["cache-control"] == "no-store"


def test_the_feed_route_serves_the_calendar_and_404_for_a_wrong_token(
        client, factories, staff_actor, organization):
    person = factories.user(organization)
    _confirmed_at(create_seminar(staff_actor, title="Im Abo"), person, factories)
    token = run(calendars.create_feed, factories.actor(person))

    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert _summaries(response.content) == ["Im Abo"]

    _not_found(client.get(f"/calendar/{token[:-2]}xy.ics"))
    run(calendars.revoke_feed, factories.actor(person))
    _not_found(client.get(f"/calendar/{token}.ics"))


def test_the_seminar_file_needs_a_session(client, staff_actor):
    seminar = create_seminar(staff_actor, online_link=LINK)
    _not_found(client.get(routes.seminar_ics_url(seminar.id)))
    client.cookies.set(SESSION_COOKIE, "not-a-session-token")
    _not_found(client.get(routes.seminar_ics_url(seminar.id)))


@pytest.mark.parametrize(("who", "sees_link"), [
    ("confirmed", True), ("waitlisted", False), ("cancelled", False), ("other_member", False),
    ("staff", True),
])
def test_the_online_link_is_in_the_seminar_file_only_for_a_confirmed_participant(
        client, factories, staff, staff_actor, organization, who, sees_link):
    seminar = create_seminar(staff_actor, capacity=1, online_link=LINK)
    people = {name: factories.user(organization)
              for name in ("confirmed", "waitlisted", "cancelled", "other_member")}
    _confirmed_at(seminar, people["confirmed"], factories)
    _confirmed_at(seminar, people["waitlisted"], factories)
    dropped = _confirmed_at(seminar, people["cancelled"], factories)
    run(registrations.cancel_registration, factories.actor(people["cancelled"]), dropped.id)
    people["staff"] = staff

    response = signed_in(client, people[who]).get(routes.seminar_ics_url(seminar.id))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    [event] = _events(response.content)
    assert str(event["SUMMARY"]) == seminar.title
    assert (LINK.encode() in response.content.replace(b"\r\n ", b"")) is sees_link
    assert ("URL" in event) is sees_link


@pytest.mark.parametrize("role", [Role.CONTACT, Role.ORG_MANAGER])
def test_a_draft_seminar_file_is_404_for_members(client, factories, staff_actor, organization,
                                                 role):
    draft = create_seminar(staff_actor, publish=False, title="Noch geheim")
    _not_found(signed_in(client, factories.user(organization, role=role))
               .get(routes.seminar_ics_url(draft.id)))
    _not_found(client.get(routes.seminar_ics_url(draft.id + 1000)))


def test_staff_get_the_file_of_a_draft(client, staff, staff_actor):
    draft = create_seminar(staff_actor, publish=False, title="Noch geheim")
    response = signed_in(client, staff).get(routes.seminar_ics_url(draft.id))
    assert response.status_code == 200
    assert _summaries(response.content) == ["Noch geheim"]
