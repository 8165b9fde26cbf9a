"""The network's activity report for staff and funders: for a period (whole days, local time),
the seminars held with their participants by organization kind and federal state, the member
organizations reached, the exchange's posts published, interests expressed and cooperations
started. Every figure is one aggregate query; the presenters turn it into the page, CSV and PDF.

- a seminar is *held* when it is published (not cancelled) and started within the period;
- a *participant* is a confirmed registration marked attended for such a seminar;
- an organization is *reached* when one of its people attended such a seminar, or it published
  a post, or expressed interest in one, within the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, union
from sqlmodel import Session, select

from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.permissions import Action, require
from harzportal.exchange.models import Interest, Post
from harzportal.organizations.models import Organization
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar, SeminarStatus

MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class ActivityReport:
    start: date
    end: date
    seminars_held: int
    participants: int
    participants_by_kind: tuple[tuple[str, int], ...]  # (OrganizationKind value, count)
    participants_by_state: tuple[tuple[str, int], ...]  # (FederalState value, count)
    organizations_reached: int
    posts_published: int
    interests_expressed: int
    cooperations_started: int


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period's first moment and the moment after its last day, local time."""
    return (datetime.combine(start, time(0), tzinfo=clock.LOCAL_ZONE),
            datetime.combine(end + timedelta(days=1), time(0), tzinfo=clock.LOCAL_ZONE))


def check_period(start: object, end: object) -> tuple[date, date]:
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationFailed("report.period_invalid", field="start")
    if end < start:
        raise ValidationFailed("report.period_reversed", field="end")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationFailed("report.period_too_long", field="end", days=MAX_PERIOD_DAYS)
    return start, end


def _count(session: Session, query) -> int:
    return session.exec(select(func.count()).select_from(query.subquery())).one()


def activity_report(session: Session, actor: Actor, start: object, end: object
                    ) -> ActivityReport:
    require(actor, Action.VIEW_ACTIVITY_REPORT)
    start, end = check_period(start, end)
    since, until = period_bounds(start, end)
    held = select(Seminar.id).where(Seminar.status == SeminarStatus.PUBLISHED.value,
                                    Seminar.starts_at >= since, Seminar.starts_at < until,
                                    Seminar.starts_at <= clock.now())
    attended = select(Registration.organization_id).where(
        Registration.seminar_id.in_(held), Registration.attended.is_(True),
        Registration.status == RegistrationStatus.CONFIRMED.value)

    def by(column) -> tuple[tuple[str, int], ...]:
        rows = session.exec(
            select(column, func.count()).select_from(Registration)
            .join(Organization, Organization.id == Registration.organization_id)
            .where(Registration.seminar_id.in_(held), Registration.attended.is_(True),
                   Registration.status == RegistrationStatus.CONFIRMED.value)
            .group_by(column).order_by(func.count().desc(), column)).all()
        return tuple((value, count) for value, count in rows)

    published = select(Post.organization_id).where(Post.published_at >= since,
                                                   Post.published_at < until)
    interested = select(Interest.organization_id).where(Interest.created_at >= since,
                                                        Interest.created_at < until)
    reached = union(attended, published, interested).subquery()
    return ActivityReport(
        start=start, end=end,
        seminars_held=_count(session, held),
        participants=_count(session, attended),
        participants_by_kind=by(Organization.kind),
        participants_by_state=by(Organization.federal_state),
        organizations_reached=session.exec(
            select(func.count(func.distinct(reached.c[0])))).one(),
        posts_published=_count(session, published),
        interests_expressed=_count(session, interested),
        cooperations_started=_count(session, select(Post.id).where(
            Post.cooperation_started_at >= since, Post.cooperation_started_at < until)))
