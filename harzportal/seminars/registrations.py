"""Registering, cancelling and the waitlist: seats are never overbooked.

Every change of a seminar's seats starts by *locking the seminar* (core.locking.lock_row):
PostgreSQL then holds that row lock and SQLite its write lock until commit, so registrations for
one seminar are handled strictly one after the other, in arrival order, and every count read
afterwards is current. The seat itself is taken with a conditional `UPDATE … SET seats_taken =
seats_taken + 1 WHERE seats_taken < capacity`, and a CHECK constraint backs it up. A partial unique index allows one active registration per person.
"""

from __future__ import annotations

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.ids import is_id
from harzportal.core.locking import lock_row
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, is_allowed, refusal, require
from harzportal.seminars import calendars, fees, notices
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus

ACTIVE = (RegistrationStatus.CONFIRMED.value, RegistrationStatus.WAITLISTED.value)


def lock_seminar(session: Session, seminar_id: int) -> Seminar:
    """Take the seminar's lock for the rest of the transaction; the row as it is now."""
    lock_row(session, Seminar, seminar_id)
    seminar = session.get(Seminar, seminar_id)
    session.refresh(seminar)
    return seminar


def _confirmed_of_organization(session: Session, seminar_id: int, organization_id: int) -> int:
    return session.exec(select(func.count()).select_from(Registration).where(
        Registration.seminar_id == seminar_id, Registration.organization_id == organization_id,
        Registration.status == RegistrationStatus.CONFIRMED.value)).one()


def _take_seat(session: Session, seminar: Seminar) -> bool:
    taken = session.exec(update(Seminar)
                         .where(Seminar.id == seminar.id, Seminar.seats_taken < Seminar.capacity)
                         .values(seats_taken=Seminar.seats_taken + 1))
    return taken.rowcount == 1


def _participant(session: Session, actor: Actor, user_id: object) -> User:
    """Oneself, or (org_manager) a colleague of the own organization; staff anyone."""
    user = get_or_not_found(session, User, user_id)
    if user.organization_id is None or not user.is_active:
        raise NotFound()
    if user.id != actor.user_id:
        require(actor, Action.REGISTER_COLLEAGUES, user.organization_id)
    return user


def register(session: Session, actor: Actor, seminar_id: object, user_id: object) -> Registration:
    """A confirmed seat if one is free (and the organization is within its limit), else a place
    on the waitlist."""
    require(actor, Action.VIEW_SEMINARS)
    if not is_id(seminar_id):
        raise NotFound()
    participant = _participant(session, actor, user_id)
    seminar = lock_seminar(session, seminar_id)
    now = clock.now()
    if seminar.status == SeminarStatus.DRAFT.value:
        raise Conflict("seminar.not_open")
    if seminar.status != SeminarStatus.PUBLISHED.value:
        raise Conflict("seminar.is_cancelled")
    if now < clock.as_utc(seminar.registration_opens_at):
        raise ValidationFailed("registration.not_yet_open")
    if now > clock.as_utc(seminar.registration_deadline):
        raise ValidationFailed("registration.closed")
    existing = session.exec(select(Registration.id).where(
        Registration.seminar_id == seminar.id, Registration.user_id == participant.id,
        Registration.status.in_(ACTIVE))).first()
    if existing is not None:
        raise Conflict("registration.already")
    limit = seminar.per_organization_limit
    if limit is not None and _confirmed_of_organization(
            session, seminar.id, participant.organization_id) >= limit:
        raise ValidationFailed("registration.organization_limit", limit=limit)
    confirmed = _take_seat(session, seminar)
    registration = Registration(
        seminar_id=seminar.id, user_id=participant.id,
        organization_id=participant.organization_id, registered_by_user_id=actor.user_id,
        status=RegistrationStatus.CONFIRMED.value if confirmed
        else RegistrationStatus.WAITLISTED.value,
        created_at=now, confirmed_at=now if confirmed else None)
    session.add(registration)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("registration.already") from None
    audit.record(session, action="registration.created", object_type="registration",
                 object_id=registration.id, actor_user_id=actor.user_id,
                 organization_id=participant.organization_id,
                 after={"seminar_id": seminar.id, "user_id": participant.id,
                        "status": registration.status}, client_ip=actor.client_ip)
    if confirmed:
        fees.charge_seat(session, actor, seminar, registration)
        notices.confirmed(session, seminar, registration)
    else:
        notices.waitlisted(session, seminar, registration,
                           waitlist_position(session, registration))
    return registration


