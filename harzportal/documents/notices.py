"""The mail that tells a document's audience about a new document or a new version: a
presenter of its medium, in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass

from harzportal.accounts.models import User
from harzportal.core.i18n import N_, translate
from harzportal.documents.labels import category_name
from harzportal.documents.models import Document, DocumentCategory, DocumentVersion
from harzportal.settings import get as get_settings

# first version or a later one -> (mail kind, subject key, body key)
NOTICES = {True: ("document_new", N_("mail.document_new.subject"), N_("mail.document_new.body")),
           False: ("document_version", N_("mail.document_version.subject"),
                   N_("mail.document_version.body"))}


@dataclass(frozen=True)
class Notice:
    kind: str
    subject: str
    body: str


def publication_notice(document: Document, version: DocumentVersion,
                       category: DocumentCategory | None, user: User) -> Notice:
    settings, language = get_settings(), user.preferred_language
    kind, subject_key, body_key = NOTICES[version.number == 1]
    return Notice(
        kind=kind,
        subject=translate(subject_key, language, title=document.title),
        body=translate(body_key, language, name=user.full_name, title=document.title,
                       category=category_name(category, language), version=version.number,
                       note=version.change_note or "–",
                       link=f"{settings.public_origin}/documents/{document.id}",
                       network=settings.network_name))
