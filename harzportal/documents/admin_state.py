"""States of the staff's library screens: the list, a new document, a document's versions.

No `from __future__ import annotations` here: Reflex reads the upload handlers' annotation
(`list[rx.UploadFile]`) at runtime.
"""

import asyncio

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.ids import parse_id
from harzportal.core.paging import Page
from harzportal.documents import library, presenter, service, storage
from harzportal.documents.forms import NewDocumentForm, NewVersionForm
from harzportal.documents.views import (
    EMPTY_DOCUMENT,
    CategoryView,
    DocumentView,
    StaffDocumentRowView,
    VersionView,
)
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.shell.uploads import accepts_upload
from harzportal.ui.paging import StaffPages

UPLOAD_ID = "document_upload"


class _UploadingState(rx.State, mixin=True):
    """A file staged by the upload handler: stored and checked, waiting for the form (mixed
    into each page's own state, with its own `upload` handler)."""

    staged_name: str = ""
    upload_error: str = ""
    _staged: storage.StoredFile | None = None

    def _forget_staged(self) -> None:
        self._staged, self.staged_name = None, ""

    async def _stage(self, files: list) -> None:
        self.upload_error = ""
        if not isinstance(files, list) or len(files) != 1:
            return
        upload = files[0]
        with self._refusal_shown_in("upload_error") as outcome:
            stored = await asyncio.to_thread(storage.store_upload, upload.file,
                                             upload.filename or "")
        if outcome.refused:
            self._forget_staged()
            return
        self._staged = stored
        self.staged_name = presenter.staged_file(stored, self.lang)

    @accepts_upload(lambda: storage.MAX_UPLOAD_MB * 1024 * 1024)
    @requires_staff
    async def upload(self, actor: Actor, files: list[rx.UploadFile]):
        await self._stage(files)

    async def _publish(self, work, *arguments) -> object | None:
        """Publish the staged file with `work` (a new document or version); None if refused,
        with the reason in the page's `error`."""
        if self._staged is None:
            self.error = self._text("document.file_required")
            return None
        with self._refusal_shown_in("error") as outcome:
            published = await db.run_in_unit_of_work(work, *arguments)
        if outcome.refused:
            return None
        wake_sender()
        self._forget_staged()
        return published


class StaffDocumentsState(StaffPages, PortalState):
    rows: list[StaffDocumentRowView] = []

    async def _fetch_page(self, actor: Actor) -> Page[StaffDocumentRowView]:
        found = await db.run_in_unit_of_work(service.list_staff_documents, actor, self.page)
        return presenter.staff_page(found, self.lang)


class NewDocumentState(_UploadingState, PortalState):
    categories: list[CategoryView] = []
    error: str = ""
    form_key: int = 0

    @requires_staff
    async def load(self, actor: Actor):
        self.error = self.upload_error = ""
        self._forget_staged()
        found = await db.run_in_unit_of_work(service.list_categories, actor)
        self.categories = presenter.categories(found, self.lang)
        self.form_key += 1

    @requires_staff
    async def create(self, actor: Actor, form_data: dict):
        form = parse_form(NewDocumentForm, form_data)  # lenient: the service names bad fields
        document = await self._publish(service.create_document, actor, form.document_fields(),
                                       self._staged, form.notify)
        if document is not None:
            return rx.redirect(f"/admin/documents/{document.id}")


class StaffDocumentState(_UploadingState, PortalState):
    document: DocumentView = EMPTY_DOCUMENT
    versions: list[VersionView] = []
    loaded: bool = False
    error: str = ""
    message: str = ""
    form_key: int = 0

    async def _reload(self, actor: Actor) -> None:
        with self._refusal_shown_in("error") as outcome:
            detail = await db.run_in_unit_of_work(library.get_document, actor, self._route_id())
        self.loaded = not outcome.refused
        if self.loaded:
            self.document = presenter.document(detail, self.lang)
            self.versions = presenter.versions(detail, self.lang)

    @requires_staff
    async def load(self, actor: Actor):
        self.error = self.message = self.upload_error = ""
        self._forget_staged()
        await self._reload(actor)

    @requires_staff
    async def add_version(self, actor: Actor, form_data: dict):
        self.message = ""
        form = parse_form(NewVersionForm, form_data)
        version = await self._publish(service.add_version, actor, self._route_id(),
                                      self._staged, form.change_note, form.notify)
        if version is None:
            return
        self.message = self._text("document.version_added")
        self.form_key += 1
        await self._reload(actor)

    @requires_staff
    async def withdraw(self, actor: Actor, version_id: int):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            await db.run_in_unit_of_work(service.withdraw_version, actor, parse_id(version_id))
        if outcome.refused:
            return
        self.message = self._text("document.version_withdrawn")
        await self._reload(actor)
