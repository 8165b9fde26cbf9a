"""The staff's side of the library: categories, publishing documents and versions, withdrawing
a version, the list with download counts, and the optional notice to the audience by mail.

Services take (session, actor, ...), check the permission, validate, raise core.errors and never
commit. Files arrive already checked and stored (storage.store_upload).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock, private_files
from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.ids import parse_id
from harzportal.core.locking import lock_row
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.roles import Role
from harzportal.core.text import plain_text, single_line
from harzportal.documents import notices, storage
from harzportal.documents.library import PAGE_SIZE, categories_in_order
from harzportal.documents.models import Audience, Document, DocumentCategory, DocumentVersion
from harzportal.mail import service as mail
from harzportal.organizations.models import (
    ContactFunction,
    ContactFunctionAssignment,
    MembershipStatus,
    Organization,
    OrganizationKind,
)

KINDS = tuple(kind.value for kind in OrganizationKind)
FUNCTIONS = tuple(function.value for function in ContactFunction)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def list_categories(session: Session, actor: Actor) -> tuple[DocumentCategory, ...]:
    require(actor, Action.VIEW_LIBRARY)
    return categories_in_order(session)


def _category_key(name: str, taken: set[str]) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.casefold().translate(_TRANSLITERATE))
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.encode("ascii", "ignore").decode()).strip("_")
    base = base[:32].strip("_") or "category"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}_{number}"
    return key


def create_category(session: Session, actor: Actor, name_de: str, name_en: str
                    ) -> DocumentCategory:
    require(actor, Action.MANAGE_DOCUMENTS)
    names = {"name_de": single_line(name_de), "name_en": single_line(name_en)}
    for field, name in names.items():
        if not name or len(name) > 100:
            raise ValidationFailed("document.category_name_invalid", field=field)
    existing = session.exec(select(DocumentCategory)).all()
    if any(c.name_de.casefold() == names["name_de"].casefold() for c in existing):
        raise ValidationFailed("document.category_exists", field="name_de")
    category = DocumentCategory(key=_category_key(names["name_de"], {c.key for c in existing}),
                                position=max((c.position for c in existing), default=0) + 1,
                                **names)
    session.add(category)
    session.flush()
    audit.record(session, action="document_category.create", object_type="document_category",
                 object_id=category.id, actor_user_id=actor.user_id, client_ip=actor.client_ip,
                 after={"key": category.key, **names})
    return category


def _tags(raw: object) -> str:
    parts = re.split(r"[,;\n]", raw.replace("\r", "\n")) if isinstance(raw, str) else []
    tags: dict[str, str] = {}
    for part in parts:
        tag = single_line(part)
        if len(tag) > 60:
            raise ValidationFailed("document.tag_too_long", field="tags", limit=60)
        if tag:
            tags.setdefault(tag.casefold(), tag)
    joined = "\n".join(tags.values())
    if len(joined) > 500:
        raise ValidationFailed("document.tags_too_long", field="tags")
    return joined


def _kinds(raw: object) -> str:
    values = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list | tuple) \
        else []
    chosen = {single_line(value) for value in values if isinstance(value, str)} - {""}
    if not chosen or not chosen <= set(KINDS):
        raise ValidationFailed("document.audience_kinds_invalid", field="audience_kinds")
    return ",".join(kind for kind in KINDS if kind in chosen)


def _review_date(raw: object) -> date | None:
    value = single_line(raw)
    if not value:
        return None
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("document.review_date_invalid", field="review_date") from None


def _change_note(raw: object, required: bool) -> str:
    note = single_line(raw)
    if required and not note:
        raise ValidationFailed("document.change_note_required", field="change_note")
    if len(note) > 500:
        raise ValidationFailed("document.change_note_too_long", field="change_note")
    return note


def _document_fields(session: Session, form: object) -> dict:
    """The document's columns from a submitted form; ValidationFailed names the first bad field."""
    form = form if isinstance(form, dict) else {}
    title = single_line(form.get("title"))
    if not title or len(title) > 200:
        raise ValidationFailed("document.title_invalid", field="title")
    category_id = parse_id(form.get("category_id"))
    if category_id is None or session.get(DocumentCategory, category_id) is None:
        raise ValidationFailed("document.category_invalid", field="category_id")
    description = plain_text(form.get("description"))
    if len(description) > 4000:
        raise ValidationFailed("document.description_too_long", field="description")
    language = form.get("language") or "de"
    if language not in ("de", "en"):
        raise ValidationFailed("document.language_invalid", field="language")
    audience = form.get("audience") or Audience.ALL.value
    if audience not in tuple(a.value for a in Audience):
        raise ValidationFailed("document.audience_invalid", field="audience")
    kinds = _kinds(form.get("audience_kinds")) if audience == Audience.KINDS.value else ""
    function = ""
    if audience == Audience.FUNCTION.value:
        function = form.get("audience_function")
        if function not in FUNCTIONS:
            raise ValidationFailed("document.audience_function_invalid", field="audience_function")
    tags = _tags(form.get("tags"))
    return {"title": title, "category_id": category_id, "description": description,
            "tags": tags, "language": language, "audience": audience, "audience_kinds": kinds,
            "audience_function": function, "review_date": _review_date(form.get("review_date")),
            "search_text": "\n".join((title, description, tags)).casefold()[:5000]}


