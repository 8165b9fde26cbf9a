"""What a person sees of a seminar and of their registrations; the staff's participant lists,
attendance and CSV; the reminder run; attendance certificates."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, PermissionDenied
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id
from harzportal.core.permissions import Action, is_allowed, require
from harzportal.core.spreadsheet import inert
from harzportal.organizations.models import Organization
from harzportal.seminars import notices
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus
from harzportal.seminars.registrations import ACTIVE, waitlist_position
from harzportal.seminars.views import seminar_row, when

REMINDER_BEFORE = timedelta(days=2)
MY_SEMINARS_LIMIT = 200


def visible_seminar(session: Session, actor: Actor, seminar_id: object) -> Seminar:
    require(actor, Action.VIEW_SEMINARS)
    seminar = session.get(Seminar, seminar_id) if is_id(seminar_id) else None
    if seminar is None or (seminar.status == SeminarStatus.DRAFT.value and not actor.is_staff):
        raise NotFound()
    return seminar


def _registration_view(session: Session, registration: Registration | None,
                       language: str) -> dict[str, str]:
    if registration is None:
        return {}
    position = waitlist_position(session, registration) \
        if registration.status == RegistrationStatus.WAITLISTED.value else 0
    return {"id": str(registration.id), "status": registration.status,
            "status_label": translate(f"registration.status.{registration.status}", language),
            "position": str(position), "attended": "yes" if registration.attended else "no"}


def get_seminar_page(session: Session, actor: Actor, seminar_id: object) -> dict:
    """The detail page: the seminar, the actor's own registration, the colleagues a manager may
    register, and the online link only for a confirmed participant (or staff)."""
    seminar = visible_seminar(session, actor, seminar_id)
    own = session.exec(select(Registration).where(
        Registration.seminar_id == seminar.id, Registration.user_id == actor.user_id,
        Registration.status.in_(ACTIVE))).first()
    confirmed = own is not None and own.status == RegistrationStatus.CONFIRMED.value
    colleagues = []
    if actor.organization_id and is_allowed(actor, Action.REGISTER_COLLEAGUES,
                                            actor.organization_id):
        active_ids = set(session.exec(select(Registration.user_id).where(
            Registration.seminar_id == seminar.id, Registration.status.in_(ACTIVE))))
        colleagues = [{"id": str(u.id), "name": u.full_name} for u in session.exec(
            select(User).where(User.organization_id == actor.organization_id,
                               User.is_active.is_(True), User.id != actor.user_id)
            .order_by(User.full_name)) if u.id not in active_ids]
    now = clock.now()
    row = seminar_row(seminar, actor.language)
    return {
        "seminar": row | {
            "description": seminar.description, "speakers": seminar.speakers or "—",
            "venue": seminar.venue or "—",
            "online_link": seminar.online_link if confirmed or actor.is_staff else "",
            "has_online_link": "yes" if seminar.online_link else "no",
            "open": "yes" if seminar.status == SeminarStatus.PUBLISHED.value and clock.as_utc(
                seminar.registration_opens_at) <= now <= clock.as_utc(
                seminar.registration_deadline) else "no",
            "status_label": translate(f"seminar.status.{seminar.status}", actor.language),
        },
        "registration": _registration_view(session, own, actor.language),
        "colleagues": colleagues,
    }


def list_my_seminars(session: Session, actor: Actor) -> dict:
    """The actor's registrations: upcoming and past, with status and waitlist position."""
    require(actor, Action.VIEW_SEMINARS)
    rows = session.exec(
        select(Registration, Seminar).join(Seminar, Seminar.id == Registration.seminar_id)
        .where(Registration.user_id == actor.user_id)
        .order_by(Seminar.starts_at.desc()).limit(MY_SEMINARS_LIMIT)).all()
    now = clock.now()
    upcoming, past = [], []
    for registration, seminar in rows:
        view = seminar_row(seminar, actor.language) | {
            "registration": str(registration.id),
            **{f"registration_{k}": v for k, v in
               _registration_view(session, registration, actor.language).items()},
            "seminar_status_label": translate(f"seminar.status.{seminar.status}",
                                              actor.language),
            "certificate": "yes" if registration.attended else "no",
        }
        (upcoming if clock.as_utc(seminar.ends_at) >= now else past).append(view)
    upcoming.reverse()
    return {"upcoming": upcoming, "past": past}


def _staff_seminar(session: Session, actor: Actor, seminar_id: object) -> Seminar:
    require(actor, Action.MANAGE_SEMINARS)
    seminar = session.get(Seminar, seminar_id) if is_id(seminar_id) else None
    if seminar is None:
        raise NotFound()
    return seminar


def _participant_rows(session: Session, seminar_id: int):
    return session.exec(
        select(Registration, User.full_name, User.email, Organization.name)
        .join(User, User.id == Registration.user_id)
        .join(Organization, Organization.id == Registration.organization_id)
        .where(Registration.seminar_id == seminar_id, Registration.status.in_(ACTIVE))
        .order_by(Registration.status, Registration.id)).all()


def list_participants(session: Session, actor: Actor, seminar_id: object) -> dict:
    seminar = _staff_seminar(session, actor, seminar_id)
    confirmed, waitlist = [], []
    for registration, name, email, organization in _participant_rows(session, seminar.id):
        row = {"id": str(registration.id), "name": name, "email": email,
               "organization": organization, "attended": "yes" if registration.attended
               else "no", "registered": when(seminar, actor.language)}
        if registration.status == RegistrationStatus.CONFIRMED.value:
            confirmed.append(row)
        else:
            waitlist.append(row | {"position": str(len(waitlist) + 1)})
    return {"seminar": seminar_row(seminar, actor.language) | {
        "status_label": translate(f"seminar.status.{seminar.status}", actor.language),
        "started": "yes" if clock.as_utc(seminar.starts_at) <= clock.now() else "no"},
        "confirmed": confirmed, "waitlist": waitlist}


def set_attendance(session: Session, actor: Actor, registration_id: object,
                   attended: bool) -> None:
    """After the event has begun, staff mark who attended (the certificate follows from it)."""
    require(actor, Action.MANAGE_SEMINARS)
    registration = session.get(Registration, registration_id) if is_id(registration_id) else None
    if registration is None or registration.status != RegistrationStatus.CONFIRMED.value:
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
    seminar = _staff_seminar(session, actor, seminar_id)
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


def certificate_data(session: Session, actor: Actor, registration_id: object) -> dict:
    """What the attendance certificate shows; only for the participant themself or staff."""
    registration = session.get(Registration, registration_id) if is_id(registration_id) else None
    if registration is None or not registration.attended:
        raise NotFound()
    if registration.user_id != actor.user_id and not actor.is_staff:
        raise PermissionDenied()
    seminar = session.get(Seminar, registration.seminar_id)
    user = session.get(User, registration.user_id)
    organization = session.get(Organization, registration.organization_id)
    return {"seminar": seminar, "name": user.full_name, "organization": organization.name}
