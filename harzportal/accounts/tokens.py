"""Secret tokens: 256 bits from `secrets`, only their SHA-256 ever stored; voiding a person's
open links."""

from __future__ import annotations

import hashlib
import secrets

from sqlmodel import Session

from harzportal.accounts.models import AccountToken
from harzportal.core import clock


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def void_open_links(session: Session, user_id: int, purpose: str | None = None) -> int:
    """Every open link of the person (of one `purpose` only, if given) is spent from now on.
    Called wherever the password changes (own change, reset, accepted invitation) and at
    deactivation, so a link mailed before can never set a password afterwards; and, for resets,
    when a new reset link goes out, so only the newest works. Returns how many links it voided."""
    query = AccountToken.__table__.update().where(AccountToken.user_id == user_id,
                                                  AccountToken.used_at.is_(None))
    if purpose is not None:
        query = query.where(AccountToken.purpose == purpose)
    return session.exec(query.values(used_at=clock.now())).rowcount or 0
