"""The staff's view of the network: what waits for them and how the network is doing.

Figures come with their chart data (numbers) and a table of the same values (text)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import case, func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit.models import AuditEvent
from harzportal.core import clock, formatting
from harzportal.core.actor import Actor
from harzportal.core.i18n import translate
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


def _approvals(session: Session, lang: str) -> dict[str, str]:
    count, oldest = session.exec(select(func.count(), func.min(ChangeRequest.created_at)).where(
        ChangeRequest.status == ChangeRequestStatus.OPEN.value)).one()
    age = (clock.now() - clock.as_utc(oldest)).days if oldest else 0
    return {"count": formatting.number(count, lang),
            "oldest": translate("dashboard.oldest_days", lang, days=age) if count else ""}


def _fees(session: Session, lang: str) -> dict[str, str]:
    today = clock.today()
    outstanding, overdue_count, overdue_amount = session.exec(select(
        func.coalesce(func.sum(Invoice.gross_cents - Invoice.paid_cents), 0),
        func.coalesce(func.sum(case((Invoice.due_date < today, 1), else_=0)), 0),
        func.coalesce(func.sum(case((Invoice.due_date < today,
                                     Invoice.gross_cents - Invoice.paid_cents), else_=0)), 0),
    ).where(Invoice.kind == InvoiceKind.INVOICE.value,
            Invoice.status == InvoiceStatus.ISSUED.value)).one()
    return {"outstanding": formatting.money(outstanding, lang),
            "overdue_count": formatting.number(overdue_count, lang),
            "overdue_amount": formatting.money(overdue_amount, lang)}


def _seminar_fill(session: Session, lang: str) -> list[dict]:
    seminars = session.exec(select(Seminar).where(
        Seminar.status == SeminarStatus.PUBLISHED.value, Seminar.starts_at >= clock.now())
        .order_by(Seminar.starts_at).limit(NEXT_SEMINARS)).all()
    return [{"label": s.title if len(s.title) <= 20 else s.title[:19] + "…",
             "title": s.title, "value": round(100 * s.seats_taken / s.capacity),
             "text": f"{s.seats_taken} / {s.capacity}"} for s in seminars]


def _downloads_by_month(session: Session, lang: str) -> list[dict]:
    since = clock.now() - timedelta(days=31 * DOWNLOAD_MONTHS)
    month = (func.to_char(AuditEvent.occurred_at, "YYYY-MM")
             if session.get_bind().dialect.name == "postgresql"
             else func.strftime("%Y-%m", AuditEvent.occurred_at))
    rows = session.exec(select(month, func.count()).where(
        AuditEvent.action == "document.download", AuditEvent.occurred_at >= since)
        .group_by(month).order_by(month)).all()
    return [{"label": label, "value": count, "text": formatting.number(count, lang)}
            for label, count in rows]


def _members_by(session: Session, column, prefix: str, lang: str) -> list[dict]:
    rows = session.exec(select(column, func.count()).where(
        Organization.status == MembershipStatus.ACTIVE.value)
        .group_by(column).order_by(func.count().desc(), column)).all()
    return [{"label": translate(f"{prefix}{key}", lang), "value": count,
             "text": formatting.number(count, lang)} for key, count in rows]


def network_view(session: Session, actor: Actor) -> dict:
    lang = actor.language
    by_kind = _members_by(session, Organization.kind, "org_kind.", lang)
    users = session.exec(select(func.count()).select_from(User).where(User.is_active)).one()
    return {
        "members": formatting.number(sum(row["value"] for row in by_kind), lang),
        "active_users": formatting.number(users, lang),
        "approvals": _approvals(session, lang),
        "fees": _fees(session, lang),
        "by_kind": by_kind,
        "by_state": _members_by(session, Organization.federal_state, "federal_state.", lang),
        "seminar_fill": _seminar_fill(session, lang),
        "downloads": _downloads_by_month(session, lang),
    }
