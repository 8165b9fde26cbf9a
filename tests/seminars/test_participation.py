"""What a person sees of their registrations, attendance and certificates, the reminder run and
the staff's participant list as CSV."""

from __future__ import annotations

import csv
import io
import warnings
from datetime import timedelta

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from harzportal import db
from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied
from harzportal.core.roles import Role
from harzportal.seminars import participation, presenter, registrations, routes
from harzportal.seminars.models import Registration
from tests.seminars.helpers import (
    ADDRESS,
    ENDS,
    NOW,
    STARTS,
    calendar_attachment,
    create_seminar,
    insert_seminar,
    load,
    members,
    outbox,
    run,
)

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx is what the project has
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from tests.route_calls import route_client, signed_in

pytestmark = pytest.mark.service


@pytest.fixture
def organization(factories):
    return factories.organization(name="Harzer Chemiewerke GmbH", **ADDRESS)


def register(factories, person, seminar) -> Registration:
    return run(registrations.register, factories.actor(person), seminar.id, person.id)


def add_registration(seminar, person, status: str = "confirmed", **fields) -> Registration:
    """A registration row written directly (for seminars whose window is long over)."""
    with db.unit_of_work() as session:
        registration = Registration(seminar_id=seminar.id, user_id=person.id,
                                    organization_id=person.organization_id, status=status,
                                    registered_by_user_id=person.id, **fields)
        session.add(registration)
    return registration


# My seminars

def test_my_seminars_splits_upcoming_and_past_and_shows_the_waitlist_position(
        factories, staff_actor, organization):
    person, first, second = members(factories, organization, 3)
    later = create_seminar(staff_actor, title="Später", starts_at="2027-03-20T09:00",
                           ends_at="2027-03-20T12:00")
    sooner = create_seminar(staff_actor, title="Früher", capacity=1)
    running = insert_seminar(title="Läuft gerade", starts_at=NOW - timedelta(hours=1),
                             ends_at=NOW + timedelta(hours=1))
    ended = insert_seminar(title="Vorbei", starts_at=NOW - timedelta(days=3),
                           ends_at=NOW - timedelta(days=3) + timedelta(hours=2))
    long_ago = insert_seminar(title="Lange vorbei", starts_at=NOW - timedelta(days=40),
                              ends_at=NOW - timedelta(days=40) + timedelta(hours=2))
    register(factories, first, sooner)
    register(factories, second, sooner)
    waiting = register(factories, person, sooner)
    confirmed = register(factories, person, later)
    add_registration(running, person)
    add_registration(ended, person, attended=True)
    add_registration(long_ago, person, status="cancelled")
    add_registration(later, first)  # somebody else's

    found = run(participation.list_my_seminars, factories.actor(person))

    assert [entry.seminar.title for entry in found.upcoming] == ["Läuft gerade", "Früher",
                                                                 "Später"]
    assert [entry.seminar.title for entry in found.past] == ["Vorbei", "Lange vorbei"]
    entries = {entry.seminar.title: entry.own for entry in found.upcoming + found.past}
    assert (entries["Früher"].registration.id, entries["Früher"].registration.status,
            entries["Früher"].waitlist_position) == (waiting.id, "waitlisted", 2)
    assert (entries["Später"].registration.id, entries["Später"].registration.status,
            entries["Später"].waitlist_position) == (confirmed.id, "confirmed", 0)

    upcoming, past = presenter.my_seminars(found, "de")
    rows = {row.title: row for row in upcoming + past}
    assert rows["Früher"].status_label == "Warteliste · 2"
    assert rows["Vorbei"].certificate_href == routes.certificate_url(
        entries["Vorbei"].registration.id)
    assert rows["Lange vorbei"].status == "cancelled"
    assert not rows["Lange vorbei"].cancellable and rows["Später"].cancellable
    assert rows["Später"].certificate_href == ""


# Attendance

def test_attendance_is_recorded_only_once_the_seminar_has_begun(factories, staff_actor,
                                                                organization):
    seminar = create_seminar(staff_actor)
    registration = register(factories, factories.user(organization), seminar)

    with clock.fixed_at(STARTS - timedelta(minutes=1)), pytest.raises(Conflict) as refused:
        run(participation.set_attendance, staff_actor, registration.id, True)
    assert refused.value.message_key == "attendance.not_started"
    assert load(Registration, registration.id).attended is False

    with clock.fixed_at(STARTS):
        run(participation.set_attendance, staff_actor, registration.id, True)
    assert load(Registration, registration.id).attended is True
    with clock.fixed_at(ENDS + timedelta(days=1)):
        run(participation.set_attendance, staff_actor, registration.id, False)
    assert load(Registration, registration.id).attended is False


