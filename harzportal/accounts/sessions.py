"""Our own sessions: start, resolve (idle and absolute expiry), end; the sign-in ticket.

The browser gets its session token only in the cookie of an HTTP answer (shell/session_routes):
the sign-in handler, which runs over the websocket, hands it a single-use ticket instead, valid
for `TICKET_SECONDS`; redeeming the ticket gives the session a fresh token (the one it started
with never leaves the server) and voids the ticket."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, delete, select, update

from harzportal.accounts import factors
from harzportal.accounts.models import AuthSession, User
from harzportal.accounts.tokens import new_token, token_hash
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.settings import get as get_settings

# last_seen_at is written at most this often, so a busy page does not write on every event.
_TOUCH_INTERVAL = timedelta(seconds=30)
TICKET_SECONDS = 60


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
    return _live_actor(session, row, client_ip)


def _live_actor(session: Session, row: AuthSession, client_ip: str) -> Actor | None:
    """The actor of a session row, or None (and the row removed) when it has expired or its
    user is inactive."""
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
        must_enrol=factors.must_enrol(session, user),
    )


def end_session(session: Session, token: object) -> None:
    if isinstance(token, str) and token:
        session.exec(delete(AuthSession).where(AuthSession.token_hash == token_hash(token)))


def end_user_sessions(session: Session, user_id: int, *, keep_session_id: int | None = None) -> int:
    statement = delete(AuthSession).where(AuthSession.user_id == user_id)
    if keep_session_id is not None:
        statement = statement.where(AuthSession.id != keep_session_id)
    return session.exec(statement).rowcount or 0


def issue_ticket(session: Session, token: str) -> str:
    """A single-use ticket for the session of `token`, for the browser to redeem in time."""
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).one()
    ticket = new_token()
    row.ticket_hash = token_hash(ticket)
    row.ticket_expires_at = clock.now() + timedelta(seconds=TICKET_SECONDS)
    session.add(row)
    return ticket


def redeem_ticket(session: Session, ticket: object, previous_token: object = "") -> str | None:
    """The session's new token for the cookie, or None for an unknown, used or expired ticket
    (or a session that has ended since). Once only: the ticket is voided by one conditional
    UPDATE, so two requests with one ticket cannot both win. A session the browser still held
    (`previous_token`) ends."""
    if not isinstance(ticket, str) or not ticket or len(ticket) > 200:
        return None
    hashed = token_hash(ticket)
    row = session.exec(select(AuthSession).where(AuthSession.ticket_hash == hashed)).first()
    if row is None:
        return None
    claimed = session.exec(update(AuthSession).where(AuthSession.id == row.id,
                                                     AuthSession.ticket_hash == hashed)
                           .values(ticket_hash=None, ticket_expires_at=None)
                           .execution_options(synchronize_session=False)).rowcount
    if claimed != 1 or clock.now() >= clock.as_utc(row.ticket_expires_at):
        return None
    session.refresh(row)
    if _live_actor(session, row, row.client_ip) is None:
        return None
    if isinstance(previous_token, str) and previous_token and \
            token_hash(previous_token) != row.token_hash:
        end_session(session, previous_token)
    token = new_token()
    row.token_hash = token_hash(token)
    session.add(row)
    return token
