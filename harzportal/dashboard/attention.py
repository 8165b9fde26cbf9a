"""What needs a member's attention now: open and overdue invoices (for those who may see
them), their upcoming seminars, documents new since their last visit, and the state of their
organization's change request. Typed results; dashboard.presenter words and links them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func
from sqlmodel import Session, select

from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.documents.library import count_new
from harzportal.invoices.access import may_view_invoices
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus
from harzportal.organizations.models import ChangeRequest, ChangeRequestStatus
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar

UPCOMING_SHOWN = 3
DECIDED_RECENTLY = timedelta(days=30)


@dataclass(frozen=True)
class OpenInvoices:
    count: int
    overdue: int
    outstanding_cents: int


@dataclass(frozen=True)
class ChangeRequestNews:
    """The organization's change request: open since `on`, or decided on `on` (recently)."""

    organization_id: int
    decided: bool
    on: date


@dataclass(frozen=True)
class UpcomingSeminar:
    seminar: Seminar
    waitlisted: bool


@dataclass(frozen=True)
class NewDocuments:
    count: int


Attention = OpenInvoices | ChangeRequestNews | UpcomingSeminar | NewDocuments


def _invoices(session: Session, actor: Actor) -> list[Attention]:
    if not may_view_invoices(session, actor, actor.organization_id):
        return []
    today = clock.today()
    open_count, overdue, outstanding = session.exec(
        select(func.count(), func.sum(case((Invoice.due_date < today, 1), else_=0)),
               func.coalesce(func.sum(Invoice.gross_cents - Invoice.paid_cents), 0))
        .where(Invoice.organization_id == actor.organization_id,
               Invoice.kind == InvoiceKind.INVOICE.value,
               Invoice.status == InvoiceStatus.ISSUED.value)).one()
    if not open_count:
        return []
    return [OpenInvoices(count=open_count, overdue=overdue or 0, outstanding_cents=outstanding)]


def _seminars(session: Session, actor: Actor) -> list[Attention]:
    rows = session.exec(
        select(Registration, Seminar).join(Seminar, Seminar.id == Registration.seminar_id)
        .where(Registration.user_id == actor.user_id,
               Registration.status.in_([RegistrationStatus.CONFIRMED.value,
                                        RegistrationStatus.WAITLISTED.value]),
               Seminar.starts_at >= clock.now())
        .order_by(Seminar.starts_at).limit(UPCOMING_SHOWN)).all()
    return [UpcomingSeminar(seminar=seminar,
                            waitlisted=registration.status == RegistrationStatus.WAITLISTED)
            for registration, seminar in rows]


def _documents(session: Session, actor: Actor) -> list[Attention]:
    new = count_new(session, actor)
    return [NewDocuments(count=new)] if new else []


def _change_request(session: Session, actor: Actor) -> list[Attention]:
    request = session.exec(
        select(ChangeRequest).where(ChangeRequest.organization_id == actor.organization_id)
        .order_by(ChangeRequest.updated_at.desc(), ChangeRequest.id.desc())).first()
    if request is None:
        return []
    if request.status == ChangeRequestStatus.OPEN.value:
        return [ChangeRequestNews(organization_id=actor.organization_id, decided=False,
                                  on=clock.as_utc(request.created_at).date())]
    if request.status == ChangeRequestStatus.DECIDED.value and request.decided_at and \
            clock.now() - clock.as_utc(request.decided_at) <= DECIDED_RECENTLY:
        return [ChangeRequestNews(organization_id=actor.organization_id, decided=True,
                                  on=clock.as_utc(request.decided_at).date())]
    return []


def member_attention(session: Session, actor: Actor) -> tuple[Attention, ...]:
    if actor.organization_id is None:
        return ()
    return tuple(_invoices(session, actor) + _change_request(session, actor)
                 + _seminars(session, actor) + _documents(session, actor))
