"""The seminar views in the reader's language: Babel's dates and money for German and English,
and every counted text with 1 and 2."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from harzportal.core.paging import Page
from harzportal.seminars import presenter
from harzportal.seminars.models import Registration, Seminar
from harzportal.seminars.participation import OwnRegistration, Participants, SeminarPage
from harzportal.seminars.views import SeminarDetailView, SeminarRowView

# 15 December 2026, 10:00–14:00 in Germany (CET = UTC+1).
SEMINAR = Seminar(
    id=7, title="Gefahrstoffe im Lager", topic="hse", venue="Goslar", capacity=12,
    seats_taken=9, fee_cents=10000, status="published",
    starts_at=datetime(2026, 12, 15, 9, 0, tzinfo=UTC),
    ends_at=datetime(2026, 12, 15, 13, 0, tzinfo=UTC),
    registration_opens_at=datetime(2026, 11, 1, 8, 0, tzinfo=UTC),
    registration_deadline=datetime(2026, 12, 8, 17, 0, tzinfo=UTC),
    online_link="https://meet.example/lager")


def _seminar(**changes) -> Seminar:
    return Seminar(**(SEMINAR.model_dump() | changes))


@pytest.mark.parametrize(("language", "expected"), [
    ("de", SeminarRowView(
        id=7, href="/seminars/7", title="Gefahrstoffe im Lager",
        topic_label="Arbeits- und Umweltschutz (HSE)",
        when="15.12.2026, 10:00–14:00", place="Goslar", full=False,
        seats_label="3 von 12 Plätzen frei", fee="100,00\xa0€", status="published",
        status_label="Veröffentlicht")),
    ("en", SeminarRowView(
        id=7, href="/seminars/7", title="Gefahrstoffe im Lager",
        topic_label="Health, safety, environment",
        when="15 Dec 2026, 10:00–14:00", place="Goslar", full=False,
        seats_label="3 of 12 seats free", fee="€100.00", status="published",
        status_label="Published")),
])
def test_the_catalogue_row_in_german_and_english(language, expected):
    [row] = presenter.catalogue_page(Page((SEMINAR,), 1, 1, 1), language).items
    assert row == expected


@pytest.mark.parametrize(("language", "when", "deadline", "fee"), [
    ("de", "15.12.2026, 10:00–14:00", "08.12.2026 18:00", "100,00\xa0€"),
    ("en", "15 Dec 2026, 10:00–14:00", "8 Dec 2026 18:00", "€100.00"),
])
def test_the_seminar_page_in_german_and_english(language, when, deadline, fee):
    page = SeminarPage(seminar=SEMINAR, own=None, colleagues=(), online_link="",
                       registration_open=True)
    view = presenter.seminar_detail(page, language)
    assert isinstance(view, SeminarDetailView)
    assert (view.when, view.deadline, view.fee) == (when, deadline, fee)
    assert (view.has_online_link, view.online_link, view.open, view.full) == (
        True, "", True, False)
    assert view.ics_href == "/files/seminars/7.ics"


def test_a_seminar_over_two_days_shows_both_dates():
    longer = _seminar(ends_at=datetime(2026, 12, 16, 15, 0, tzinfo=UTC))
    assert presenter.seminar_row(longer, "de").when == "15.12.2026 10:00 – 16.12.2026 16:00"
    assert presenter.seminar_row(longer, "en").when == "15 Dec 2026 10:00 – 16 Dec 2026 16:00"


def test_free_and_full_seminars():
    free = _seminar(fee_cents=0, seats_taken=12, venue="")
    assert (presenter.seminar_row(free, "de").fee, presenter.seminar_row(free, "en").fee) == (
        "kostenfrei", "free of charge")
    assert presenter.staff_seminar_row(free, "de").fee == "—"
    row = presenter.seminar_row(free, "de")
    assert (row.full, row.seats_label, row.place) == (True, "Ausgebucht – Warteliste", "Online")
    assert presenter.staff_seminar_row(SEMINAR, "en").href == "/admin/seminars/7"


@pytest.mark.parametrize(("capacity", "language", "text"), [
    (1, "de", "1 von 1 Platz frei"), (2, "de", "1 von 2 Plätzen frei"),
    (1, "en", "1 of 1 seat free"), (2, "en", "1 of 2 seats free"),
])
def test_free_seats_read_correctly_for_one_and_two(capacity, language, text):
    assert presenter.seats_label(_seminar(capacity=capacity, seats_taken=capacity - 1),
                                 language) == text


@pytest.mark.parametrize(("count", "language", "text"), [
    (1, "de", "Das Seminar wurde abgesagt; 1 Person wurde informiert."),
    (2, "de", "Das Seminar wurde abgesagt; 2 Personen wurden informiert."),
    (1, "en", "The seminar has been cancelled; 1 person was told."),
    (2, "en", "The seminar has been cancelled; 2 people were told."),
])
def test_the_cancellation_message_reads_correctly_for_one_and_two(count, language, text):
    assert presenter.seminar_cancelled_message(count, language) == text


def test_the_own_registration_and_the_registration_message():
    waiting = Registration(id=3, seminar_id=7, user_id=1, organization_id=1,
                           registered_by_user_id=1, status="waitlisted")
    view = presenter.registration_view(OwnRegistration(waiting, 2), "de")
    assert (view.id, view.status_label, view.waitlist_label) == (
        3, "Warteliste", "Sie stehen auf der Warteliste, Position 2")
    assert presenter.registration_view(None, "en").id == 0
    assert presenter.registered_message(waiting, "en").startswith("The seminar is full")
    confirmed = Registration(**(waiting.model_dump() | {"status": "confirmed"}))
    assert presenter.registered_message(confirmed, "de").startswith("Die Anmeldung ist bestätigt")


def test_the_participants_heading_in_both_languages():
    found = Participants(seminar=SEMINAR, started=False, confirmed=(), waitlist=())
    german, english = (presenter.participants_seminar(found, language)
                       for language in ("de", "en"))
    assert german.summary == "15.12.2026, 10:00–14:00 · Goslar · Veröffentlicht"
    assert english.summary == "15 Dec 2026, 10:00–14:00 · Goslar · Published"
    assert (german.participants_heading, english.waitlist_heading) == (
        "Teilnehmende (0 / 12)", "Waitlist (0)")
    assert german.cancellable and not german.draft
