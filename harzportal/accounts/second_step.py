"""The half of a sign-in between the right password and the second factor: a `PendingSignIn`
row, valid for `PENDING_MINUTES`, named by a 256-bit token (only its SHA-256 stored) that never
leaves the server (the login page's State keeps it in a backend-only variable of the tab that
typed the password), bound to that client address, ended by `MAX_CODE_FAILURES` wrong codes."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, delete, select

from harzportal.accounts.models import PendingSignIn, User
from harzportal.accounts.tokens import new_token, token_hash
from harzportal.core import clock

PENDING_MINUTES = 5
MAX_CODE_FAILURES = 3  # then the password is asked again (and the account locks at 5 in all)


def begin(session: Session, user: User, client_ip: str) -> str:
    """A new pending sign-in of `user` from `client_ip`; the expired ones of anybody go."""
    now = clock.now()
    session.exec(delete(PendingSignIn).where(PendingSignIn.expires_at <= now))
    token = new_token()
    session.add(PendingSignIn(token_hash=token_hash(token), user_id=user.id,
                              client_ip=client_ip[:64], created_at=now,
                              expires_at=now + timedelta(minutes=PENDING_MINUTES)))
    return token


def find(session: Session, token: object, client_ip: str) -> PendingSignIn | None:
    """The live pending sign-in named by `token` from the same client address, or None."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    row = session.exec(select(PendingSignIn)
                       .where(PendingSignIn.token_hash == token_hash(token))).first()
    if row is None or row.client_ip != client_ip[:64]:
        return None
    if clock.now() >= clock.as_utc(row.expires_at):
        session.delete(row)
        return None
    return row


def count_failure(session: Session, row: PendingSignIn) -> bool:
    """One more wrong code; True when the pending sign-in has ended because of it."""
    row.failures += 1
    if row.failures >= MAX_CODE_FAILURES:
        session.delete(row)
        return True
    session.add(row)
    return False


def end_for_user(session: Session, user_id: int) -> None:
    session.exec(delete(PendingSignIn).where(PendingSignIn.user_id == user_id))