def _checked_upload(stored: object) -> storage.StoredFile:
    if not isinstance(stored, storage.StoredFile) or private_files.path_of(
            storage.AREA, stored.file_name) is None:
        raise ValidationFailed("document.file_required", field="file")
    return stored


def _version(document: Document, number: int, stored: storage.StoredFile, note: str,
             actor: Actor) -> DocumentVersion:
    return DocumentVersion(document_id=document.id, number=number, file_name=stored.file_name,
                           sha256=stored.sha256, size_bytes=stored.size_bytes,
                           display_name=stored.display_name, mime=stored.mime, change_note=note,
                           uploaded_by_user_id=actor.user_id, uploaded_at=clock.now())


def create_document(session: Session, actor: Actor, form: dict, stored: storage.StoredFile,
                    notify: bool) -> Document:
    require(actor, Action.MANAGE_DOCUMENTS)
    fields = _document_fields(session, form)
    note = _change_note(form.get("change_note"), required=False)
    stored = _checked_upload(stored)
    now = clock.now()
    document = Document(**fields, created_by_user_id=actor.user_id, created_at=now,
                        updated_at=now)
    session.add(document)
    session.flush()
    version = _version(document, 1, stored, note, actor)
    session.add(version)
    session.flush()
    audit.record(session, action="document.create", object_type="document",
                 object_id=document.id, actor_user_id=actor.user_id, client_ip=actor.client_ip,
                 after={"title": document.title, "audience": document.audience,
                        "audience_kinds": document.audience_kinds,
                        "audience_function": document.audience_function,
                        "version": 1, "sha256": stored.sha256})
    if notify:
        _notify(session, document, version)
    return document


def add_version(session: Session, actor: Actor, document_id: object,
                stored: storage.StoredFile, change_note: str, notify: bool) -> DocumentVersion:
    require(actor, Action.MANAGE_DOCUMENTS)
    document = get_or_not_found(session, Document, document_id)
    lock_row(session, Document, document.id)  # one new version number at a time
    note = _change_note(change_note, required=True)
    stored = _checked_upload(stored)
    latest = session.exec(select(func.max(DocumentVersion.number)).where(
        DocumentVersion.document_id == document.id)).one()
    version = _version(document, (latest or 0) + 1, stored, note, actor)
    session.add(version)
    document.updated_at = version.uploaded_at
    document.has_active_version = True
    session.add(document)
    session.flush()
    audit.record(session, action="document.version_add", object_type="document_version",
                 object_id=version.id, actor_user_id=actor.user_id, client_ip=actor.client_ip,
                 after={"document_id": document.id, "version": version.number,
                        "change_note": note, "sha256": stored.sha256})
    if notify:
        _notify(session, document, version)
    return version


