"""Seminar results -> the views the pages show, in the reader's language (Babel dates and money,
catalogue texts, plural forms)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from harzportal.core.choices import Choice
from harzportal.core.formatting import money
from harzportal.core.i18n import label, translate, translate_plural
from harzportal.core.paging import Page
from harzportal.seminars.labels import (
    REGISTRATION_STATUS_LABELS,
    SEMINAR_STATUS_LABELS,
    TOPIC_LABELS,
)
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus
from harzportal.seminars.participation import (
    MyRegistration,
    MySeminars,
    OwnRegistration,
    Participant,
    Participants,
    SeminarPage,
)
from harzportal.seminars.routes import certificate_url, participants_csv_url, seminar_ics_url
from harzportal.seminars.schedule import day_and_time, local, when
from harzportal.seminars.views import (
    NO_REGISTRATION,
    MySeminarRowView,
    ParticipantsSeminarView,
    ParticipantView,
    RegistrationView,
    SeminarDetailView,
    SeminarFormFields,
    SeminarRowView,
)

NO_VALUE = "—"


def _seminar_href(seminar_id: int) -> str:
    return f"/seminars/{seminar_id}"


def free_seats(seminar: Seminar) -> int:
    return max(seminar.capacity - seminar.seats_taken, 0)


def seats_label(seminar: Seminar, language: str) -> str:
    """'3 von 20 Plätzen frei' / '3 of 20 seats free', or fully booked."""
    free = free_seats(seminar)
    if not free:
        return translate("seminar.full", language)
    return translate_plural("seminar.free_seats_one", "seminar.free_seats_other",
                            seminar.capacity, language, free=free)


def fee_label(fee_cents: int, language: str) -> str:
    return money(fee_cents, language) if fee_cents else translate("seminar.free_of_charge",
                                                                  language)


def place(seminar: Seminar, language: str) -> str:
    return seminar.venue or translate("seminar.online", language)


def seminar_row(seminar: Seminar, language: str) -> SeminarRowView:
    """A seminar of the catalogue."""
    return SeminarRowView(
        id=seminar.id, href=_seminar_href(seminar.id), title=seminar.title,
        topic_label=label(TOPIC_LABELS, seminar.topic, language), when=when(seminar, language),
        place=place(seminar, language), full=free_seats(seminar) == 0,
        seats_label=seats_label(seminar, language), fee=fee_label(seminar.fee_cents, language),
        status=seminar.status,
        status_label=label(SEMINAR_STATUS_LABELS, seminar.status, language))


def staff_seminar_row(seminar: Seminar, language: str) -> SeminarRowView:
    """A seminar of the staff's list: links to its participants; no fee is a dash."""
    return dataclasses.replace(
        seminar_row(seminar, language), href=f"/admin/seminars/{seminar.id}",
        fee=money(seminar.fee_cents, language) if seminar.fee_cents else NO_VALUE)


def catalogue_page(found: Page[Seminar], language: str) -> Page[SeminarRowView]:
    return found.map(lambda seminar: seminar_row(seminar, language))


def staff_seminars_page(found: Page[Seminar], language: str) -> Page[SeminarRowView]:
    return found.map(lambda seminar: staff_seminar_row(seminar, language))


def registration_view(own: OwnRegistration | None, language: str) -> RegistrationView:
    if own is None:
        return NO_REGISTRATION
    registration = own.registration
    waiting = translate("seminar.you_are_waitlisted", language)
    return RegistrationView(
        id=registration.id, status=registration.status,
        status_label=label(REGISTRATION_STATUS_LABELS, registration.status, language),
        waitlist_label=f"{waiting} {own.waitlist_position}"
        if registration.status == RegistrationStatus.WAITLISTED.value else "")


def seminar_detail(page: SeminarPage, language: str) -> SeminarDetailView:
    seminar = page.seminar
    return SeminarDetailView(
        id=seminar.id, title=seminar.title,
        topic_label=label(TOPIC_LABELS, seminar.topic, language),
        when=when(seminar, language), venue=seminar.venue or NO_VALUE,
        speakers=seminar.speakers or NO_VALUE,
        deadline=day_and_time(seminar.registration_deadline, language),
        fee=fee_label(seminar.fee_cents, language), description=seminar.description,
        full=free_seats(seminar) == 0, seats_label=seats_label(seminar, language),
        has_online_link=bool(seminar.online_link), online_link=page.online_link,
        open=page.registration_open, ics_href=seminar_ics_url(seminar.id))


