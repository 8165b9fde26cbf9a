"""The library as members (and staff) see it: who may see which document, the list, a document
with its versions, and the checked download.

A document whose audience excludes the person does not exist for them: every refusal is
NotFound. Staff see everything, withdrawn versions included (but those are never downloadable).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from sqlalchemy import and_, false, func, literal, or_, true, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound, PermissionDenied
from harzportal.core.ids import parse_id
from harzportal.core.locking import lock_row
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.core.text import single_line
from harzportal.documents import storage
from harzportal.documents.models import (
    Audience,
    Document,
    DocumentCategory,
    DocumentVersion,
    LibraryVisit,
)
from harzportal.organizations.models import ContactFunctionAssignment, Organization

PAGE_SIZE = 20
DOWNLOAD_EVENT = "document.download"
logger = logging.getLogger("harzportal.documents")


def kinds_of(document: Document) -> list[str]:
    return [kind for kind in document.audience_kinds.split(",") if kind]


@dataclass(frozen=True)
class Viewer:
    """What decides which documents a person sees: staff, their organization's kind, functions."""

    is_staff: bool
    kind: str | None = None
    functions: frozenset[str] = frozenset()


def viewer_of(session: Session, actor: Actor) -> Viewer:
    require(actor, Action.VIEW_LIBRARY)
    if actor.is_staff:
        return Viewer(is_staff=True)
    kind = session.exec(select(Organization.kind).where(
        Organization.id == actor.organization_id)).first() if actor.organization_id else None
    functions = session.exec(select(ContactFunctionAssignment.function).where(
        ContactFunctionAssignment.user_id == actor.user_id)).all()
    return Viewer(is_staff=False, kind=kind, functions=frozenset(functions))


def may_see(viewer: Viewer, document: Document) -> bool:
    if viewer.is_staff or document.audience == Audience.ALL.value:
        return True
    if document.audience == Audience.KINDS.value:
        return viewer.kind is not None and viewer.kind in kinds_of(document)
    if document.audience == Audience.FUNCTION.value:
        return document.audience_function in viewer.functions
    return False


def visible_clause(viewer: Viewer):
    """`may_see` as SQL, plus (for members) at least one version that is not withdrawn."""
    if viewer.is_staff:
        return true()
    options = [Document.audience == Audience.ALL.value]
    if viewer.kind:
        listed = literal(",") + Document.audience_kinds + literal(",")
        options.append(and_(Document.audience == Audience.KINDS.value,
                            listed.contains(f",{viewer.kind},", autoescape=True)))
    if viewer.functions:
        options.append(and_(Document.audience == Audience.FUNCTION.value,
                            Document.audience_function.in_(sorted(viewer.functions))))
    return and_(or_(*options), Document.has_active_version)


def visible_document(session: Session, viewer: Viewer, document_id: object) -> Document:
    document = get_or_not_found(session, Document, document_id)
    if not may_see(viewer, document):
        raise NotFound()
    return document


# What the library's list shows of a document and of its newest version: these columns.
DocumentSummary = summary_of(
    "DocumentSummary", Document.id, Document.title, Document.category_id, Document.description,
    Document.tags, Document.audience, Document.audience_kinds, Document.audience_function,
    Document.updated_at)
VersionSummary = summary_of(
    "VersionSummary", DocumentVersion.id, DocumentVersion.document_id, DocumentVersion.number,
    DocumentVersion.display_name, DocumentVersion.size_bytes)


def _latest_versions(session: Session, document_ids: list[int]) -> dict[int, VersionSummary]:
    """The newest version that is not withdrawn, per document, in one statement."""
    if not document_ids:
        return {}
    newest = select(DocumentVersion.document_id, func.max(DocumentVersion.number).label("number")) \
        .where(DocumentVersion.document_id.in_(document_ids),
               DocumentVersion.withdrawn_at.is_(None)) \
        .group_by(DocumentVersion.document_id).subquery()
    versions = session.exec(select_summaries(VersionSummary).join(newest, and_(
        DocumentVersion.document_id == newest.c.document_id,
        DocumentVersion.number == newest.c.number))).all()
    return {row.document_id: VersionSummary.of(row) for row in versions}


