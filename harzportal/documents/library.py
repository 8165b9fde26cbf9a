"""The library as members (and staff) see it: who may see which document, the list, a document
with its versions, and the checked download.

A document whose audience excludes the person does not exist for them: every refusal is
NotFound. Staff see everything, withdrawn versions included (but those are never downloadable).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from sqlalchemy import and_, false, func, literal, or_, true, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.core import clock, formatting
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound, PermissionDenied
from harzportal.core.i18n import has_message, language_or_default, translate
from harzportal.core.ids import parse_id
from harzportal.core.permissions import Action, require
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
PREVIEW_LENGTH = 300
logger = logging.getLogger("harzportal.documents")


def text(key: str, language: object, **values: object) -> str:
    return translate(key, language, **values)


def category_name(category: DocumentCategory | None, language: object) -> str:
    if category is None:
        return ""
    return category.name_en if language_or_default(language) == "en" else category.name_de


def size_label(size_bytes: int, language: object) -> str:
    if size_bytes < 1024:
        return f"{size_bytes} B"
    if size_bytes < 1024 * 1024:
        return f"{formatting.number(math.ceil(size_bytes / 1024), language)} KB"
    return f"{formatting.number(round(size_bytes / 1024 / 1024, 1), language)} MB"


def local_day(moment, language: object) -> str:
    if moment is None:
        return ""
    return formatting.day(clock.as_utc(moment).astimezone(clock.LOCAL_ZONE).date(), language)


def kinds_of(document: Document) -> list[str]:
    return [kind for kind in document.audience_kinds.split(",") if kind]


def reason_line(document: Document, language: object) -> str:
    """Why a document is restricted ("Für HSE-Ansprechpartner"); "" when it is for everyone."""
    if document.audience == Audience.KINDS.value:
        kinds = ", ".join(translate(f"org_kind.{kind}", language) for kind in kinds_of(document))
        return text("document.reason.kinds", language, kinds=kinds)
    if document.audience == Audience.FUNCTION.value:
        key = f"document.reason.function.{document.audience_function}"
        if has_message(key):
            return text(key, language)
        return text("document.reason.function", language,
                    function=translate(f"function.{document.audience_function}", language))
    return ""


def audience_label(document: Document, language: object) -> str:
    return reason_line(document, language) or text("document.audience.all", language)


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
    number = parse_id(document_id)
    document = session.get(Document, number) if number else None
    if document is None or not may_see(viewer, document):
        raise NotFound()
    return document


def _latest_versions(session: Session, document_ids: list[int]) -> dict[int, DocumentVersion]:
    """The newest version that is not withdrawn, per document, in one statement."""
    if not document_ids:
        return {}
    newest = select(DocumentVersion.document_id, func.max(DocumentVersion.number).label("number")) \
        .where(DocumentVersion.document_id.in_(document_ids),
               DocumentVersion.withdrawn_at.is_(None)) \
        .group_by(DocumentVersion.document_id).subquery()
    versions = session.exec(select(DocumentVersion).join(newest, and_(
        DocumentVersion.document_id == newest.c.document_id,
        DocumentVersion.number == newest.c.number))).all()
    return {version.document_id: version for version in versions}


def _preview(description: str) -> str:
    flat = " ".join(description.split())
    if len(flat) <= PREVIEW_LENGTH:
        return flat
    return flat[:PREVIEW_LENGTH].rsplit(" ", 1)[0] + " …"


def _search_terms(search: object) -> list[str]:
    return single_line(search)[:200].casefold().split()[:10]


def list_library(session: Session, actor: Actor, *, category: str = "", search: str = "",
                 sort: str = "date", page: int = 1) -> dict:
    viewer = viewer_of(session, actor)
    language = actor.language
    categories = session.exec(select(DocumentCategory).order_by(
        DocumentCategory.position, DocumentCategory.id)).all()
    names = {c.id: category_name(c, language) for c in categories}
    where = [visible_clause(viewer)]
    if isinstance(category, str) and category:
        chosen = next((c.id for c in categories if c.key == category), None)
        where.append(Document.category_id == chosen if chosen else false())
    where += [Document.search_text.contains(term, autoescape=True)
              for term in _search_terms(search)]
    total = session.exec(select(func.count()).select_from(Document).where(*where)).one()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(parse_id(page) or 1, pages)
    order = (func.lower(Document.title), Document.id) if sort == "title" else (
        Document.updated_at.desc(), Document.id.desc())
    documents = session.exec(select(Document).where(*where).order_by(*order)
                             .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    latest = _latest_versions(session, [d.id for d in documents])
    last_visit = session.exec(select(LibraryVisit.last_visit_at).where(
        LibraryVisit.user_id == actor.user_id)).first()
    rows = []
    for document in documents:
        version = latest.get(document.id)
        is_new = last_visit is None or clock.as_utc(document.updated_at) > clock.as_utc(last_visit)
        rows.append({
            "id": str(document.id), "title": document.title,
            "category": names.get(document.category_id, ""),
            "description": _preview(document.description),
            "tags": ", ".join(document.tags.splitlines()),
            "updated": local_day(document.updated_at, language),
            "is_new": "yes" if is_new else "no",
            "reason": reason_line(document, language),
            "latest_version_id": str(version.id) if version else "",
            "size": size_label(version.size_bytes, language) if version else "",
            "display_name": version.display_name if version else "",
        })
    return {"rows": rows, "page": page, "pages": pages, "total": total,
            "categories": [{"key": c.key, "name": names[c.id]} for c in categories]}


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


def get_document(session: Session, actor: Actor, document_id: object) -> dict:
    viewer = viewer_of(session, actor)
    document = visible_document(session, viewer, document_id)
    versions = session.exec(select(DocumentVersion).where(
        DocumentVersion.document_id == document.id).order_by(DocumentVersion.number.desc())).all()
    if not viewer.is_staff:
        versions = [v for v in versions if v.withdrawn_at is None]
        if not versions:
            raise NotFound()
    language = actor.language
    category = session.get(DocumentCategory, document.category_id)
    latest = next((v for v in versions if v.withdrawn_at is None), None)
    return {
        "document": {
            "id": str(document.id), "title": document.title,
            "category": category_name(category, language),
            "category_key": category.key if category else "",
            "description": document.description,
            "tags": ", ".join(document.tags.splitlines()),
            "language": text(f"document.language.{language_or_default(document.language)}",
                             language),
            "updated": local_day(document.updated_at, language),
            "review_date": formatting.day(document.review_date, language),
            "reason": reason_line(document, language),
            "audience_label": audience_label(document, language),
            "latest_version_id": str(latest.id) if latest else "",
        },
        "versions": [{
            "id": str(v.id), "number": str(v.number),
            "uploaded": formatting.moment(v.uploaded_at, language),
            "change_note": v.change_note, "size": size_label(v.size_bytes, language),
            "display_name": v.display_name,
            "withdrawn": "yes" if v.withdrawn_at is not None else "no",
        } for v in versions],
    }


def open_download(session: Session, actor: Actor, document_id: object,
                  version_id: object = None) -> tuple:
    """(path, display name, MIME type) of a version the actor may download; counts and audits.

    `version_id` None means the newest version that is not withdrawn. Everything refused —
    audience, withdrawn, unknown, another document's version, a damaged file — is NotFound.
    """
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
    path = storage.open_verified(version.file_name, version.sha256)
    if path is None:
        logger.error("Document %s version %s (no. %s): stored file %s is missing or its SHA-256 "
                     "does not match; not served", document.id, version.id, version.number,
                     version.file_name)
        raise NotFound("document.file_unavailable")
    session.exec(update(DocumentVersion).where(DocumentVersion.id == version.id)
                 .values(download_count=DocumentVersion.download_count + 1))
    audit.record(session, action="document.download", object_type="document_version",
                 object_id=version.id, actor_user_id=actor.user_id,
                 organization_id=actor.organization_id, client_ip=actor.client_ip,
                 after={"document_id": document.id, "version": version.number})
    return path, version.display_name, version.mime


def count_new(session: Session, actor: Actor) -> int:
    """How many documents the person may see changed since their last visit to the library."""
    viewer = viewer_of(session, actor)
    last_visit = session.exec(select(LibraryVisit.last_visit_at).where(
        LibraryVisit.user_id == actor.user_id)).first()
    query = select(func.count()).select_from(Document).where(visible_clause(viewer))
    if last_visit is not None:
        query = query.where(Document.updated_at > last_visit)
    return session.exec(query).one()
