"""Login throttling: per account and per client address, over a sliding window."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, delete, select

from harzportal.accounts.models import LoginFailure
from harzportal.core import clock

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 30


def _failures_since(session: Session, column, value: str) -> int:
    since = clock.now() - WINDOW
    statement = select(func.count()).where(column == value, LoginFailure.failed_at > since)
    return session.exec(statement).one()


def is_locked(session: Session, email: str, client_ip: str) -> bool:
    if email and _failures_since(session, LoginFailure.email, email) >= MAX_FAILURES_PER_ACCOUNT:
        return True
    return bool(client_ip) and (
        _failures_since(session, LoginFailure.client_ip, client_ip) >= MAX_FAILURES_PER_ADDRESS
    )


def record_failure(session: Session, email: str, client_ip: str) -> None:
    session.add(LoginFailure(email=email[:254], client_ip=client_ip[:64], failed_at=clock.now()))


def clear_account(session: Session, email: str) -> None:
    session.exec(delete(LoginFailure).where(LoginFailure.email == email))
