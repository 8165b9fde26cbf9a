"""The staff's view of the network: what waits for them and how the network is doing.

Typed figures (counts, cents); dashboard.presenter turns them into chart data and text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from sqlalchemy import case, func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestStatus,
    MembershipStatus,
    Organization,
)
from harzportal.seminars.models import Seminar, SeminarStatus

NEXT_SEMINARS = 6
DOWNLOAD_MONTHS = 12


@dataclass(frozen=True)
class Approvals:
    count: int
    oldest_days: int | None  # age of the oldest open change request; None when there is none


@dataclass(frozen=True)
class Fees:
    outstanding_cents: int
    overdue_count: int
    overdue_cents: int


@dataclass(frozen=True)
class SeminarFill:
    title: str
    seats_taken: int
    capacity: int


@dataclass(frozen=True)
class Tally:
    """How many there are of one value (an organization kind, a federal state, a month)."""

    key: str
    count: int


@dataclass(frozen=True)
class NetworkFigures:
    members: int
    active_users: int
    approvals: Approvals
    fees: Fees
    by_kind: tuple[Tally, ...]
    by_state: tuple[Tally, ...]
    seminar_fill: tuple[SeminarFill, ...]
    downloads: tuple[Tally, ...]  # key: the month as YYYY-MM


def _approvals(session: Session) -> Approvals:
    count, oldest = session.exec(select(func.count(), func.min(ChangeRequest.created_at)).where(
        ChangeRequest.status == ChangeRequestStatus.OPEN.value)).one()
    age = (clock.now() - clock.as_utc(oldest)).days if count and oldest else None
    return Approvals(count=count, oldest_days=age)


def _fees(session: Session) -> Fees:
    today = clock.today()
    outstanding, overdue_count, overdue_amount = session.exec(select(
        func.coalesce(func.sum(Invoice.gross_cents - Invoice.paid_cents), 0),
        func.coalesce(func.sum(case((Invoice.due_date < today, 1), else_=0)), 0),
        func.coalesce(func.sum(case((Invoice.due_date < today,
                                     Invoice.gross_cents - Invoice.paid_cents), else_=0)), 0),
    ).where(Invoice.kind == InvoiceKind.INVOICE.value,
            Invoice.status == InvoiceStatus.ISSUED.value)).one()
    return Fees(outstanding_cents=outstanding, overdue_count=overdue_count,
                overdue_cents=overdue_amount)


def _seminar_fill(session: Session) -> tuple[SeminarFill, ...]:
    seminars = session.exec(select(Seminar).where(
        Seminar.status == SeminarStatus.PUBLISHED.value, Seminar.starts_at >= clock.now())
        .order_by(Seminar.starts_at).limit(NEXT_SEMINARS)).all()
    return tuple(SeminarFill(title=s.title, seats_taken=s.seats_taken, capacity=s.capacity)
                 for s in seminars)


def _downloads_by_month(session: Session) -> tuple[Tally, ...]:
    """Downloads in this month and the 11 before it (local months), a tally each."""
    since = datetime.combine(clock.month_start(DOWNLOAD_MONTHS - 1), time(),
                             tzinfo=clock.LOCAL_ZONE).astimezone(UTC)
    month = (func.to_char(AuditEvent.occurred_at, "YYYY-MM")
             if session.get_bind().dialect.name == "postgresql"
             else func.strftime("%Y-%m", AuditEvent.occurred_at))
    rows = session.exec(select(month, func.count()).where(
        AuditEvent.action == "document.download", AuditEvent.occurred_at >= since)
        .group_by(month).order_by(month)).all()
    return tuple(Tally(key=label, count=count) for label, count in rows)


def _members_by(session: Session, column) -> tuple[Tally, ...]:
    rows = session.exec(select(column, func.count()).where(
        Organization.status == MembershipStatus.ACTIVE.value)
        .group_by(column).order_by(func.count().desc(), column)).all()
    return tuple(Tally(key=key, count=count) for key, count in rows)


def network_figures(session: Session) -> NetworkFigures:
    by_kind = _members_by(session, Organization.kind)
    users = session.exec(select(func.count()).select_from(User).where(User.is_active)).one()
    return NetworkFigures(
        members=sum(tally.count for tally in by_kind),
        active_users=users,
        approvals=_approvals(session),
        fees=_fees(session),
        by_kind=by_kind,
        by_state=_members_by(session, Organization.federal_state),
        seminar_fill=_seminar_fill(session),
        downloads=_downloads_by_month(session),
    )
