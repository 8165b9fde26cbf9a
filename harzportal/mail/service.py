"""Putting mails into the outbox (in the caller's transaction)."""

from __future__ import annotations

import base64

from sqlmodel import Session

from harzportal.mail.models import OutboxEmail

# The headers a mail may carry of its own (RFC 2369 / RFC 8058 one-click unsubscribe, RFC 2919)
EXTRA_HEADERS = frozenset({"List-Unsubscribe", "List-Unsubscribe-Post", "List-Id"})


def attachment(area: str, name: str, sha256: str, filename: str,
               mime: str = "application/pdf") -> dict[str, str]:
    """A file from private storage to attach; it is read (and its SHA-256 checked) at sending."""
    return {"area": area, "name": name, "sha256": sha256, "filename": filename, "mime": mime}


def inline_attachment(filename: str, mime: str, content: bytes) -> dict[str, str]:
    """A small generated file (a calendar entry) carried in the outbox row itself."""
    return {"filename": filename, "mime": mime, "content_b64": base64.b64encode(content).decode()}


def enqueue(session: Session, *, recipient: str, subject: str, body: str, kind: str,
            attachments: list[dict[str, str]] | None = None,
            headers: dict[str, str] | None = None, language: str | None = None) -> OutboxEmail:
    """One mail into the outbox. `body` is its plain text (in the markup of `mail.markup`, so the
    sender makes the HTML part from it); `headers` only those the sender knows (EXTRA_HEADERS)."""
    unknown = set(headers or {}) - EXTRA_HEADERS
    if unknown:
        raise ValueError(f"headers the sender does not set: {sorted(unknown)}")
    email = OutboxEmail(recipient=recipient, subject=subject[:300], body_text=body, kind=kind,
                        attachments=attachments or None, headers=headers or None,
                        language=language)
    session.add(email)
    return email
