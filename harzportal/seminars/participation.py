"""What a person sees of a seminar and of their registrations; the staff's participant lists,
attendance and CSV; the reminder run; attendance certificates."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.errors import Conflict, NotFound
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, is_allowed, refusal, require
from harzportal.core.spreadsheet import inert
from harzportal.organizations.models import Organization
from harzportal.seminars import certification, notices
from harzportal.seminars.access import staff_seminar, visible_seminar
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus
from harzportal.seminars.registrations import ACTIVE, waitlist_position

REMINDER_BEFORE = timedelta(days=2)
MY_SEMINARS_LIMIT = 200


@dataclass(frozen=True)
class OwnRegistration:
    registration: Registration
    waitlist_position: int  # 0 unless waitlisted


@dataclass(frozen=True)
class SeminarPage:
    """The detail page: the seminar, the reader's own registration (or None), the colleagues a
    manager may still register; the online link only for a confirmed participant or staff."""

    seminar: Seminar
    own: OwnRegistration | None
    colleagues: tuple[Choice, ...]
    online_link: str
    registration_open: bool


@dataclass(frozen=True)
class MyRegistration:
    seminar: Seminar
    own: OwnRegistration


@dataclass(frozen=True)
class MySeminars:
    upcoming: tuple[MyRegistration, ...]  # soonest first
    past: tuple[MyRegistration, ...]  # latest first


@dataclass(frozen=True)
class Participant:
    registration_id: int
    name: str
    email: str
    organization: str
    attended: bool
    waitlist_position: int  # 0 for a confirmed seat


@dataclass(frozen=True)
class Participants:
    seminar: Seminar
    started: bool
    confirmed: tuple[Participant, ...]
    waitlist: tuple[Participant, ...]


@dataclass(frozen=True)
class CertificateData:
    seminar: Seminar
    name: str
    organization: str
    number: str
    verification_url: str
    first_day: date
    last_day: date  # the certificate's date
    duration_minutes: int


def _own(session: Session, registration: Registration) -> OwnRegistration:
    waiting = registration.status == RegistrationStatus.WAITLISTED.value
    return OwnRegistration(registration, waitlist_position(session, registration) if waiting
                           else 0)


def _registration_open(seminar: Seminar) -> bool:
    return seminar.status == SeminarStatus.PUBLISHED.value and clock.as_utc(
        seminar.registration_opens_at) <= clock.now() <= clock.as_utc(
        seminar.registration_deadline)


def get_seminar_page(session: Session, actor: Actor, seminar_id: object) -> SeminarPage:
    seminar = visible_seminar(session, actor, seminar_id)
    own = session.exec(select(Registration).where(
        Registration.seminar_id == seminar.id, Registration.user_id == actor.user_id,
        Registration.status.in_(ACTIVE))).first()
    confirmed = own is not None and own.status == RegistrationStatus.CONFIRMED.value
    colleagues: tuple[Choice, ...] = ()
    if actor.organization_id and is_allowed(actor, Action.REGISTER_COLLEAGUES,
                                            actor.organization_id):
        active_ids = set(session.exec(select(Registration.user_id).where(
            Registration.seminar_id == seminar.id, Registration.status.in_(ACTIVE))))
        colleagues = tuple(Choice(u.id, u.full_name) for u in session.exec(
            select(User).where(User.organization_id == actor.organization_id,
                               User.is_active.is_(True), User.id != actor.user_id)
            .order_by(User.full_name)) if u.id not in active_ids)
    return SeminarPage(
        seminar=seminar, own=_own(session, own) if own is not None else None,
        colleagues=colleagues,
        online_link=seminar.online_link if confirmed or actor.is_staff else "",
        registration_open=_registration_open(seminar))


def list_my_seminars(session: Session, actor: Actor) -> MySeminars:
    """The actor's registrations: upcoming and past, with status and waitlist position."""
    require(actor, Action.VIEW_SEMINARS)
    rows = session.exec(
        select(Registration, Seminar).join(Seminar, Seminar.id == Registration.seminar_id)
        .where(Registration.user_id == actor.user_id)
        .order_by(Seminar.starts_at.desc()).limit(MY_SEMINARS_LIMIT)).all()
    now = clock.now()
    upcoming, past = [], []
    for registration, seminar in rows:
        entry = MyRegistration(seminar, _own(session, registration))
        (upcoming if clock.as_utc(seminar.ends_at) >= now else past).append(entry)
    return MySeminars(tuple(reversed(upcoming)), tuple(past))