def test_attendance_needs_staff_and_a_confirmed_seat(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor, capacity=1)
    seated, waiting = members(factories, organization, 2)
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    confirmed = register(factories, seated, seminar)
    waitlisted = register(factories, waiting, seminar)
    with clock.fixed_at(STARTS + timedelta(hours=1)):
        for member in (seated, manager):
            with pytest.raises(PermissionDenied):
                run(participation.set_attendance, factories.actor(member), confirmed.id, True)
        with pytest.raises(NotFound):
            run(participation.set_attendance, staff_actor, waitlisted.id, True)
    assert load(Registration, confirmed.id).attended is False
    assert load(Registration, waitlisted.id).attended is False


# Certificates

@pytest.fixture
def client():
    yield from route_client(routes.ROUTES)


def _not_found(response) -> None:
    assert response.status_code == 404
    assert response.content == b"Not Found"


@pytest.fixture
def attended(factories, staff_actor, organization):
    """Two people at a seminar that has taken place; the first attended, the second did not."""
    seminar = create_seminar(staff_actor, title="Sicher mit Gefahrstoffen")
    present = factories.user(organization, full_name="Marta Kühnemann")
    absent = factories.user(organization, full_name="Otto Fehlt")
    present_registration = register(factories, present, seminar)
    absent_registration = register(factories, absent, seminar)
    with clock.fixed_at(STARTS + timedelta(hours=1)):
        run(participation.set_attendance, staff_actor, present_registration.id, True)
    with clock.fixed_at(ENDS + timedelta(days=1)):
        yield {"seminar": seminar, "present": present, "absent": absent,
               "present_registration": present_registration,
               "absent_registration": absent_registration}


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_participant_downloads_their_certificate(client, attended, organization):
    response = signed_in(client, attended["present"]).get(
        routes.certificate_url(attended["present_registration"].id))

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Marta Kühnemann" in text
    assert "Sicher mit Gefahrstoffen" in text
    assert organization.name in text


def test_a_certificate_of_someone_else_is_404(client, attended, factories, organization):
    url = routes.certificate_url(attended["present_registration"].id)
    _not_found(client.get(url))
    _not_found(signed_in(client, attended["absent"]).get(url))
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    _not_found(signed_in(client, manager).get(url))


def test_without_attendance_there_is_no_certificate(client, attended, staff):
    url = routes.certificate_url(attended["absent_registration"].id)
    _not_found(signed_in(client, attended["absent"]).get(url))
    _not_found(signed_in(client, staff).get(url))
    _not_found(signed_in(client, attended["absent"]).get(routes.certificate_url(10**9)))


def test_staff_download_a_participants_certificate(client, attended, staff):
    response = signed_in(client, staff).get(
        routes.certificate_url(attended["present_registration"].id))
    assert response.status_code == 200
    assert "Marta Kühnemann" in _pdf_text(response.content)


# Reminders

def test_reminders_go_once_to_each_confirmed_participant_of_seminars_within_two_days(
        factories, organization):
    two_days = timedelta(days=2)
    soon = insert_seminar(title="Morgen", starts_at=NOW + timedelta(days=1),
                          ends_at=NOW + timedelta(days=1, hours=3))
    at_the_edge = insert_seminar(title="Genau zwei Tage", starts_at=NOW + two_days,
                                 ends_at=NOW + two_days + timedelta(hours=3))
    too_far = insert_seminar(title="Übermorgen und später",
                             starts_at=NOW + two_days + timedelta(minutes=1),
                             ends_at=NOW + two_days + timedelta(hours=3))
    started = insert_seminar(title="Hat begonnen", starts_at=NOW - timedelta(minutes=5),
                             ends_at=NOW + timedelta(hours=3))
    called_off = insert_seminar(title="Abgesagt", status="cancelled",
                                starts_at=NOW + timedelta(days=1),
                                ends_at=NOW + timedelta(days=1, hours=3))
    people = members(factories, organization, 4)
    expected = []
    for person in people[:2]:
        add_registration(soon, person)
        expected.append((person.email, "Morgen"))
    add_registration(soon, people[2], status="waitlisted")
    add_registration(soon, people[3], status="cancelled")
    add_registration(at_the_edge, people[2])
    expected.append((people[2].email, "Genau zwei Tage"))
    for seminar in (too_far, started, called_off):
        add_registration(seminar, people[0])

    assert run(participation.send_due_reminders) == len(expected)

    mails = outbox("seminar_reminder")
    assert sorted((m.recipient, m.subject) for m in mails) == sorted(
        (email, f"Erinnerung: {title}") for email, title in expected)
    for mail in mails:
        [event] = Calendar.from_ical(calendar_attachment(mail)).walk("VEVENT")
        assert mail.subject.endswith(str(event["SUMMARY"]))

    assert run(participation.send_due_reminders) == 0
    assert len(outbox("seminar_reminder")) == len(expected)

    # An hour later: a latecomer of "Morgen" and the seminar that was just too far are due;
    # nobody already reminded is reminded again.
    latecomer = factories.user(organization)
    add_registration(soon, latecomer)
    with clock.fixed_at(NOW + timedelta(hours=1)):
        assert run(participation.send_due_reminders) == 2
    assert sorted((m.recipient, m.subject) for m in outbox("seminar_reminder")[len(expected):]) \
        == sorted([(latecomer.email, "Erinnerung: Morgen"),
                   (people[0].email, "Erinnerung: Übermorgen und später")])


