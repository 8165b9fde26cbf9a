"""The staff's bank statement page: upload, preview, booking; flagged entries; assignment.

No `from __future__ import annotations` here: Reflex reads the upload handler's annotation
(`list[rx.UploadFile]`) at runtime.
"""

import reflex as rx

from harzportal import db
from harzportal.banking import camt, presenter, statements
from harzportal.banking.views import EMPTY_PREVIEW, EntryRowView, PlannedRowView, PreviewView
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.errors import ValidationFailed
from harzportal.core.ids import parse_id
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.shell.uploads import accepts_upload

UPLOAD_ID = "statement_upload"


def _read_limited(upload) -> bytes:
    """At most the limit and one byte more: a larger file is refused without reading it whole
    (the upload guard has refused anything far above it before the body was read)."""
    content = upload.file.read(camt.MAX_BYTES + 1)
    if len(content) > camt.MAX_BYTES:
        raise ValidationFailed("statement.too_large", field="file",
                               megabytes=camt.MAX_BYTES // (1024 * 1024))
    return content


class BankStatementState(PortalState):
    preview: PreviewView = EMPTY_PREVIEW
    planned: list[PlannedRowView] = []
    entries: list[EntryRowView] = []
    invoice_choices: list[Choice] = []
    file_name: str = ""
    error: str = ""
    message: str = ""
    form_key: int = 0
    _content: bytes = b""
    _sha256: str = ""

    def _forget(self) -> None:
        self._content, self._sha256, self.file_name = b"", "", ""
        self.preview, self.planned = EMPTY_PREVIEW, []

    async def _reload(self, actor: Actor) -> None:
        found = await db.run_in_unit_of_work(statements.list_entries, actor)
        self.entries = presenter.entry_rows(found, self.lang)
        choices = await db.run_in_unit_of_work(statements.list_open_invoices, actor)
        self.invoice_choices = presenter.invoice_choices(choices, self.lang)
        self.form_key += 1

    @requires_staff
    async def load(self, actor: Actor):
        self.error = self.message = ""
        self._forget()
        await self._reload(actor)

    @accepts_upload(camt.MAX_BYTES)
    @requires_staff
    async def upload(self, actor: Actor, files: list[rx.UploadFile]):
        self.error = self.message = ""
        self._forget()
        if not isinstance(files, list) or len(files) != 1:
            return
        with self._refusal_shown_in("error") as outcome:
            content = _read_limited(files[0])
            plan = await db.run_in_unit_of_work(statements.preview_import, actor, content)
        if outcome.refused:
            return
        self._content, self._sha256 = content, plan.sha256
        self.file_name = (files[0].filename or "")[:120]
        self.preview, self.planned = presenter.preview(plan, self.lang)

    @requires_staff
    async def book(self, actor: Actor):
        self.error = self.message = ""
        if not self._content:
            self.error = self._text("statement.upload_first")
            return
        with self._refusal_shown_in("error") as outcome:
            plan = await db.run_in_unit_of_work(statements.book_import, actor, self._content,
                                                self._sha256)
        if outcome.refused:
            return
        wake_sender()
        self.message = presenter.booked(plan, self.lang)
        self._forget()
        await self._reload(actor)

    @requires_staff
    async def discard(self, actor: Actor):
        self.error = self.message = ""
        self._forget()

    @requires_staff
    async def assign(self, actor: Actor, form_data: dict):
        self.error = self.message = ""
        data = form_data if isinstance(form_data, dict) else {}
        with self._refusal_shown_in("error") as outcome:
            await db.run_in_unit_of_work(statements.assign_entry, actor,
                                         parse_id(data.get("entry_id")),
                                         parse_id(data.get("invoice_id")))
        if outcome.refused:
            return
        self.message = self._text("bank_entry.assigned")
        await self._reload(actor)

    @requires_staff
    async def mark_reviewed(self, actor: Actor, entry_id: int):
        self.error = self.message = ""
        with self._refusal_shown_in("error") as outcome:
            await db.run_in_unit_of_work(statements.mark_reviewed, actor, parse_id(entry_id))
        if outcome.refused:
            return
        self.message = self._text("bank_entry.reviewed")
        await self._reload(actor)
