"""Calendar updates that reach calendars: every seminar mail's .ics, as it arrives through a
real SMTP server (aiosmtpd), read by two parsers (icalendar and vobject). The confirmation is a
METHOD:REQUEST with a stable UID; a change of time or place sends everyone confirmed a REQUEST
with SEQUENCE+1; a cancelled seminar and one's own cancellation send a METHOD:CANCEL. DTSTAMP is
the time of the last change, and the personal feed shows the same."""

from __future__ import annotations

import email
import email.policy
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import vobject
from aiosmtpd.controller import Controller
from icalendar import Calendar

from harzportal import settings
from harzportal.core import clock
from harzportal.mail import sender
from harzportal.seminars import calendars, registrations, service
from harzportal.seminars.models import Seminar
from tests.seminars.helpers import ADDRESS, FORM, NOW, STARTS, create_seminar, load, run

pytestmark = pytest.mark.service

SMTP_VARIABLES = {"HARZPORTAL_SMTP_HOST": "127.0.0.1", "HARZPORTAL_SMTP_TLS": "none"}


class _Collector:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    """A real SMTP server on a free local port; the portal's sender delivers to it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in SMTP_VARIABLES.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HARZPORTAL_SMTP_PORT", str(port))
    settings.reload()
    yield collector
    controller.stop()
    for name in (*SMTP_VARIABLES, "HARZPORTAL_SMTP_PORT"):
        os.environ.pop(name, None)
    settings.reload()


@dataclass(frozen=True)
class Entry:
    """One calendar entry as both parsers read it (they must agree on every field)."""

    method: str | None
    uid: str
    sequence: int
    dtstamp: datetime
    start: datetime
    end: datetime
    status: str
    location: str
    attendee: str


def _both_parsers(content: bytes) -> Entry:
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    by_icalendar = Entry(
        method=str(calendar["METHOD"]) if "METHOD" in calendar else None,
        uid=str(event["UID"]), sequence=int(event.get("SEQUENCE", 0)),
        dtstamp=event.decoded("DTSTAMP"), start=event.decoded("DTSTART"),
        end=event.decoded("DTEND"), status=str(event["STATUS"]),
        location=str(event.get("LOCATION", "")), attendee=str(event.get("ATTENDEE", "")))
    parsed = vobject.readOne(content.decode("utf-8"))
    vevent = parsed.vevent
    by_vobject = Entry(
        method=parsed.method.value if hasattr(parsed, "method") else None,
        uid=vevent.uid.value, sequence=int(vevent.sequence.value) if hasattr(
            vevent, "sequence") else 0,
        dtstamp=vevent.dtstamp.value, start=vevent.dtstart.value, end=vevent.dtend.value,
        status=vevent.status.value, location=vevent.location.value if hasattr(
            vevent, "location") else "",
        attendee=vevent.attendee.value if hasattr(vevent, "attendee") else "")
    assert by_icalendar == by_vobject
    return by_icalendar


async def _arrived(smtp: _Collector) -> list[tuple[str, str, Entry | None]]:
    """Deliver the outbox; each new mail as (recipient, subject, its calendar entry or None)."""
    already = len(smtp.messages)
    with clock.fixed_at(NOW + timedelta(days=1)):  # after every change the tests make
        await sender.deliver_due()
    arrived = []
    for message in smtp.messages[already:]:
        calendars_in_it = [part for part in message.walk()
                           if part.get_content_type() == "text/calendar"]
        assert len(calendars_in_it) <= 1
        entry = _both_parsers(calendars_in_it[0].get_payload(decode=True)) \
            if calendars_in_it else None
        if entry is not None:  # RFC 6047: the part's method parameter is the file's METHOD
            assert calendars_in_it[0].get_param("method") == entry.method
            assert calendars_in_it[0].get_content_charset() == "utf-8"
        arrived.append((message["To"], message["Subject"], entry))
    return arrived


def _feed_entry(token: str) -> Entry | None:
    content = run(calendars.feed_ics, token)
    events = Calendar.from_ical(content).walk("VEVENT")
    return _both_parsers(content) if events else None


@pytest.fixture
def organization(factories):
    return factories.organization(**ADDRESS)


def _change(staff_actor, seminar, **fields):
    form = FORM | {"title": seminar.title} | fields
    return run(service.save_seminar, staff_actor, seminar.id, form)


async def test_request_then_updates_with_a_rising_sequence_then_own_cancel(
        smtp, factories, staff_actor, organization):
    person = factories.user(organization, full_name="Paula Probe")
    seminar = create_seminar(staff_actor)
    registration = run(registrations.register, factories.actor(person), seminar.id, person.id)
    token = run(calendars.create_feed, factories.actor(person))

    [(to, _subject, request)] = await _arrived(smtp)
    assert to == person.email
    assert request.method == "REQUEST"
    assert request.sequence == 0
    assert request.start == STARTS
    assert request.dtstamp == NOW  # the seminar was saved at NOW
    assert request.status == "CONFIRMED"
    assert request.attendee == f"mailto:{person.email}"
    assert _feed_entry(token) == Entry(**vars(request) | {"method": None, "attendee": ""})

    # The time changes an hour later: an update with SEQUENCE 1 and the new time.
    first_change = NOW + timedelta(hours=1)
    with clock.fixed_at(first_change):
        _change(staff_actor, seminar, starts_at="2027-03-10T10:00")
    [(to, _subject, update)] = await _arrived(smtp)
    assert to == person.email
    assert (update.method, update.uid, update.sequence) == ("REQUEST", request.uid, 1)
    assert update.start == datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
    assert update.dtstamp == first_change

    # Only the description changes: nothing for calendars, no mail.
    with clock.fixed_at(NOW + timedelta(hours=2)):
        _change(staff_actor, seminar, starts_at="2027-03-10T10:00", description="Neu.")
    assert await _arrived(smtp) == []

    # The place changes: SEQUENCE 2.
    second_change = NOW + timedelta(hours=3)
    with clock.fixed_at(second_change):
        _change(staff_actor, seminar, starts_at="2027-03-10T10:00", venue="Kaiserpfalz, Goslar")
    [(_to, _subject, moved)] = await _arrived(smtp)
    assert (moved.method, moved.uid, moved.sequence) == ("REQUEST", request.uid, 2)
    assert moved.location == "Kaiserpfalz, Goslar" and moved.dtstamp == second_change
    assert _feed_entry(token) == Entry(**vars(moved) | {"method": None, "attendee": ""})

    # The file downloaded later still says when the entry last changed.
    with clock.fixed_at(NOW + timedelta(days=3)):
        downloaded = _both_parsers(calendars.seminar_ics(load(Seminar, seminar.id),
                                                         with_link=True))
    assert (downloaded.dtstamp, downloaded.sequence) == (second_change, 2)

    # The person cancels: a confirmation with METHOD:CANCEL for the same entry.
    cancelled_at = NOW + timedelta(hours=4)
    with clock.fixed_at(cancelled_at):
        run(registrations.cancel_registration, factories.actor(person), registration.id)
    [(to, _subject, cancel)] = await _arrived(smtp)
    assert to == person.email
    assert (cancel.method, cancel.uid, cancel.status) == ("CANCEL", request.uid, "CANCELLED")
    assert cancel.sequence > moved.sequence and cancel.dtstamp == cancelled_at
    assert _feed_entry(token) is None  # gone from the person's feed


async def test_everyone_confirmed_gets_the_update_and_the_waitlist_does_not(
        smtp, factories, staff_actor, organization):
    seated = [factories.user(organization) for _ in range(2)]
    waiting = factories.user(organization)
    seminar = create_seminar(staff_actor, capacity=2)
    for person in (*seated, waiting):
        run(registrations.register, factories.actor(person), seminar.id, person.id)
    await _arrived(smtp)

    with clock.fixed_at(NOW + timedelta(hours=1)):
        _change(staff_actor, seminar, ends_at="2027-03-10T17:00", capacity="2")

    updates = await _arrived(smtp)
    assert sorted(to for to, _subject, _entry in updates) == sorted(p.email for p in seated)
    assert {(entry.method, entry.sequence) for _to, _subject, entry in updates} == {
        ("REQUEST", 1)}
    assert {entry.end for _to, _subject, entry in updates} == {
        datetime(2027, 3, 10, 16, 0, tzinfo=UTC)}


async def test_a_cancelled_seminar_sends_a_cancel_and_the_feed_shows_it_cancelled(
        smtp, factories, staff_actor, organization):
    person, waiting = factories.user(organization), factories.user(organization)
    seminar = create_seminar(staff_actor, capacity=1)
    for someone in (person, waiting):
        run(registrations.register, factories.actor(someone), seminar.id, someone.id)
    [(_to, _subject, request), (_to2, _subject2, no_entry)] = await _arrived(smtp)
    assert no_entry is None  # the waitlist mail carries no calendar entry
    token = run(calendars.create_feed, factories.actor(person))

    cancelled_at = NOW + timedelta(hours=5)
    with clock.fixed_at(cancelled_at):
        run(service.cancel_seminar, staff_actor, seminar.id)

    mails = {to: entry for to, _subject, entry in await _arrived(smtp)}
    assert set(mails) == {person.email, waiting.email}  # both are told
    cancel = mails[person.email]
    assert (cancel.method, cancel.uid, cancel.status) == ("CANCEL", request.uid, "CANCELLED")
    assert cancel.sequence == request.sequence + 1 and cancel.dtstamp == cancelled_at
    assert mails[waiting.email] is None  # nothing in their calendar to cancel
    in_feed = _feed_entry(token)
    assert (in_feed.status, in_feed.sequence, in_feed.dtstamp) == (
        "CANCELLED", cancel.sequence, cancelled_at)