def colleagues(page: SeminarPage) -> list[Choice]:
    return list(page.colleagues)


def registered_message(registration: Registration, language: str) -> str:
    """What a person reads right after registering: a seat, or a place on the waitlist."""
    if registration.status == RegistrationStatus.CONFIRMED.value:
        return translate("seminar.registered", language)
    return translate("seminar.waitlisted", language)


def seminar_cancelled_message(notified: int, language: str) -> str:
    return translate_plural("seminar.cancelled_one", "seminar.cancelled_other", notified,
                            language)


def _my_row(entry: MyRegistration, past: bool, language: str) -> MySeminarRowView:
    seminar, registration = entry.seminar, entry.own.registration
    status_label = label(REGISTRATION_STATUS_LABELS, registration.status, language)
    if registration.status == RegistrationStatus.WAITLISTED.value:
        status_label = f"{status_label} · {entry.own.waitlist_position}"
    return MySeminarRowView(
        registration_id=registration.id, seminar_href=_seminar_href(seminar.id),
        title=seminar.title, when=when(seminar, language), status=registration.status,
        status_label=status_label,
        seminar_cancelled=seminar.status == SeminarStatus.CANCELLED.value,
        seminar_status_label=label(SEMINAR_STATUS_LABELS, seminar.status, language),
        cancellable=not past and registration.status != RegistrationStatus.CANCELLED.value,
        certificate_href=certificate_url(registration.id) if past and registration.attended
        else "")


def my_seminars(found: MySeminars, language: str) -> tuple[list[MySeminarRowView],
                                                           list[MySeminarRowView]]:
    """(upcoming, past)."""
    return ([_my_row(entry, False, language) for entry in found.upcoming],
            [_my_row(entry, True, language) for entry in found.past])


def participants_seminar(found: Participants, language: str) -> ParticipantsSeminarView:
    seminar = found.seminar
    participants_label = translate("seminar.participants", language)
    waitlist_label = translate("seminar.waitlist", language)
    return ParticipantsSeminarView(
        id=seminar.id, title=seminar.title,
        summary=" · ".join((when(seminar, language), place(seminar, language),
                            label(SEMINAR_STATUS_LABELS, seminar.status, language))),
        edit_href=f"/admin/seminars/{seminar.id}/edit", csv_href=participants_csv_url(seminar.id),
        draft=seminar.status == SeminarStatus.DRAFT.value, started=found.started,
        cancellable=seminar.status != SeminarStatus.CANCELLED.value and not found.started,
        participants_heading=f"{participants_label} ({len(found.confirmed)} / {seminar.capacity})",
        waitlist_heading=f"{waitlist_label} ({len(found.waitlist)})")


def participant(entry: Participant) -> ParticipantView:
    return ParticipantView(entry.registration_id, entry.name, entry.email, entry.organization,
                           entry.attended, entry.waitlist_position)


def _typed_moment(moment: datetime) -> str:
    """A moment as a datetime-local input shows it: German local time."""
    return local(moment).strftime("%Y-%m-%dT%H:%M")


def _typed_fee(cents: int) -> str:
    """A fee as staff type it ("149,99"); no fee is an empty field."""
    return f"{cents // 100},{cents % 100:02d}" if cents else ""


def form_values(seminar: Seminar) -> SeminarFormFields:
    """The saved seminar as the staff form shows it again."""
    return SeminarFormFields(
        title=seminar.title, topic=seminar.topic, description=seminar.description,
        speakers=seminar.speakers, venue=seminar.venue, online_link=seminar.online_link,
        starts_at=_typed_moment(seminar.starts_at), ends_at=_typed_moment(seminar.ends_at),
        registration_opens_at=_typed_moment(seminar.registration_opens_at),
        registration_deadline=_typed_moment(seminar.registration_deadline),
        capacity=str(seminar.capacity),
        per_organization_limit=str(seminar.per_organization_limit or ""),
        fee=_typed_fee(seminar.fee_cents))