def waitlist_position(session: Session, registration: Registration) -> int:
    return session.exec(select(func.count()).select_from(Registration).where(
        Registration.seminar_id == registration.seminar_id,
        Registration.status == RegistrationStatus.WAITLISTED.value,
        Registration.id <= registration.id)).one()


def fill_free_seats(session: Session, seminar: Seminar) -> list[Registration]:
    """Give free seats to the waitlist in order (FIFO), skipping people whose organization is at
    its limit. The caller holds the seminar's lock."""
    promoted = []
    if (seminar.status != SeminarStatus.PUBLISHED.value
            or clock.as_utc(seminar.starts_at) <= clock.now()):
        return promoted  # nobody moves up into a seminar that has begun
    waiting = session.exec(select(Registration).where(
        Registration.seminar_id == seminar.id,
        Registration.status == RegistrationStatus.WAITLISTED.value)
        .order_by(Registration.id)).all()
    limit = seminar.per_organization_limit
    for candidate in waiting:
        if limit is not None and _confirmed_of_organization(
                session, seminar.id, candidate.organization_id) >= limit:
            continue
        if not _take_seat(session, seminar):
            break
        candidate.status = RegistrationStatus.CONFIRMED.value
        candidate.confirmed_at = clock.now()
        session.add(candidate)
        session.flush()
        promoted.append(candidate)
        audit.record(session, action="registration.promoted", object_type="registration",
                     object_id=candidate.id, organization_id=candidate.organization_id,
                     actor_label="waitlist", after={"seminar_id": seminar.id})
        fees.charge_seat(session, None, seminar, candidate)
        notices.promoted(session, seminar, candidate)
    return promoted


def cancel_registration(session: Session, actor: Actor, registration_id: object) -> None:
    """Before the deadline a participant (or their org_manager, or staff) cancels; a freed seat
    goes to the waitlist in the same transaction."""
    registration = get_or_not_found(session, Registration, registration_id)
    if registration.user_id != actor.user_id and not is_allowed(
            actor, Action.REGISTER_COLLEAGUES, registration.organization_id):
        raise refusal(actor, registration.organization_id)
    seminar = lock_seminar(session, registration.seminar_id)
    session.refresh(registration)
    if registration.status not in ACTIVE:
        raise Conflict("registration.not_active")
    if clock.now() > clock.as_utc(seminar.registration_deadline) and not actor.is_staff:
        raise ValidationFailed("registration.cancel_closed")
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED.value
    registration.status = RegistrationStatus.CANCELLED.value
    registration.cancelled_at = clock.now()
    session.add(registration)
    if was_confirmed:
        session.exec(update(Seminar).where(Seminar.id == seminar.id)
                     .values(seats_taken=Seminar.seats_taken - 1))
        session.flush()
        session.refresh(seminar)
        calendars.mark_changed(seminar)  # the person's CANCEL outranks every earlier entry
        session.add(seminar)
    audit.record(session, action="registration.cancelled", object_type="registration",
                 object_id=registration.id, actor_user_id=actor.user_id,
                 organization_id=registration.organization_id,
                 before={"status": RegistrationStatus.CONFIRMED.value if was_confirmed
                         else RegistrationStatus.WAITLISTED.value},
                 after={"status": registration.status}, client_ip=actor.client_ip)
    notices.registration_cancelled(session, seminar, registration, had_seat=was_confirmed)
    if was_confirmed:
        fill_free_seats(session, seminar)