def withdraw_version(session: Session, actor: Actor, version_id: object) -> None:
    """No longer downloadable by anyone, no longer listed for members; withdrawing twice is a
    no-op."""
    require(actor, Action.MANAGE_DOCUMENTS)
    version = get_or_not_found(session, DocumentVersion, version_id)
    if version.withdrawn_at is not None:
        return
    version.withdrawn_at = clock.now()
    version.withdrawn_by_user_id = actor.user_id
    session.add(version)
    session.flush()
    document = session.get(Document, version.document_id)
    document.has_active_version = session.exec(select(func.count()).where(
        DocumentVersion.document_id == document.id, DocumentVersion.withdrawn_at.is_(None))
    ).one() > 0
    session.add(document)
    audit.record(session, action="document.version_withdraw", object_type="document_version",
                 object_id=version.id, actor_user_id=actor.user_id, client_ip=actor.client_ip,
                 before={"withdrawn": False},
                 after={"withdrawn": True, "document_id": version.document_id,
                        "version": version.number})


def discard_upload(session: Session, actor: Actor, stored: storage.StoredFile) -> None:
    """Delete a staged file that was not published (the form was abandoned or refused), unless a
    version refers to the same content."""
    require(actor, Action.MANAGE_DOCUMENTS)
    if not isinstance(stored, storage.StoredFile):
        return
    used = session.exec(select(DocumentVersion.id).where(
        DocumentVersion.file_name == stored.file_name)).first()
    if used is None:
        storage.remove(stored.file_name)


@dataclass(frozen=True)
class StaffDocumentEntry:
    document: Document
    category: DocumentCategory | None
    versions: int
    downloads: int  # over all its versions


def list_staff_documents(session: Session, actor: Actor, page: int = 1
                         ) -> Page[StaffDocumentEntry]:
    require(actor, Action.MANAGE_DOCUMENTS)
    total = session.exec(select(func.count()).select_from(Document)).one()
    found = paginate(session, select(Document, DocumentCategory)
                     .join(DocumentCategory, DocumentCategory.id == Document.category_id)
                     .order_by(Document.updated_at.desc(), Document.id.desc()),
                     page, PAGE_SIZE, total=total)
    ids = [document.id for document, _category in found.items]
    # Versions and downloads of this page's documents only (not aggregated over the library).
    stats = {document_id: (versions, downloads) for document_id, versions, downloads in
             session.exec(select(DocumentVersion.document_id, func.count(DocumentVersion.id),
                                 func.sum(DocumentVersion.download_count))
                          .where(DocumentVersion.document_id.in_(ids))
                          .group_by(DocumentVersion.document_id))} if ids else {}
    return found.map(lambda row: StaffDocumentEntry(
        document=row[0], category=row[1], versions=stats.get(row[0].id, (0, 0))[0] or 0,
        downloads=stats.get(row[0].id, (0, 0))[1] or 0))


def _audience_users(session: Session, document: Document) -> list[User]:
    """Active members (not staff) of active organizations whom the document is for."""
    query = select(User).join(Organization, Organization.id == User.organization_id).where(
        User.is_active == True,  # noqa: E712 (SQL)
        User.password_hash.is_not(None), User.role != Role.NETWORK_ADMIN.value,
        Organization.status == MembershipStatus.ACTIVE.value)
    if document.audience == Audience.KINDS.value:
        query = query.where(Organization.kind.in_(document.audience_kinds.split(",")))
    elif document.audience == Audience.FUNCTION.value:
        query = query.where(User.id.in_(select(ContactFunctionAssignment.user_id).where(
            ContactFunctionAssignment.function == document.audience_function)))
    return list(session.exec(query.order_by(User.id)).all())


def _notify(session: Session, document: Document, version: DocumentVersion) -> int:
    """Tell the document's audience (each in their language) by mail, through the outbox."""
    category = session.get(DocumentCategory, document.category_id)
    users = _audience_users(session, document)
    for user in users:
        notice = notices.publication_notice(document, version, category, user)
        mail.enqueue(session, recipient=user.email, kind=notice.kind, subject=notice.subject,
                     body=notice.body)
    return len(users)
