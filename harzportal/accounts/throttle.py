"""Throttling over a sliding window: failed logins lock their account and slow their client
address down (never lock it); password reset requests are limited per address and per client
address.

Reset requests are counted from the audit trail: every request that is served is recorded there
as `auth.password_reset_requested` with the typed address and the client address (a refused one
as `auth.password_reset_throttled`, which does not count), so no table of its own is needed.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, delete, select

from harzportal.accounts.models import LoginFailure
from harzportal.audit.models import AuditEvent
from harzportal.core import clock

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
# Per client address: from the 10th failure in the window every attempt waits 1 s, doubling with
# every 10 more failures, at most 8 s.
FREE_FAILURES_PER_ADDRESS = 10
MAX_ADDRESS_DELAY = 8


def _failures_since(session: Session, column, value: str) -> int:
    since = clock.now() - WINDOW
    statement = select(func.count()).where(column == value, LoginFailure.failed_at > since)
    return session.exec(statement).one()


def is_locked(session: Session, email: str) -> bool:
    """An account with 5 failures of its own in the window refuses even the right password.
    A client address is never locked (a whole office may share it): it is slowed down."""
    return bool(email) and (
        _failures_since(session, LoginFailure.email, email) >= MAX_FAILURES_PER_ACCOUNT
    )


def address_delay_for(failures: int) -> float:
    """Seconds an attempt waits after `failures` failures from its address in the window."""
    if failures < FREE_FAILURES_PER_ADDRESS:
        return 0
    return min(MAX_ADDRESS_DELAY, 2 ** ((failures - FREE_FAILURES_PER_ADDRESS) // 10))


def address_delay(session: Session, client_ip: str) -> float:
    """How long a sign-in attempt from `client_ip` waits before its credentials are checked
    (the caller waits without blocking: `await asyncio.sleep`)."""
    if not client_ip:
        return 0
    return address_delay_for(_failures_since(session, LoginFailure.client_ip, client_ip[:64]))


def record_failure(session: Session, email: str, client_ip: str) -> None:
    session.add(LoginFailure(email=email[:254], client_ip=client_ip[:64], failed_at=clock.now()))


def clear_account(session: Session, email: str) -> None:
    session.exec(delete(LoginFailure).where(LoginFailure.email == email))


RESET_REQUESTED = "auth.password_reset_requested"
RESET_THROTTLED = "auth.password_reset_throttled"
RESET_WINDOW = timedelta(minutes=15)
MAX_RESET_REQUESTS_PER_EMAIL = 3
# Higher than per address: a whole office may share one address (a proxy or NAT).
MAX_RESET_REQUESTS_PER_CLIENT = 10


def _reset_requests_since(session: Session, column, value: str) -> int:
    since = clock.now() - RESET_WINDOW
    statement = select(func.count()).where(AuditEvent.action == RESET_REQUESTED, column == value,
                                           AuditEvent.occurred_at > since)
    return session.exec(statement).one()


def reset_request_allowed(session: Session, email: str, client_ip: str) -> bool:
    """Whether another reset request for `email` from `client_ip` is served now."""
    if _reset_requests_since(session, AuditEvent.actor_label, email) >= MAX_RESET_REQUESTS_PER_EMAIL:
        return False
    return not client_ip or (
        _reset_requests_since(session, AuditEvent.client_ip, client_ip[:64])
        < MAX_RESET_REQUESTS_PER_CLIENT
    )
