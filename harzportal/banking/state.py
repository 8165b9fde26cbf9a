"""The staff's bank statement page: upload, preview, booking; flagged entries; assignment.

No `from __future__ import annotations` here: Reflex reads the upload handler's annotation
(`list[rx.UploadFile]`) at runtime.
"""

import reflex as rx

from harzportal import db
from harzportal.banking import camt, import_job, presenter, statements
from harzportal.banking.views import EMPTY_PREVIEW, EntryRowView, PlannedRowView, PreviewView
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.errors import ValidationFailed
from harzportal.core.ids import parse_id
from harzportal.jobruns import presenter as run_presenter
from harzportal.jobruns import service as runs
from harzportal.jobruns.views import NO_RUN, RunView
from harzportal.jobruns.watch import follow_to_outcome
from harzportal.shell.guard import requires_staff, requires_staff_in_background
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
    run: RunView = NO_RUN  # the latest import job: its progress bar
    _sha256: str = ""  # of the previewed file, which the server keeps (import_job)
    _watching: bool = False

    def _forget(self) -> None:
        self._sha256, self.file_name = "", ""
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
        latest = await db.run_in_unit_of_work(runs.latest, actor, import_job.KIND)
        self.run = run_presenter.run_view(latest, self.lang)
        if self.run.active and not self._watching:  # also after the page was left and opened
            return BankStatementState.watch_run

    @accepts_upload(camt.MAX_BYTES)
    @requires_staff
    async def upload(self, actor: Actor, files: list[rx.UploadFile]):
        self.error = self.message = ""
        self._forget()
        if not isinstance(files, list) or len(files) != 1:
            return
        with self._refusal_shown_in("error") as outcome:
            content = _read_limited(files[0])
            plan = await db.run_in_unit_of_work(import_job.preview_and_stage, actor, content)
        if outcome.refused:
            return
        self._sha256 = plan.sha256
        self.file_name = (files[0].filename or "")[:120]
        self.preview, self.planned = presenter.preview(plan, self.lang)

    @requires_staff
    async def book(self, actor: Actor):
        """Book the previewed file as a job; the progress bar follows it."""
        self.error = self.message = ""
        if not self._sha256:
            self.error = self._text("statement.upload_first")
            return
        with self._refusal_shown_in("error") as outcome:
            started = await db.run_in_unit_of_work(import_job.start_import, actor, self._sha256)
        if outcome.refused:
            return
        self._forget()
        self.run = run_presenter.run_view(started, self.lang)
        if not self._watching:
            return BankStatementState.watch_run

    @rx.event(background=True)
    @requires_staff_in_background
    async def watch_run(self, actor: Actor):
        """Background: the import's progress bar, to its end."""
        await follow_to_outcome(self, self._reload)

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
