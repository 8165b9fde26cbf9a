"""The library's results as the pages show them, in the reader's language (Babel formats)."""

from __future__ import annotations

import math
from datetime import datetime

from harzportal.core import clock, formatting
from harzportal.core.paging import Page
from harzportal.documents.labels import audience_label, category_name, language_name, reason_line
from harzportal.documents.library import DocumentDetail, LibraryEntry
from harzportal.documents.models import DocumentCategory, DocumentVersion
from harzportal.documents.routes import download_url
from harzportal.documents.service import StaffDocumentEntry
from harzportal.documents.storage import StoredFile
from harzportal.documents.views import (
    CategoryView,
    DocumentView,
    LibraryRowView,
    StaffDocumentRowView,
    VersionView,
)

PREVIEW_LENGTH = 300


def size_label(size_bytes: int, language: object) -> str:
    """512 B, 12 KB, 1,5 MB / 1.5 MB."""
    if size_bytes < 1024:
        return f"{size_bytes} B"
    if size_bytes < 1024 * 1024:
        return f"{formatting.number(math.ceil(size_bytes / 1024), language)} KB"
    return f"{formatting.number(round(size_bytes / 1024 / 1024, 1), language)} MB"


def local_day(moment: datetime | None, language: object) -> str:
    if moment is None:
        return ""
    return formatting.day(clock.as_utc(moment).astimezone(clock.LOCAL_ZONE).date(), language)


def preview(description: str) -> str:
    flat = " ".join(description.split())
    if len(flat) <= PREVIEW_LENGTH:
        return flat
    return flat[:PREVIEW_LENGTH].rsplit(" ", 1)[0] + " …"


def tag_list(tags: str) -> str:
    return ", ".join(tags.splitlines())


def categories(found: tuple[DocumentCategory, ...], language: object) -> list[CategoryView]:
    return [CategoryView(id=c.id, key=c.key, name=category_name(c, language)) for c in found]


def library_row(entry: LibraryEntry, language: object) -> LibraryRowView:
    document, version = entry.document, entry.latest
    return LibraryRowView(
        id=document.id, href=f"/documents/{document.id}", download_href=download_url(document.id),
        title=document.title, category=category_name(entry.category, language),
        description=preview(document.description), tags=tag_list(document.tags),
        updated=local_day(document.updated_at, language), is_new=entry.is_new,
        reason=reason_line(document, language),
        display_name=version.display_name if version else "",
        size=size_label(version.size_bytes, language) if version else "")


def library_page(page: Page[LibraryEntry], language: object) -> Page[LibraryRowView]:
    return page.map(lambda entry: library_row(entry, language))


def document(detail: DocumentDetail, language: object) -> DocumentView:
    found = detail.document
    return DocumentView(
        id=found.id, title=found.title, category=category_name(detail.category, language),
        category_key=detail.category.key if detail.category else "",
        description=found.description, tags=tag_list(found.tags),
        language=language_name(found.language, language),
        updated=local_day(found.updated_at, language),
        review_date=formatting.day(found.review_date, language),
        reason=reason_line(found, language), audience_label=audience_label(found, language),
        latest_version_id=detail.latest.id if detail.latest else None,
        href=download_url(found.id))


def version(found: DocumentVersion, language: object) -> VersionView:
    return VersionView(
        id=found.id, number=found.number, uploaded=formatting.moment(found.uploaded_at, language),
        change_note=found.change_note, size=size_label(found.size_bytes, language),
        display_name=found.display_name, withdrawn=found.withdrawn_at is not None,
        href=download_url(found.document_id, found.id))


def versions(detail: DocumentDetail, language: object) -> list[VersionView]:
    return [version(found, language) for found in detail.versions]


def staff_row(entry: StaffDocumentEntry, language: object) -> StaffDocumentRowView:
    found = entry.document
    return StaffDocumentRowView(
        id=found.id, href=f"/admin/documents/{found.id}", title=found.title,
        category=category_name(entry.category, language),
        audience_label=audience_label(found, language),
        versions=formatting.number(entry.versions, language),
        downloads=formatting.number(entry.downloads, language),
        updated=local_day(found.updated_at, language))


def staff_page(page: Page[StaffDocumentEntry], language: object) -> Page[StaffDocumentRowView]:
    return page.map(lambda entry: staff_row(entry, language))


def staged_file(stored: StoredFile, language: object) -> str:
    """The file waiting for the form: "Plan.pdf (1,5 MB)"."""
    return f"{stored.display_name} ({size_label(stored.size_bytes, language)})"
