"""A process killed (SIGKILL) in the middle of a document upload, a publication or an invoice run
(or a job worker killed while rendering an invoice run's documents) leaves no half-written
document or invoice: the database has all of a change or none of it,
every recorded file is complete, partial files are never served, re-running completes the work
without duplicates or gaps, and `clean-files` removes what the crash left on disk.

The work runs in a child process (tests/faults/crash_child.py) against this test's database
(SQLite file, or PostgreSQL with HARZPORTAL_TEST_DB_URL) and data directory; it stops at a fixed
point and is killed there.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from huey.storage import SqliteStorage
from sqlmodel import select

from harzportal import db, jobs, settings
from harzportal.audit.models import AuditEvent
from harzportal.cli import main
from harzportal.core import clock, private_files
from harzportal.core.roles import Role
from harzportal.documents import service as documents
from harzportal.documents import storage
from harzportal.documents.models import Document, DocumentCategory, DocumentVersion
from harzportal.invoices import issuing, rendering
from harzportal.invoices.models import Invoice, InvoiceLine
from harzportal.mail.models import OutboxEmail
from harzportal.maintenance.files import remove_stale_files
from tests.documents import files
from tests.invoices.helpers import billing_contact, fee_item, member

pytestmark = pytest.mark.service

ROOT = Path(__file__).resolve().parents[2]
DAY_AND_AN_HOUR = 25 * 3600


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("HARZPORTAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HARZPORTAL_INVOICE_PREFIX", "CNH")
    settings.reload()
    yield settings.get().data_dir
    monkeypatch.undo()
    settings.reload()


@pytest.fixture
def staff(factories):
    return factories.user(None, role=Role.NETWORK_ADMIN, full_name="Greta Geschäftsstelle")


def run_until_stopped(database_url: str, tmp_path: Path, scenario: str, *arguments) -> dict:
    """Start the scenario in a child process, wait until it reports its stopping point, kill it
    with SIGKILL there; what it reported."""
    marker = tmp_path / f"{scenario}.stopped"
    log_path = tmp_path / f"{scenario}.log"
    env = os.environ | {"REFLEX_DB_URL": database_url,
                        "HARZPORTAL_DATA_DIR": str(settings.get().data_dir),
                        "HARZPORTAL_INVOICE_PREFIX": "CNH"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.crash_child", scenario, str(marker),
             *map(str, arguments)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    try:
        while not marker.exists():
            if process.poll() is not None:
                pytest.fail(f"{scenario} ended before its stop:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"{scenario} did not reach its stop:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return json.loads(marker.read_text())


def rows(model, *where) -> list:
    with db.unit_of_work() as session:
        return list(session.exec(select(model).where(*where).order_by(model.id)).all())


def folder_names(area: str) -> set[str]:
    folder = private_files.directory(area)
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def age_all_files(area: str, seconds: int = DAY_AND_AN_HOUR) -> None:
    """Pretend every file of the area was last written `seconds` ago."""
    moment = time.time() - seconds
    for path in private_files.directory(area).iterdir():
        os.utime(path, (moment, moment))


def clean_files() -> list[str]:
    with db.unit_of_work() as session:
        return remove_stale_files(session)


def assert_every_version_has_its_complete_file() -> None:
    for version in rows(DocumentVersion):
        assert storage.open_verified(version.file_name, version.sha256) is not None, version


def assert_every_invoice_has_its_pdf() -> None:
    for invoice in rows(Invoice):
        assert invoice.pdf_file and private_files.read_verified(
            issuing.PDF_AREA, invoice.pdf_file, invoice.pdf_sha256) is not None, invoice.number
        assert rows(InvoiceLine, InvoiceLine.invoice_id == invoice.id), invoice.number


# Documents

def test_an_upload_killed_mid_stream_leaves_only_an_unservable_part_file_that_is_cleaned(
        database_url, tmp_path, staff):
    stopped = run_until_stopped(database_url, tmp_path, "upload", 3 * 64 * 1024)

    assert stopped["sent"] == 3 * 64 * 1024
    [left] = folder_names(storage.AREA)
    assert left.startswith("upload-") and left.endswith(".part")
    assert private_files.path_of(storage.AREA, left) is None  # not a name any route serves
    assert rows(DocumentVersion) == [] and rows(Document) == []

    assert clean_files() == []  # an upload may still be running: a fresh file stays
    age_all_files(storage.AREA)
    assert clean_files() == [f"documents/{left}"]
    assert folder_names(storage.AREA) == set()


def test_a_publication_killed_before_commit_leaves_no_document_and_its_file_is_cleaned(
        database_url, tmp_path, factories, staff):
    with db.unit_of_work() as session:
        category = DocumentCategory(key="hse", name_de="HSE", name_en="HSE", position=1)
        session.add(category)
    actor = factories.actor(staff)
    earlier = storage.store_upload(io.BytesIO(files.pdf("Betriebsanweisung Salzsäure")),
                                   "Betriebsanweisung.pdf")
    with db.unit_of_work() as session:
        documents.create_document(session, actor, {"title": "Betriebsanweisung Salzsäure",
                                                   "category_id": str(category.id)},
                                  earlier, notify=False)
    events_before = len(rows(AuditEvent))

    stopped = run_until_stopped(database_url, tmp_path, "publish", staff.id, category.id)

    # The child had written the document, its version, the audit event and was mailing the
    # audience when it died: none of it is in the database.
    assert stopped["document_id"] and stopped["version_id"]
    assert [document.title for document in rows(Document)] == ["Betriebsanweisung Salzsäure"]
    assert [version.file_name for version in rows(DocumentVersion)] == [earlier.file_name]
    assert len(rows(AuditEvent)) == events_before
    assert rows(OutboxEmail) == []
    assert_every_version_has_its_complete_file()
    # Its upload is complete on disk, but nothing refers to it, so nothing serves it.
    assert folder_names(storage.AREA) == {earlier.file_name, stopped["file_name"]}

    age_all_files(storage.AREA)
    assert clean_files() == [f"documents/{stopped['file_name']}"]
    assert folder_names(storage.AREA) == {earlier.file_name}
    assert_every_version_has_its_complete_file()


# Invoices

def test_a_render_worker_killed_mid_run_leaves_gapless_numbers_and_a_restart_finishes(
        database_url, tmp_path, factories, staff):
    fee_item("chemical", 0, None, 600)
    for name in ("Aller Chemie GmbH", "Bode Chemie GmbH", "Harzer Chemiewerke GmbH",
                 "Oker Chemie GmbH", "Selke Chemie GmbH"):
        billing_contact(factories, member(factories, name=name, employees=20))
    year = date.today().year  # the run issues with the real clock
    # The queue the child's settings point at: next to the test database (or in the data
    # folder on PostgreSQL).
    queue_path = jobs.queue_file(database_url, settings.get().data_dir)
    queue_path.parent.mkdir(parents=True, exist_ok=True)
    consumer = None
    try:
        jobs.huey.immediate = False
        jobs.use_storage(SqliteStorage(jobs.QUEUE_NAME, filename=str(queue_path)))
        jobs.huey.flush()
        with db.unit_of_work() as session:
            assert issuing.issue_annual_run(session, factories.actor(staff), 2027) == 5

        stopped = run_until_stopped(database_url, tmp_path, "render-worker", 3)

        # Killed while the third PDF was being written: all five invoices exist, numbered 1 to 5
        # without a gap; two have their PDF and their mail, the others are being prepared and
        # nothing was mailed for them.
        issued = rows(Invoice)
        assert sorted(invoice.number for invoice in issued) == [
            f"CNH-{year}-{number:04d}" for number in range(1, 6)]
        assert [invoice.document_state for invoice in issued] == ["ready"] * 2 + ["pending"] * 3
        assert len(rows(OutboxEmail)) == 2
        assert len(stopped["renamed"]) == 2 and stopped["temporary"].endswith(".part")

        # A worker started again (after the lost job's grace period) renders the rest; the
        # killed worker's own job (the third) is found pending and enqueued again.
        with clock.fixed_at(clock.now() + rendering.LOST_AFTER + timedelta(minutes=1)):
            consumer = jobs.start_consumer(2)
            deadline = time.monotonic() + 60
            while any(i.document_state != "ready" for i in rows(Invoice)) or len(
                    rows(OutboxEmail)) < 5:
                assert time.monotonic() < deadline, "the restarted worker did not finish"
                time.sleep(0.05)
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
        jobs.use_storage(None)
        jobs.huey.immediate = True

    assert len(rows(OutboxEmail)) == 5  # one mail per billing contact, none twice
    assert_every_invoice_has_its_pdf()
    issued = rows(Invoice)
    # What the killed worker left on disk goes; every issued invoice keeps its PDF.
    referenced = {invoice.pdf_file for invoice in issued}
    age_all_files(issuing.PDF_AREA)
    removed = clean_files()
    assert f"invoices/{Path(stopped['temporary']).name}" in removed
    assert folder_names(issuing.PDF_AREA) == referenced
    assert_every_invoice_has_its_pdf()


def test_an_annual_run_worker_killed_mid_run_leaves_gapless_numbers_and_a_restart_finishes(
        database_url, tmp_path, factories, staff):
    """The annual run as a job (issue 19): its worker killed inside the third invoice's
    transaction; a consumer started again goes on with the run from its record."""
    from harzportal.invoices import annual_run
    from harzportal.jobruns.models import JobRun

    fee_item("chemical", 0, None, 600)
    for name in ("Aller Chemie GmbH", "Bode Chemie GmbH", "Harzer Chemiewerke GmbH",
                 "Oker Chemie GmbH", "Selke Chemie GmbH"):
        billing_contact(factories, member(factories, name=name, employees=20))
    year = date.today().year
    queue_path = jobs.queue_file(database_url, settings.get().data_dir)
    queue_path.parent.mkdir(parents=True, exist_ok=True)
    consumer = None
    try:
        jobs.huey.immediate = False
        jobs.use_storage(SqliteStorage(jobs.QUEUE_NAME, filename=str(queue_path)))
        jobs.huey.flush()
        with db.unit_of_work() as session:
            run_id = annual_run.start_annual_run(session, factories.actor(staff), year).id

        stopped = run_until_stopped(database_url, tmp_path, "run-worker", 3)

        # Killed with the third number taken but not committed: two invoices, and the run's
        # record says two done; the third number is free again.
        assert stopped["numbers"][-1] == f"CNH-{year}-0003"
        assert sorted(i.number for i in rows(Invoice)) == [f"CNH-{year}-0001",
                                                           f"CNH-{year}-0002"]
        [killed] = rows(JobRun)
        assert (killed.state, killed.done, killed.total) == ("running", 2, 5)

        consumer = jobs.start_consumer(2)  # at its start: the unfinished run is asked for again
        deadline = time.monotonic() + 90
        while rows(JobRun)[0].state != "done" or len(rows(OutboxEmail)) < 5 or any(
                i.document_state != "ready" for i in rows(Invoice)):
            assert time.monotonic() < deadline, "the restarted worker did not finish the run"
            time.sleep(0.05)
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
        jobs.use_storage(None)
        jobs.huey.immediate = True

    assert sorted(i.number for i in rows(Invoice)) == [f"CNH-{year}-{n:04d}" for n in range(1, 6)]
    [finished] = rows(JobRun)
    assert (finished.id, finished.done, finished.errors, finished.total) == (run_id, 5, 0, 5)
    assert len(rows(OutboxEmail)) == 5  # one mail per invoice, each after its PDF
    assert_every_invoice_has_its_pdf()
    assert len(rows(AuditEvent, AuditEvent.action == "invoice_run.completed")) == 1


def test_clean_files_keeps_recent_files_and_touches_only_temporary_files_of_logos(engine):
    """The clean-up itself: fresh temporary files stay (an upload may be running), referenced
    files stay at any age, other areas lose only temporary files."""
    logos = private_files.directory("logos")
    logos.mkdir(parents=True)
    (logos / f"{'a' * 64}.png").write_bytes(b"png")
    (logos / "tmp1.part").write_bytes(b"half")
    invoices = private_files.directory(issuing.PDF_AREA)
    invoices.mkdir(parents=True)
    (invoices / "tmp2.part").write_bytes(b"half")
    age_all_files("logos")

    assert clean_files() == ["logos/tmp1.part"]
    assert folder_names("logos") == {f"{'a' * 64}.png"}  # logos are referenced elsewhere
    assert folder_names(issuing.PDF_AREA) == {"tmp2.part"}


def test_the_clean_files_command_reports_what_it_removed(engine, capsys):
    documents_folder = private_files.directory(storage.AREA)
    documents_folder.mkdir(parents=True)
    (documents_folder / "upload-x.part").write_bytes(b"half")
    age_all_files(storage.AREA)

    assert main(["clean-files"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "removed documents/upload-x.part", "Removed 1 stale file(s)."]
    assert folder_names(storage.AREA) == set()
