"""Putting mails into the outbox (in the caller's transaction)."""

from __future__ import annotations

import base64

from sqlmodel import Session

from harzportal.mail.models import OutboxEmail


def attachment(area: str, name: str, sha256: str, filename: str,
               mime: str = "application/pdf") -> dict[str, str]:
    """A file from private storage to attach; it is read (and its SHA-256 checked) at sending."""
    return {"area": area, "name": name, "sha256": sha256, "filename": filename, "mime": mime}


def inline_attachment(filename: str, mime: str, content: bytes) -> dict[str, str]:
    """A small generated file (a calendar entry) carried in the outbox row itself."""
    return {"filename": filename, "mime": mime, "content_b64": base64.b64encode(content).decode()}


def enqueue(session: Session, *, recipient: str, subject: str, body: str, kind: str,
            attachments: list[dict[str, str]] | None = None) -> OutboxEmail:
    email = OutboxEmail(recipient=recipient, subject=subject[:300], body_text=body, kind=kind,
                        attachments=attachments or None)
    session.add(email)
    return email
