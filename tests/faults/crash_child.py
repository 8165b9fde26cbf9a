"""The work a fault test kills: run as `python -m tests.faults.crash_child SCENARIO MARKER ...`
in a child process with REFLEX_DB_URL and HARZPORTAL_DATA_DIR set.

Each scenario runs the application's real code and stops at a fixed point in the middle: it
writes MARKER (a small JSON file) and then blocks, so the test can SIGKILL it exactly there.

- upload MARKER BYTES: a document upload whose client stalls after BYTES bytes;
- publish MARKER STAFF_ID CATEGORY_ID: a complete upload published as a new document, stopped
  inside the transaction after the document and its version were written (before commit);
- render-worker MARKER N: a job consumer (one thread, as `harzportal worker` runs it) rendering
  the queued invoice documents, stopped while the N-th PDF is written (the file is complete
  under its temporary name, not yet renamed);
- run-worker MARKER N: a job consumer running the annual invoice run's job, stopped inside the
  transaction of the N-th invoice (its number taken, not committed).
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

from harzportal import db
from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from tests.documents import files

CHUNK = 64 * 1024


def _stop_here(marker: Path, **facts) -> None:
    """Tell the test where we are, then wait for the SIGKILL."""
    temporary = marker.with_suffix(".writing")
    temporary.write_text(json.dumps(facts))
    os.rename(temporary, marker)  # not os.replace: the invoice scenario watches that one
    while True:
        time.sleep(60)


class StallingUpload(io.RawIOBase):
    """A client that sends `stall_after` bytes of a PDF and then stops sending."""

    def __init__(self, marker: Path, stall_after: int):
        self.marker, self.stall_after, self.sent = marker, stall_after, 0
        self.content = files.pdf("Betriebsanweisung") + b"%" + b"x" * (4 * stall_after)

    def read(self, size: int = -1) -> bytes:
        if self.sent >= self.stall_after:
            _stop_here(self.marker, sent=self.sent)
        chunk = self.content[self.sent:self.sent + min(CHUNK, self.stall_after - self.sent)]
        self.sent += len(chunk)
        return chunk


def _actor(user_id: int) -> Actor:
    with db.unit_of_work() as session:
        user = session.get(User, user_id)
        return Actor(user_id=user.id, organization_id=user.organization_id, role=Role(user.role))


def upload(marker: Path, stall_after: str) -> None:
    from harzportal.documents import storage

    storage.store_upload(StallingUpload(marker, int(stall_after)), "Betriebsanweisung.pdf")


def publish(marker: Path, staff_id: str, category_id: str) -> None:
    from harzportal.documents import service, storage

    stored = storage.store_upload(io.BytesIO(files.pdf("Hautschutzplan")), "Hautschutzplan.pdf")

    def notify_then_stop(session, document, version):
        session.flush()
        _stop_here(marker, file_name=stored.file_name, document_id=document.id,
                   version_id=version.id)

    service._notify = notify_then_stop
    form = {"title": "Hautschutzplan", "category_id": category_id, "audience": "all"}
    with db.unit_of_work() as session:
        service.create_document(session, _actor(int(staff_id)), form, stored, notify=True)


def render_worker(marker: Path, stop_at: str) -> None:
    from harzportal import jobs, tasks  # noqa: F401 - the consumer knows every job

    rename, renamed = os.replace, []

    def replace_then_stop(source, target, *args, **kwargs):
        if str(source).endswith(".part") and len(renamed) + 1 == int(stop_at):
            _stop_here(marker, renamed=renamed, temporary=str(source))
        rename(source, target, *args, **kwargs)
        renamed.append(Path(target).name)

    os.replace = replace_then_stop
    jobs.start_consumer(1)
    while True:
        time.sleep(60)


def run_worker(marker: Path, stop_at: str) -> None:
    """A consumer running the annual run's job, stopped inside the transaction of the N-th
    invoice (its number taken and flushed, not committed)."""
    from harzportal import jobs, tasks  # noqa: F401 - the consumer knows every job
    from harzportal.invoices import issuing

    real_issue, issued = issuing.issue, []

    def issue_then_stop(session, actor, request):
        invoice = real_issue(session, actor, request)
        session.flush()
        issued.append(invoice.number)
        if len(issued) == int(stop_at):
            _stop_here(marker, numbers=issued)
        return invoice

    issuing.issue = issue_then_stop
    jobs.start_consumer(1)
    while True:
        time.sleep(60)


SCENARIOS = {"upload": upload, "publish": publish, "render-worker": render_worker,
             "run-worker": run_worker}

if __name__ == "__main__":
    scenario, marker, *arguments = sys.argv[1:]
    SCENARIOS[scenario](Path(marker), *arguments)
    sys.exit("the scenario ran to its end without stopping")  # the test expects a stop
