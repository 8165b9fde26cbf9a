"""Seminars for staff (create, edit, publish, cancel) and the catalogue everyone reads."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.formatting import money
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id, parse_id
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.invoices.amounts import parse_euro_amount
from harzportal.organizations.profile import normalize_website
from harzportal.seminars import notices, registrations
from harzportal.seminars.models import (
    Registration,
    RegistrationStatus,
    Seminar,
    SeminarStatus,
    Topic,
)
from harzportal.seminars.views import seminar_row

TOPICS = tuple(topic.value for topic in Topic)
MAX_CAPACITY = 10_000
PAGE_SIZE = 12
LIMITS = {"title": 200, "description": 6000, "speakers": 500, "venue": 300}
MAX_LINK_LENGTH = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def parse_local_moment(raw: object, field: str) -> datetime:
    """'2027-03-04T09:30' as typed in Germany -> an aware UTC datetime."""
    try:
        local = datetime.fromisoformat(raw.strip()) if isinstance(raw, str) else None
    except ValueError:
        local = None
    if local is None or local.tzinfo is not None:
        raise ValidationFailed("seminar.moment_invalid", field=field)
    try:
        return local.replace(tzinfo=clock.LOCAL_ZONE).astimezone(UTC)
    except OverflowError:  # the first hours of year 1 have no UTC moment
        raise ValidationFailed("seminar.moment_invalid", field=field) from None


def _text(values: dict, name: str, *, required: bool = False, multiline: bool = False) -> str:
    raw = values.get(name)
    if multiline:
        text = (raw if isinstance(raw, str) else "").replace("\r\n", "\n")
        text = _CONTROL.sub("", text).strip()  # line breaks and tabs stay; NUL & co. do not
    else:
        text = single_line(raw)
    if required and len(text) < 3:
        raise ValidationFailed("seminar.required", field=name)
    if len(text) > LIMITS[name]:
        raise ValidationFailed("profile.too_long", field=name, limit=LIMITS[name])
    return text


def validate_seminar(form: object) -> dict:
    values = form if isinstance(form, dict) else {}
    clean = {
        "title": _text(values, "title", required=True),
        "description": _text(values, "description", multiline=True),
        "speakers": _text(values, "speakers"),
        "venue": _text(values, "venue"),
    }
    if values.get("topic") not in TOPICS:
        raise ValidationFailed("seminar.topic_invalid", field="topic")
    clean["topic"] = values["topic"]
    link = single_line(values.get("online_link"))
    if len(link) > MAX_LINK_LENGTH:
        raise ValidationFailed("profile.too_long", field="online_link", limit=MAX_LINK_LENGTH)
    try:
        clean["online_link"] = normalize_website(link) if link else ""
    except ValidationFailed as error:
        raise ValidationFailed(error.message_key, field="online_link") from None
    if not clean["venue"] and not clean["online_link"]:
        raise ValidationFailed("seminar.place_required", field="venue")
    for name in ("starts_at", "ends_at", "registration_opens_at", "registration_deadline"):
        clean[name] = parse_local_moment(values.get(name), name)
    if clean["ends_at"] <= clean["starts_at"]:
        raise ValidationFailed("seminar.ends_before_start", field="ends_at")
    if clean["registration_deadline"] > clean["starts_at"]:
        raise ValidationFailed("seminar.deadline_after_start", field="registration_deadline")
    if clean["registration_opens_at"] >= clean["registration_deadline"]:
        raise ValidationFailed("seminar.opens_after_deadline", field="registration_opens_at")
    capacity = parse_id(values.get("capacity"))
    if capacity is None or capacity > MAX_CAPACITY:
        raise ValidationFailed("seminar.capacity_invalid", field="capacity")
    clean["capacity"] = capacity
    limit_text = single_line(values.get("per_organization_limit"))
    limit = parse_id(limit_text) if limit_text else None
    if limit_text and (limit is None or limit > capacity):
        raise ValidationFailed("seminar.limit_invalid", field="per_organization_limit")
    clean["per_organization_limit"] = limit
    fee_text = single_line(values.get("fee"))
    clean["fee_cents"] = parse_euro_amount(fee_text, field="fee") if fee_text else 0
    return clean


def _search_text(values: dict) -> str:
    return " ".join([values["title"], values["speakers"], values["venue"]]).casefold()[:1000]


def _staff_seminar(session: Session, actor: Actor, seminar_id: object) -> Seminar:
    require(actor, Action.MANAGE_SEMINARS)
    seminar = session.get(Seminar, seminar_id) if is_id(seminar_id) else None
    if seminar is None:
        raise NotFound()
    return seminar


def save_seminar(session: Session, actor: Actor, seminar_id: object, form: object) -> Seminar:
    """Create (seminar_id None) or change a seminar. A larger capacity promotes the waitlist."""
    require(actor, Action.MANAGE_SEMINARS)
    values = validate_seminar(form)
    if seminar_id is None:
        seminar = Seminar(**values, search_text=_search_text(values))
        session.add(seminar)
        session.flush()
        before = None
    else:
        seminar = _staff_seminar(session, actor, seminar_id)
        registrations.lock_seminar(session, seminar.id)
        session.refresh(seminar)
        if seminar.status == SeminarStatus.CANCELLED.value:
            raise Conflict("seminar.is_cancelled")
        if values["capacity"] < seminar.seats_taken:
            raise ValidationFailed("seminar.capacity_below_taken", field="capacity",
                                   taken=seminar.seats_taken)
        before = {name: str(getattr(seminar, name)) for name in values}
        for name, value in values.items():
            setattr(seminar, name, value)
        seminar.search_text = _search_text(values)
        session.add(seminar)
        session.flush()
        registrations.fill_free_seats(session, seminar)
    audit.record(session, action="seminar.saved", object_type="seminar", object_id=seminar.id,
                 actor_user_id=actor.user_id, before=before,
                 after={name: str(value) for name, value in values.items()},
                 client_ip=actor.client_ip)
    return seminar


def publish_seminar(session: Session, actor: Actor, seminar_id: object) -> None:
    seminar = _staff_seminar(session, actor, seminar_id)
    if seminar.status != SeminarStatus.DRAFT.value:
        raise Conflict("seminar.not_draft")
    seminar.status = SeminarStatus.PUBLISHED.value
    session.add(seminar)
    audit.record(session, action="seminar.published", object_type="seminar",
                 object_id=seminar.id, actor_user_id=actor.user_id, client_ip=actor.client_ip)


def cancel_seminar(session: Session, actor: Actor, seminar_id: object) -> int:
    """Cancel the seminar before it starts and tell everyone registered or waitlisted;
    returns how many."""
    seminar = _staff_seminar(session, actor, seminar_id)
    if seminar.status == SeminarStatus.CANCELLED.value:
        raise Conflict("seminar.is_cancelled")
    if clock.as_utc(seminar.starts_at) <= clock.now():
        raise Conflict("seminar.already_started")
    seminar.status = SeminarStatus.CANCELLED.value
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


def get_seminar_form(session: Session, actor: Actor, seminar_id: object) -> dict[str, str]:
    seminar = _staff_seminar(session, actor, seminar_id)

    def local(moment: datetime) -> str:
        return clock.as_utc(moment).astimezone(clock.LOCAL_ZONE).strftime("%Y-%m-%dT%H:%M")

    return {
        "title": seminar.title, "topic": seminar.topic, "description": seminar.description,
        "speakers": seminar.speakers, "venue": seminar.venue, "online_link": seminar.online_link,
        "starts_at": local(seminar.starts_at), "ends_at": local(seminar.ends_at),
        "registration_opens_at": local(seminar.registration_opens_at),
        "registration_deadline": local(seminar.registration_deadline),
        "capacity": str(seminar.capacity),
        "per_organization_limit": str(seminar.per_organization_limit or ""),
        "fee": f"{seminar.fee_cents // 100},{seminar.fee_cents % 100:02d}"
        if seminar.fee_cents else "",
        "status": seminar.status,
    }


def _month_bounds(month: str) -> tuple[datetime, datetime] | None:
    try:
        first = datetime.strptime(month, "%Y-%m").replace(tzinfo=clock.LOCAL_ZONE)
        following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
        return first.astimezone(UTC), following.astimezone(UTC)
    except (TypeError, ValueError, OverflowError):  # no month, or one at the calendar's ends
        return None


def list_catalogue(session: Session, actor: Actor, *, topic: object = "", month: object = "",
                   search: object = "", page: object = 1) -> dict:
    """Upcoming published seminars, soonest first, with free seats."""
    require(actor, Action.VIEW_SEMINARS)
    query = select(Seminar).where(Seminar.status == SeminarStatus.PUBLISHED.value,
                                  Seminar.ends_at >= clock.now())
    if topic in TOPICS:
        query = query.where(Seminar.topic == topic)
    bounds = _month_bounds(month) if isinstance(month, str) and month else None
    if bounds:
        query = query.where(Seminar.starts_at >= bounds[0], Seminar.starts_at < bounds[1])
    for word in single_line(search)[:100].casefold().split():
        query = query.where(Seminar.search_text.contains(word, autoescape=True))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages) if is_id(page) else 1
    seminars = session.exec(query.order_by(Seminar.starts_at, Seminar.id)
                            .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return {"rows": [seminar_row(s, actor.language) for s in seminars], "page": page,
            "pages": pages, "total": total}


def list_staff_seminars(session: Session, actor: Actor, page: object = 1) -> dict:
    """Every seminar for staff, newest start first, drafts and cancelled ones included."""
    require(actor, Action.MANAGE_SEMINARS)
    total = session.exec(select(func.count()).select_from(Seminar)).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages) if is_id(page) else 1
    seminars = session.exec(select(Seminar).order_by(Seminar.starts_at.desc(), Seminar.id.desc())
                            .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    rows = []
    for seminar in seminars:
        row = seminar_row(seminar, actor.language)
        row["status_label"] = translate(f"seminar.status.{seminar.status}", actor.language)
        row["fee"] = money(seminar.fee_cents, actor.language) if seminar.fee_cents else "—"
        rows.append(row)
    return {"rows": rows, "page": page, "pages": pages, "total": total}
