"""The one-click unsubscribe link of a circular (RFC 8058): a 256-bit token per recipient and
circular, only its SHA-256 stored. It can do one thing: opt that person out of that circular's
optional category. It signs no one in, shows no personal data and is not an account token, so
no reset, invitation or session ever accepts it (nor it theirs)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.accounts.tokens import new_token, token_hash
from harzportal.audit import service as audit
from harzportal.circulars.models import (
    OPTIONAL_CATEGORIES,
    Circular,
    CircularOptOut,
    UnsubscribeLink,
)
from harzportal.core import clock

MAX_TOKEN_LENGTH = 100


def new_link(session: Session, user_id: int, circular: Circular) -> str:
    """A fresh link for one recipient of an optional circular; returns the token for the mail."""
    token = new_token()
    session.add(UnsubscribeLink(token_hash=token_hash(token), user_id=user_id,
                                circular_id=circular.id, category=circular.category))
    return token


@dataclass(frozen=True)
class LinkTarget:
    """What a valid link is about, for its page: the category and the reader's language."""

    category: str
    language: str
    already_out: bool


def _link(session: Session, token: object) -> UnsubscribeLink | None:
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_LENGTH:
        return None
    return session.exec(select(UnsubscribeLink).where(
        UnsubscribeLink.token_hash == token_hash(token))).first()


def _is_out(session: Session, user_id: int, category: str) -> bool:
    return session.exec(select(exists().where(CircularOptOut.user_id == user_id,
                                              CircularOptOut.category == category))).one()


def target_of(session: Session, token: object) -> LinkTarget | None:
    """The link's category and language, or None for any token that is not one of ours."""
    link = _link(session, token)
    if link is None or link.category not in OPTIONAL_CATEGORIES:
        return None
    user = session.get(User, link.user_id)
    return LinkTarget(category=link.category, language=user.preferred_language,
                      already_out=_is_out(session, link.user_id, link.category))


def unsubscribe(session: Session, token: object, client_ip: str | None = None) -> LinkTarget | None:
    """Opt the link's person out of its category (once; again is harmless) and record it."""
    link = _link(session, token)
    if link is None or link.category not in OPTIONAL_CATEGORIES:
        return None
    user = session.get(User, link.user_id)
    if link.used_at is None:
        link.used_at = clock.now()
        session.add(link)
    if not _is_out(session, user.id, link.category):
        session.add(CircularOptOut(user_id=user.id, category=link.category, via="link"))
        audit.record(session, action="circular.unsubscribed", object_type="user",
                     object_id=user.id, actor_user_id=user.id,
                     organization_id=user.organization_id,
                     after={"category": link.category, "via": "link",
                            "circular": link.circular_id}, client_ip=client_ip)
    return LinkTarget(category=link.category, language=user.preferred_language,
                      already_out=True)
