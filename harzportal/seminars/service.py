"""Seminars for staff (create, edit, publish, cancel) and the catalogue everyone reads."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, ValidationFailed
from harzportal.core.forms import parse_form
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.core.text import single_line
from harzportal.seminars import calendars, notices, registrations
from harzportal.seminars.access import staff_seminar
from harzportal.seminars.forms import TOPICS, SeminarForm
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus

PAGE_SIZE = 12


def validate_seminar(form: object) -> SeminarForm:
    """The staff form's values, checked (a SeminarForm passes as it is)."""
    return form if isinstance(form, SeminarForm) else parse_form(SeminarForm, form)


def _search_text(values: dict) -> str:
    return " ".join([values["title"], values["speakers"], values["venue"]]).casefold()[:1000]


def _calendar_changes(seminar: Seminar, values: dict) -> bool:
    """Whether the new values change what calendars show (time or place)."""
    def same(old, new) -> bool:
        if isinstance(old, datetime) and isinstance(new, datetime):
            return clock.as_utc(old) == clock.as_utc(new)
        return old == new
    return not all(same(getattr(seminar, name), values[name])
                   for name in calendars.CALENDAR_FIELDS)


def _send_updated_entries(session: Session, seminar: Seminar) -> None:
    """Every confirmed participant gets the changed entry (SEQUENCE already raised)."""
    for registration in session.exec(select(Registration).where(
            Registration.seminar_id == seminar.id,
            Registration.status == RegistrationStatus.CONFIRMED.value)
            .order_by(Registration.id)):
        notices.seminar_changed(session, seminar, registration)


def save_seminar(session: Session, actor: Actor, seminar_id: object, form: object) -> Seminar:
    """Create (seminar_id None) or change a seminar. A larger capacity promotes the waitlist."""
    require(actor, Action.MANAGE_SEMINARS)
    values = validate_seminar(form).model_dump()
    if seminar_id is None:
        seminar = Seminar(**values, search_text=_search_text(values))
        session.add(seminar)
        session.flush()
        before = None
    else:
        seminar = registrations.lock_seminar(session, staff_seminar(session, actor, seminar_id).id)
        if seminar.status == SeminarStatus.CANCELLED.value:
            raise Conflict("seminar.is_cancelled")
        if values["capacity"] < seminar.seats_taken:
            raise ValidationFailed("seminar.capacity_below_taken", field="capacity",
                                   taken=seminar.seats_taken)
        before = {name: str(getattr(seminar, name)) for name in values}
        moved = _calendar_changes(seminar, values)
        for name, value in values.items():
            setattr(seminar, name, value)
        seminar.search_text = _search_text(values)
        if moved:
            calendars.mark_changed(seminar)
        session.add(seminar)
        session.flush()
        if moved:
            _send_updated_entries(session, seminar)
        registrations.fill_free_seats(session, seminar)
    audit.record(session, action="seminar.saved", object_type="seminar", object_id=seminar.id,
                 actor_user_id=actor.user_id, before=before,
                 after={name: str(value) for name, value in values.items()},
                 client_ip=actor.client_ip)
    return seminar


def publish_seminar(session: Session, actor: Actor, seminar_id: object) -> None:
    seminar = staff_seminar(session, actor, seminar_id)
    if seminar.status != SeminarStatus.DRAFT.value:
        raise Conflict("seminar.not_draft")
    seminar.status = SeminarStatus.PUBLISHED.value
    session.add(seminar)
    audit.record(session, action="seminar.published", object_type="seminar",
                 object_id=seminar.id, actor_user_id=actor.user_id, client_ip=actor.client_ip)


def cancel_seminar(session: Session, actor: Actor, seminar_id: object) -> int:
    """Cancel the seminar before it starts and tell everyone registered or waitlisted;
    returns how many."""
    seminar = registrations.lock_seminar(session, staff_seminar(session, actor, seminar_id).id)
    if seminar.status == SeminarStatus.CANCELLED.value:
        raise Conflict("seminar.is_cancelled")
    if clock.as_utc(seminar.starts_at) <= clock.now():
        raise Conflict("seminar.already_started")
    seminar.status = SeminarStatus.CANCELLED.value
    calendars.mark_changed(seminar)
    session.add(seminar)
    active = session.exec(select(Registration).where(
        Registration.seminar_id == seminar.id,
        Registration.status != RegistrationStatus.CANCELLED.value)).all()
    for registration in active:
        notices.seminar_cancelled(session, seminar, registration)
    audit.record(session, action="seminar.cancelled", object_type="seminar",
                 object_id=seminar.id, actor_user_id=actor.user_id,
                 after={"notified": len(active)}, client_ip=actor.client_ip)
    return len(active)


def get_seminar_form(session: Session, actor: Actor, seminar_id: object) -> Seminar:
    """The seminar as the staff form shows it again."""
    return staff_seminar(session, actor, seminar_id)


def _month_bounds(month: str) -> tuple[datetime, datetime] | None:
    try:
        first = datetime.strptime(month, "%Y-%m").replace(tzinfo=clock.LOCAL_ZONE)
        following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
        return first.astimezone(UTC), following.astimezone(UTC)
    except (TypeError, ValueError, OverflowError):  # no month, or one at the calendar's ends
        return None


# What a list of seminars shows (the catalogue, the staff's list): these columns, not whole rows.
SeminarSummary = summary_of(
    "SeminarSummary", Seminar.id, Seminar.title, Seminar.topic, Seminar.starts_at,
    Seminar.ends_at, Seminar.venue, Seminar.capacity, Seminar.seats_taken, Seminar.fee_cents,
    Seminar.status)


def list_catalogue(session: Session, actor: Actor, *, topic: object = "", month: object = "",
                   search: object = "", page: object = 1) -> Page[SeminarSummary]:
    """Upcoming published seminars, soonest first."""
    require(actor, Action.VIEW_SEMINARS)
    query = select_summaries(SeminarSummary).where(
        Seminar.status == SeminarStatus.PUBLISHED.value, Seminar.ends_at >= clock.now())
    if topic in TOPICS:
        query = query.where(Seminar.topic == topic)
    bounds = _month_bounds(month) if isinstance(month, str) and month else None
    if bounds:
        query = query.where(Seminar.starts_at >= bounds[0], Seminar.starts_at < bounds[1])
    for word in single_line(search)[:100].casefold().split():
        query = query.where(Seminar.search_text.contains(word, autoescape=True))
    return paginate(session, query.order_by(Seminar.starts_at, Seminar.id), page,
                    PAGE_SIZE).map(SeminarSummary.of)


def list_staff_seminars(session: Session, actor: Actor, page: object = 1
                        ) -> Page[SeminarSummary]:
    """Every seminar for staff, newest start first, drafts and cancelled ones included."""
    require(actor, Action.MANAGE_SEMINARS)
    return paginate(session, select_summaries(SeminarSummary).order_by(
        Seminar.starts_at.desc(), Seminar.id.desc()), page, PAGE_SIZE).map(SeminarSummary.of)