# The participant list as CSV

def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_participants_csv_is_for_staff_and_neutralizes_formulas(factories, staff_actor,
                                                                    organization):
    seminar = create_seminar(staff_actor, capacity=1)
    sly = factories.user(organization, full_name='=HYPERLINK("https://evil.example","x")')
    waiting = factories.user(organization, full_name="Wilma Warteliste")
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    register(factories, sly, seminar)
    register(factories, waiting, seminar)

    for member in (sly, manager):
        with pytest.raises(PermissionDenied):
            run(participation.participants_csv, factories.actor(member), seminar.id)

    text, filename = run(participation.participants_csv, staff_actor, seminar.id)

    assert filename == f"teilnehmende-seminar-{seminar.id}.csv"
    header, *rows = _rows(text)
    assert header == ["Status", "Position", "Name", "E-Mail", "Organisation", "Teilgenommen"]
    assert rows == [
        ["Angemeldet", "", "'" + sly.full_name, sly.email, organization.name, ""],
        ["Warteliste", "1", "Wilma Warteliste", waiting.email, organization.name, ""],
    ]


def test_the_participants_csv_route_is_404_for_members(client, factories, staff, staff_actor,
                                                       organization):
    seminar = create_seminar(staff_actor)
    person = factories.user(organization)
    register(factories, person, seminar)
    url = routes.participants_csv_url(seminar.id)
    _not_found(client.get(url))
    _not_found(signed_in(client, factories.user(organization, role=Role.ORG_MANAGER)).get(url))
    response = signed_in(client, staff).get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert person.email in response.text


def test_staff_list_the_participants_with_the_waitlist_in_order(factories, staff_actor,
                                                                organization):
    seminar = create_seminar(staff_actor, capacity=1)
    people = members(factories, organization, 3)
    for person in people:
        register(factories, person, seminar)
    found = run(participation.list_participants, staff_actor, seminar.id)
    assert [entry.email for entry in found.confirmed] == [people[0].email]
    assert [(entry.email, entry.waitlist_position) for entry in found.waitlist] == [
        (people[1].email, 1), (people[2].email, 2)]
    heading = presenter.participants_seminar(found, "de")
    assert (heading.participants_heading, heading.waitlist_heading) == (
        "Teilnehmende (1 / 1)", "Warteliste (2)")
    with pytest.raises(PermissionDenied):
        run(participation.list_participants, factories.actor(people[0]), seminar.id)
    with pytest.raises(NotFound):
        run(participation.list_participants, staff_actor, seminar.id + 1000)


# The seminar page

def test_the_seminar_page_shows_the_online_link_only_to_a_confirmed_participant(
        factories, staff_actor, organization):
    link = "https://meet.example/nur-fuer-angemeldete"
    seminar = create_seminar(staff_actor, capacity=1, venue="", online_link=link)
    seated, waiting, outsider = members(factories, organization, 3)
    register(factories, seated, seminar)
    register(factories, waiting, seminar)

    def page(actor):
        return run(participation.get_seminar_page, actor, seminar.id)

    assert page(factories.actor(seated)).online_link == link
    assert page(staff_actor).online_link == link
    assert presenter.seminar_detail(page(staff_actor), "de").online_link == link
    for person in (waiting, outsider):
        found = page(factories.actor(person))
        assert found.online_link == ""
        view = presenter.seminar_detail(found, "de")
        assert view.has_online_link is True and view.online_link == ""
        shown = (view, presenter.registration_view(found.own, "de"),
                 presenter.colleagues(found))
        assert link not in repr(shown)
    assert page(factories.actor(waiting)).own.waitlist_position == 1


def test_a_draft_seminar_page_is_not_found_for_members(factories, staff_actor, organization):
    draft = create_seminar(staff_actor, publish=False)
    for role in (Role.CONTACT, Role.ORG_MANAGER):
        with pytest.raises(NotFound):
            run(participation.get_seminar_page, factories.actor(
                factories.user(organization, role=role)), draft.id)
    assert run(participation.get_seminar_page, staff_actor, draft.id).seminar.status == "draft"