def _participant_rows(session: Session, seminar_id: int):
    return session.exec(
        select(Registration, User.full_name, User.email, Organization.name)
        .join(User, User.id == Registration.user_id)
        .join(Organization, Organization.id == Registration.organization_id)
        .where(Registration.seminar_id == seminar_id, Registration.status.in_(ACTIVE))
        .order_by(Registration.status, Registration.id)).all()


def list_participants(session: Session, actor: Actor, seminar_id: object) -> Participants:
    seminar = staff_seminar(session, actor, seminar_id)
    confirmed, waitlist = [], []
    for registration, name, email, organization in _participant_rows(session, seminar.id):
        waiting = registration.status == RegistrationStatus.WAITLISTED.value
        entry = Participant(registration.id, name, email, organization, registration.attended,
                            len(waitlist) + 1 if waiting else 0)
        (waitlist if waiting else confirmed).append(entry)
    return Participants(seminar, clock.as_utc(seminar.starts_at) <= clock.now(),
                        tuple(confirmed), tuple(waitlist))


def set_attendance(session: Session, actor: Actor, registration_id: object,
                   attended: bool) -> None:
    """After the event has begun, staff mark who attended (the certificate follows from it)."""
    require(actor, Action.MANAGE_SEMINARS)
    registration = get_or_not_found(session, Registration, registration_id)
    if registration.status != RegistrationStatus.CONFIRMED.value:
        raise NotFound()
    seminar = session.get(Seminar, registration.seminar_id)
    if seminar.status == SeminarStatus.CANCELLED.value:
        raise Conflict("seminar.is_cancelled")
    if clock.as_utc(seminar.starts_at) > clock.now():
        raise Conflict("attendance.not_started")
    registration.attended = attended is True
    session.add(registration)
    audit.record(session, action="registration.attendance", object_type="registration",
                 object_id=registration.id, actor_user_id=actor.user_id,
                 organization_id=registration.organization_id,
                 after={"attended": registration.attended}, client_ip=actor.client_ip)


def participants_csv(session: Session, actor: Actor, seminar_id: object) -> tuple[str, str]:
    seminar = staff_seminar(session, actor, seminar_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Status", "Position", "Name", "E-Mail", "Organisation", "Teilgenommen"])
    position = 0
    for registration, name, email, organization in _participant_rows(session, seminar.id):
        waiting = registration.status == RegistrationStatus.WAITLISTED.value
        position += waiting
        writer.writerow([inert(value) for value in (
            "Warteliste" if waiting else "Angemeldet", position if waiting else "", name, email,
            organization, "ja" if registration.attended else "")])
    return buffer.getvalue(), f"teilnehmende-seminar-{seminar.id}.csv"


def send_due_reminders(session: Session) -> int:
    """Remind every confirmed participant of a seminar starting within two days, once.
    Called by `harzportal send-reminders`; a second run sends nothing new."""
    now = clock.now()
    due = session.exec(
        select(Registration, Seminar).join(Seminar, Seminar.id == Registration.seminar_id)
        .where(Seminar.status == SeminarStatus.PUBLISHED.value, Seminar.starts_at > now,
               Seminar.starts_at <= now + REMINDER_BEFORE,
               Registration.status == RegistrationStatus.CONFIRMED.value,
               Registration.reminded_at.is_(None)).order_by(Registration.id)).all()
    sent = 0
    for registration, seminar in due:
        claimed = session.exec(update(Registration).where(
            Registration.id == registration.id, Registration.reminded_at.is_(None))
            .values(reminded_at=now))
        if claimed.rowcount == 1:
            notices.reminder(session, seminar, registration)
            sent += 1
    return sent


def certificate_data(session: Session, actor: Actor, registration_id: object) -> CertificateData:
    """What the attendance certificate shows; only for the participant themself or staff. The
    first call numbers the certificate (certification.issue); render it after the commit."""
    registration = get_or_not_found(session, Registration, registration_id)
    if not registration.attended:
        raise NotFound()
    if registration.user_id != actor.user_id and not actor.is_staff:
        raise refusal(actor, registration.organization_id)
    seminar = session.get(Seminar, registration.seminar_id)
    user = session.get(User, registration.user_id)
    organization = session.get(Organization, registration.organization_id)
    certificate = certification.issue(session, actor, registration, seminar)
    return CertificateData(
        seminar, user.full_name, organization.name, number=certificate.number,
        verification_url=certification.verification_url(certificate),
        first_day=certification.first_day(seminar), last_day=certification.last_day(seminar),
        duration_minutes=certification.duration_minutes(seminar))
