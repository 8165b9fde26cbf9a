"""What the library pages show: frozen, typed, formatted in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryView:
    id: int
    key: str
    name: str


@dataclass(frozen=True)
class LibraryRowView:
    """A document in the members' list."""

    id: int
    href: str  # the document's page
    download_href: str  # its newest version
    title: str
    category: str
    description: str  # a preview
    tags: str
    updated: str
    is_new: bool
    reason: str  # why it is restricted; "" when it is for everyone
    display_name: str
    size: str


@dataclass(frozen=True)
class DocumentView:
    id: int
    title: str
    category: str
    category_key: str
    description: str
    tags: str
    language: str
    updated: str
    review_date: str
    reason: str
    audience_label: str
    latest_version_id: int | None
    href: str  # download of the newest version


EMPTY_DOCUMENT = DocumentView(id=0, title="", category="", category_key="", description="",
                              tags="", language="", updated="", review_date="", reason="",
                              audience_label="", latest_version_id=None, href="")


@dataclass(frozen=True)
class VersionView:
    id: int
    number: int
    uploaded: str
    change_note: str
    size: str
    display_name: str
    withdrawn: bool
    href: str


@dataclass(frozen=True)
class StaffDocumentRowView:
    """A document in the staff's list, with its numbers of versions and downloads."""

    id: int
    href: str
    title: str
    category: str
    audience_label: str
    versions: str
    downloads: str
    updated: str