def _search_terms(search: object) -> list[str]:
    return single_line(search)[:200].casefold().split()[:10]


@dataclass(frozen=True)
class LibraryEntry:
    """One document of the library's list as its reader may see it."""

    document: DocumentSummary
    category: DocumentCategory | None
    latest: VersionSummary | None  # the newest version that is not withdrawn
    is_new: bool  # changed since the reader's last visit (or never visited)


@dataclass(frozen=True)
class LibraryListing:
    page: Page[LibraryEntry]
    categories: tuple[DocumentCategory, ...]


def categories_in_order(session: Session) -> tuple[DocumentCategory, ...]:
    return tuple(session.exec(select(DocumentCategory).order_by(
        DocumentCategory.position, DocumentCategory.id)).all())


def list_library(session: Session, actor: Actor, *, category: str = "", search: str = "",
                 sort: str = "date", page: int = 1) -> LibraryListing:
    viewer = viewer_of(session, actor)
    categories = categories_in_order(session)
    by_id = {c.id: c for c in categories}
    where = [visible_clause(viewer)]
    if isinstance(category, str) and category:
        chosen = next((c.id for c in categories if c.key == category), None)
        where.append(Document.category_id == chosen if chosen else false())
    where += [Document.search_text.contains(term, autoescape=True)
              for term in _search_terms(search)]
    total = session.exec(select(func.count()).select_from(Document).where(*where)).one()
    order = (func.lower(Document.title), Document.id) if sort == "title" else (
        Document.updated_at.desc(), Document.id.desc())
    documents = paginate(session, select_summaries(DocumentSummary).where(*where)
                         .order_by(*order), page, PAGE_SIZE, total=total).map(DocumentSummary.of)
    latest = _latest_versions(session, [d.id for d in documents.items])
    last_visit = session.exec(select(LibraryVisit.last_visit_at).where(
        LibraryVisit.user_id == actor.user_id)).first()
    return LibraryListing(page=documents.map(lambda document: LibraryEntry(
        document=document, category=by_id.get(document.category_id),
        latest=latest.get(document.id),
        is_new=last_visit is None or clock.as_utc(document.updated_at) > clock.as_utc(last_visit),
    )), categories=categories)


def record_visit(session: Session, actor: Actor) -> None:
    """Remember now as the person's last visit (one atomic upsert, also under two tabs)."""
    require(actor, Action.VIEW_LIBRARY)
    now = clock.now()
    dialect = session.get_bind().dialect.name
    upsert = {"postgresql": postgresql_insert, "sqlite": sqlite_insert}.get(dialect)
    if upsert is not None:
        session.exec(upsert(LibraryVisit).values(user_id=actor.user_id, last_visit_at=now)
                     .on_conflict_do_update(index_elements=["user_id"],
                                            set_={"last_visit_at": now}))
        return
    visit = session.exec(select(LibraryVisit).where(LibraryVisit.user_id == actor.user_id)).first()
    visit = visit or LibraryVisit(user_id=actor.user_id)
    visit.last_visit_at = now
    session.add(visit)


@dataclass(frozen=True)
class DocumentDetail:
    document: Document
    category: DocumentCategory | None
    versions: tuple[DocumentVersion, ...]  # newest first; for members only those not withdrawn
    latest: DocumentVersion | None  # the newest version that is not withdrawn


def get_document(session: Session, actor: Actor, document_id: object) -> DocumentDetail:
    viewer = viewer_of(session, actor)
    document = visible_document(session, viewer, document_id)
    versions = session.exec(select(DocumentVersion).where(
        DocumentVersion.document_id == document.id).order_by(DocumentVersion.number.desc())).all()
    if not viewer.is_staff:
        versions = [v for v in versions if v.withdrawn_at is None]
        if not versions:
            raise NotFound()
    return DocumentDetail(document=document,
                          category=session.get(DocumentCategory, document.category_id),
                          versions=tuple(versions),
                          latest=next((v for v in versions if v.withdrawn_at is None), None))


