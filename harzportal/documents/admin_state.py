"""States of the staff's library screens: the list, a new document, a document's versions.

No `from __future__ import annotations` here: Reflex reads the upload handlers' annotation
(`list[rx.UploadFile]`) at runtime.
"""

import asyncio

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.formatting import number
from harzportal.core.ids import parse_id
from harzportal.documents import library, service, storage
from harzportal.documents.routes import download_url
from harzportal.mail.sender import wake_sender
from harzportal.organizations.models import OrganizationKind
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages

UPLOAD_ID = "document_upload"
KINDS = tuple(kind.value for kind in OrganizationKind)


class _UploadingState(PortalState):
    """A file staged by the upload handler: stored and checked, waiting for the form."""

    staged_name: str = ""
    upload_error: str = ""
    _staged: storage.StoredFile | None = None

    async def _stage(self, files: list) -> None:
        self.upload_error = ""
        if not isinstance(files, list) or len(files) != 1:
            return
        upload = files[0]
        try:
            stored = await asyncio.to_thread(storage.store_upload, upload.file,
                                             upload.filename or "")
        except DomainError as error:
            self._staged, self.staged_name = None, ""
            self.upload_error = self._error_text(error)
            return
        self._staged = stored
        self.staged_name = f"{stored.display_name} ({number(stored.size_bytes // 1024, self.lang)} KB)"


class StaffDocumentsState(StaffPages, PortalState):
    async def _fetch_page(self, actor: Actor) -> dict:
        return await db.run_in_unit_of_work(service.list_staff_documents, actor, self.page)

    @requires_staff
    async def load(self, actor: Actor):
        await self._first_page(actor)


class NewDocumentState(_UploadingState):
    categories: list[dict[str, str]] = []
    error: str = ""
    form_key: int = 0

    @requires_staff
    async def load(self, actor: Actor):
        self.error, self.upload_error, self.staged_name, self._staged = "", "", "", None
        self.categories = await db.run_in_unit_of_work(service.list_categories, actor)
        self.form_key += 1

    @requires_staff
    async def upload(self, actor: Actor, files: list[rx.UploadFile]):
        await self._stage(files)

    @requires_staff
    async def create(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        if self._staged is None:
            self.error = self._text("document.file_required")
            return
        kinds = [kind for kind in KINDS if form.get(f"kind_{kind}") == "on"]
        try:
            document = await db.run_in_unit_of_work(
                service.create_document, actor, {**form, "audience_kinds": kinds}, self._staged,
                form.get("notify") == "on")
        except DomainError as error:
            self.error = self._error_text(error)
            return
        wake_sender()
        self._staged, self.staged_name = None, ""
        return rx.redirect(f"/admin/documents/{document.id}")


class StaffDocumentState(_UploadingState):
    document: dict[str, str] = {}
    versions: list[dict[str, str]] = []
    loaded: bool = False
    error: str = ""
    message: str = ""
    form_key: int = 0

    async def _reload(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(library.get_document, actor, self._route_id())
        except DomainError as error:
            self.loaded, self.error = False, self._error_text(error)
            return
        self.loaded = True
        self.document = view["document"]
        self.versions = [version | {"href": download_url(self.document["id"], version["id"])}
                         for version in view["versions"]]

    @requires_staff
    async def load(self, actor: Actor):
        self.error = self.message = self.upload_error = self.staged_name = ""
        self._staged = None
        await self._reload(actor)

    @requires_staff
    async def upload(self, actor: Actor, files: list[rx.UploadFile]):
        await self._stage(files)

    @requires_staff
    async def add_version(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        self.error = self.message = ""
        if self._staged is None:
            self.error = self._text("document.file_required")
            return
        try:
            await db.run_in_unit_of_work(service.add_version, actor, self._route_id(),
                                         self._staged, form.get("change_note", ""),
                                         form.get("notify") == "on")
        except DomainError as error:
            self.error = self._error_text(error)
            return
        wake_sender()
        self._staged, self.staged_name = None, ""
        self.message = self._text("document.version_added")
        self.form_key += 1
        await self._reload(actor)

    @requires_staff
    async def withdraw(self, actor: Actor, version_id: str):
        self.error = self.message = ""
        try:
            await db.run_in_unit_of_work(service.withdraw_version, actor, parse_id(version_id))
        except DomainError as error:
            self.error = self._error_text(error)
            return
        self.message = self._text("document.version_withdrawn")
        await self._reload(actor)
