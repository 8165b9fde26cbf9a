"""Our own sessions: start, resolve (idle and absolute expiry), end."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, delete, select

from harzportal.accounts.models import AuthSession, User
from harzportal.accounts.tokens import new_token, token_hash
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.settings import get as get_settings

# last_seen_at is written at most this often, so a busy page does not write on every event.
_TOUCH_INTERVAL = timedelta(seconds=30)


def start_session(session: Session, user: User, client_ip: str = "") -> str:
    """Create a new session (a fresh token at every login) and return the token for the cookie."""
    settings = get_settings()
    now = clock.now()
    token = new_token()
    session.add(
        AuthSession(
            token_hash=token_hash(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_absolute_hours),
            client_ip=client_ip[:64],
        )
    )
    return token


def resolve_session(session: Session, token: object, client_ip: str = "") -> Actor | None:
    """The actor behind a session token, or None when it is unknown, expired or the user inactive."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).first()
    if row is None:
        return None
    settings = get_settings()
    now = clock.now()
    idle_limit = clock.as_utc(row.last_seen_at) + timedelta(minutes=settings.session_idle_minutes)
    if now >= clock.as_utc(row.expires_at) or now >= idle_limit:
        session.delete(row)
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        session.delete(row)
        return None
    if now - clock.as_utc(row.last_seen_at) >= _TOUCH_INTERVAL:
        row.last_seen_at = now
        session.add(row)
    return Actor(
        user_id=user.id,
        organization_id=user.organization_id,
        role=Role(user.role),
        language=user.preferred_language,
        session_id=row.id,
        client_ip=client_ip,
    )


def end_session(session: Session, token: object) -> None:
    if isinstance(token, str) and token:
        session.exec(delete(AuthSession).where(AuthSession.token_hash == token_hash(token)))


def end_user_sessions(session: Session, user_id: int, *, keep_session_id: int | None = None) -> int:
    statement = delete(AuthSession).where(AuthSession.user_id == user_id)
    if keep_session_id is not None:
        statement = statement.where(AuthSession.id != keep_session_id)
    return session.exec(statement).rowcount or 0
