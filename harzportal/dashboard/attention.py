"""What needs a member's attention now, each item linking to where it is handled: open and
overdue invoices (for those who may see them), their upcoming seminars, documents new since
their last visit, and the state of their organization's change request."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import case, func
from sqlmodel import Session, select

from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.formatting import day, money
from harzportal.core.i18n import translate
from harzportal.documents.library import count_new
from harzportal.invoices.access import may_view_invoices
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus
from harzportal.organizations.models import ChangeRequest, ChangeRequestStatus
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar
from harzportal.seminars.views import when

UPCOMING_SHOWN = 3
DECIDED_RECENTLY = timedelta(days=30)


def _item(icon: str, tone: str, text: str, href: str) -> dict[str, str]:
    return {"icon": icon, "tone": tone, "text": text, "href": href}


def _invoices(session: Session, actor: Actor) -> list[dict]:
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
    text = translate("attention.invoices", actor.language, count=open_count,
                     overdue=overdue or 0, amount=money(outstanding, actor.language))
    return [_item("receipt_euro", "red" if overdue else "blue", text, "/invoices")]


def _seminars(session: Session, actor: Actor) -> list[dict]:
    rows = session.exec(
        select(Registration, Seminar).join(Seminar, Seminar.id == Registration.seminar_id)
        .where(Registration.user_id == actor.user_id,
               Registration.status.in_([RegistrationStatus.CONFIRMED.value,
                                        RegistrationStatus.WAITLISTED.value]),
               Seminar.starts_at >= clock.now())
        .order_by(Seminar.starts_at).limit(UPCOMING_SHOWN)).all()
    return [_item("graduation_cap", "amber" if registration.status == "waitlisted" else "green",
                  translate(f"attention.seminar_{registration.status}", actor.language,
                            title=seminar.title, when=when(seminar, actor.language)),
                  f"/seminars/{seminar.id}") for registration, seminar in rows]


def _documents(session: Session, actor: Actor) -> list[dict]:
    new = count_new(session, actor)
    if not new:
        return []
    return [_item("folder_open", "orange",
                  translate("attention.documents", actor.language, count=new), "/documents")]


def _change_request(session: Session, actor: Actor) -> list[dict]:
    request = session.exec(
        select(ChangeRequest).where(ChangeRequest.organization_id == actor.organization_id)
        .order_by(ChangeRequest.updated_at.desc(), ChangeRequest.id.desc())).first()
    href = f"/organizations/{actor.organization_id}"
    if request is None:
        return []
    if request.status == ChangeRequestStatus.OPEN.value:
        return [_item("hourglass", "amber", translate(
            "attention.change_open", actor.language,
            date=day(clock.as_utc(request.created_at).date(), actor.language)), href)]
    if request.status == ChangeRequestStatus.DECIDED.value and request.decided_at and \
            clock.now() - clock.as_utc(request.decided_at) <= DECIDED_RECENTLY:
        return [_item("circle_check", "green", translate(
            "attention.change_decided", actor.language,
            date=day(clock.as_utc(request.decided_at).date(), actor.language)), href)]
    return []


def member_attention(session: Session, actor: Actor) -> list[dict[str, str]]:
    if actor.organization_id is None:
        return []
    return (_invoices(session, actor) + _change_request(session, actor)
            + _seminars(session, actor) + _documents(session, actor))
