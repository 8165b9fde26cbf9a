"""The circular as a mail, in its recipient's language: a presenter of its medium. The text is
the circular's markup as plain text (the sender makes the HTML part from it), the documents as
links to the portal (each only if the recipient may see it there), and a footer that says why
the person gets it; optional circulars carry the one-click unsubscribe headers (RFC 8058)."""

from __future__ import annotations

from email.utils import parseaddr

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.circulars.labels import category_label
from harzportal.circulars.models import MANDATORY_CATEGORIES, Circular, CircularCategory
from harzportal.core.i18n import translate
from harzportal.documents.models import Document
from harzportal.mail import markup
from harzportal.mail import service as mail
from harzportal.mail.models import OutboxEmail
from harzportal.settings import get as get_settings

KIND = "circular"


def language_of(user: User) -> str:
    return "en" if user.preferred_language == "en" else "de"


def subject_and_body(circular: Circular, language: str) -> tuple[str, str]:
    if language == "en":
        return circular.subject_en, circular.body_en
    return circular.subject_de, circular.body_de


def unsubscribe_url(token: str) -> str:
    return f"{get_settings().public_origin}/unsubscribe/{token}"


def mail_text(circular: Circular, language: str, documents: list[Document],
              unsubscribe: str | None) -> str:
    """The text every recipient of `language` with these documents gets (also the preview)."""
    origin = get_settings().public_origin
    _subject, body = subject_and_body(circular, language)
    parts = [markup.plain_text(body).rstrip("\n")]
    if documents:
        parts.append(translate("circular.mail.documents", language))
        parts.append("\n".join(f"- {document.title}: {origin}/documents/{document.id}"
                                for document in documents))
    category = category_label(circular.category, language)
    if CircularCategory(circular.category) in MANDATORY_CATEGORIES:
        parts.append(translate("circular.mail.footer_mandatory", language, category=category,
                               link=f"{origin}/circulars"))
    else:
        parts.append(translate("circular.mail.footer_optional", language, category=category,
                               link=unsubscribe or "", account=f"{origin}/account"))
    return "\n\n".join(parts) + "\n"


def enqueue(session: Session, circular: Circular, user: User, documents: list[Document],
            token: str | None) -> OutboxEmail:
    language = language_of(user)
    subject, _body = subject_and_body(circular, language)
    domain = parseaddr(get_settings().mail_from)[1].rpartition("@")[2]
    headers = {"List-Id": f"{get_settings().network_name} <circulars.{domain}>"}
    link = unsubscribe_url(token) if token else None
    if link:
        headers |= {"List-Unsubscribe": f"<{link}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    email = mail.enqueue(session, recipient=user.email, subject=subject, kind=KIND,
                         body=mail_text(circular, language, documents, link),
                         headers=headers, language=language)
    session.flush()
    return email
