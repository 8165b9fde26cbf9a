"""Retention: delete what is no longer needed after configurable periods (GDPR storage
limitation). Sessions that ended, login failures and outbox mails that were delivered or given up.

Audit events, invoices and registrations are kept: they are records the network must keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, delete, or_

from harzportal.accounts.models import AccountToken, AuthSession, LoginFailure
from harzportal.core import clock
from harzportal.mail.models import OutboxEmail, OutboxStatus
from harzportal.settings import get as get_settings

FINISHED_MAIL = (OutboxStatus.SENT.value, OutboxStatus.FAILED.value, OutboxStatus.HELD.value)


@dataclass(frozen=True)
class Purged:
    sessions: int
    login_failures: int
    account_tokens: int
    mails: int


def purge_expired(session: Session) -> Purged:
    settings = get_settings()
    now = clock.now()
    session_cutoff = now - timedelta(days=settings.retention_session_days)
    sessions = session.exec(delete(AuthSession).where(or_(
        AuthSession.expires_at < session_cutoff,
        AuthSession.last_seen_at < session_cutoff))).rowcount
    failures = session.exec(delete(LoginFailure).where(
        LoginFailure.failed_at < now - timedelta(days=settings.retention_login_failure_days))
    ).rowcount
    tokens = session.exec(delete(AccountToken).where(
        AccountToken.expires_at < session_cutoff)).rowcount
    mails = session.exec(delete(OutboxEmail).where(
        OutboxEmail.status.in_(FINISHED_MAIL),
        OutboxEmail.created_at < now - timedelta(days=settings.retention_mail_days))).rowcount
    return Purged(sessions=sessions, login_failures=failures, account_tokens=tokens, mails=mails)
