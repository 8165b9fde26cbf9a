"""Putting mails into the outbox (in the caller's transaction)."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.mail.models import OutboxEmail


def enqueue(session: Session, *, recipient: str, subject: str, body: str, kind: str) -> OutboxEmail:
    email = OutboxEmail(recipient=recipient, subject=subject[:300], body_text=body, kind=kind)
    session.add(email)
    return email