@dataclass(frozen=True)
class DownloadFile:
    """A checked stored file, ready to stream after the unit of work."""

    path: Path
    display_name: str
    mime: str
    document_id: int
    version_id: int


def _downloadable(session: Session, actor: Actor, document_id: object,
                  version_id: object) -> tuple[Document, DocumentVersion]:
    try:
        viewer = viewer_of(session, actor)
    except PermissionDenied:
        raise NotFound() from None
    document = visible_document(session, viewer, document_id)
    query = select(DocumentVersion).where(DocumentVersion.document_id == document.id,
                                          DocumentVersion.withdrawn_at.is_(None))
    if version_id is None:
        query = query.order_by(DocumentVersion.number.desc()).limit(1)
    else:
        query = query.where(DocumentVersion.id == (parse_id(version_id) or -1))
    version = session.exec(query).first()
    if version is None:
        raise NotFound()
    return document, version


def find_download(session: Session, actor: Actor, document_id: object,
                  version_id: object = None) -> DownloadFile:
    """The stored file of a version the actor may download; writes nothing (it serves a HEAD
    request and a part of the file too). `record_download` counts a completed download.

    `version_id` None means the newest version that is not withdrawn. Everything refused —
    audience, withdrawn, unknown, another document's version, a damaged file — is NotFound.
    """
    document, version = _downloadable(session, actor, document_id, version_id)
    path = storage.open_verified(version.file_name, version.sha256)
    if path is None:
        logger.error("Document %s version %s (no. %s): stored file %s is missing or its SHA-256 "
                     "does not match; not served", document.id, version.id, version.number,
                     version.file_name)
        raise NotFound("document.file_unavailable")
    return DownloadFile(path=path, display_name=version.display_name, mime=version.mime,
                        document_id=document.id, version_id=version.id)


def _start_of_today() -> datetime:
    """Midnight of today's German calendar day, in UTC."""
    return datetime.combine(clock.today(), time.min, clock.LOCAL_ZONE).astimezone(UTC)


def record_download(session: Session, actor: Actor, document_id: object,
                    version_id: object) -> bool:
    """Count a completed download of that version by the actor: once per person, version and
    (German) day, with one audit event. Returns whether this one counted. The version's row lock
    makes two downloads at the same moment count once."""
    document, version = _downloadable(session, actor, document_id, version_id)
    lock_row(session, DocumentVersion, version.id)
    already = session.exec(select(AuditEvent.id).where(
        AuditEvent.action == DOWNLOAD_EVENT, AuditEvent.actor_user_id == actor.user_id,
        AuditEvent.object_type == "document_version", AuditEvent.object_id == str(version.id),
        AuditEvent.occurred_at >= _start_of_today()).limit(1)).first()
    if already is not None:
        return False
    session.exec(update(DocumentVersion).where(DocumentVersion.id == version.id)
                 .values(download_count=DocumentVersion.download_count + 1))
    audit.record(session, action=DOWNLOAD_EVENT, object_type="document_version",
                 object_id=version.id, actor_user_id=actor.user_id,
                 organization_id=actor.organization_id, client_ip=actor.client_ip,
                 after={"document_id": document.id, "version": version.number})
    return True


def open_download(session: Session, actor: Actor, document_id: object,
                  version_id: object = None) -> DownloadFile:
    """The checked file of a download that is complete as soon as it is handed over (the demo,
    a service caller): `find_download`, then `record_download`."""
    found = find_download(session, actor, document_id, version_id)
    record_download(session, actor, found.document_id, found.version_id)
    return found


def count_new(session: Session, actor: Actor) -> int:
    """How many documents the person may see changed since their last visit to the library."""
    viewer = viewer_of(session, actor)
    last_visit = session.exec(select(LibraryVisit.last_visit_at).where(
        LibraryVisit.user_id == actor.user_id)).first()
    query = select(func.count()).select_from(Document).where(visible_clause(viewer))
    if last_visit is not None:
        query = query.where(Document.updated_at > last_visit)
    return session.exec(query).one()
