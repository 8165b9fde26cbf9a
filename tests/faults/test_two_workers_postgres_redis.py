"""Two `harzportal worker` processes on PostgreSQL with the queue in Redis (issue 19): the
annual run's job enqueued three times (as a resume after a lost acknowledgement would), so both
workers issue the same run at once, while they render the documents. The numbers stay gapless,
every member gets exactly one invoice and one mail, and each mail goes out after its PDF.

Runs with HARZPORTAL_TEST_DB_URL=postgresql+psycopg://… and a Redis at REFLEX_REDIS_URL (or
redis://127.0.0.1:6379/0); the queue has a name of its own, removed afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from huey.storage import RedisStorage
from sqlmodel import select

from harzportal import db, jobs, settings
from harzportal.core.roles import Role
from harzportal.invoices import annual_run
from harzportal.invoices.models import Invoice
from harzportal.jobruns.models import JobRun
from harzportal.mail.models import OutboxEmail
from tests.invoices.helpers import billing_contact, fee_item, member
from tests.workers import stop_workers

pytestmark = pytest.mark.service

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REFLEX_REDIS_URL") or "redis://127.0.0.1:6379/0"
MEMBERS = 12


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:
        return False


def rows(model) -> list:
    with db.unit_of_work() as session:
        return list(session.exec(select(model).order_by(model.id)))


def test_two_workers_on_postgresql_and_redis_issue_gapless_and_mail_only_documents(
        database_url, tmp_path, factories, monkeypatch):
    if not database_url.startswith("postgresql"):
        pytest.skip("needs HARZPORTAL_TEST_DB_URL on PostgreSQL")
    if not _redis_reachable():
        pytest.skip(f"no Redis at {REDIS_URL}")
    data_dir = tmp_path / "data"
    monkeypatch.setenv("HARZPORTAL_DATA_DIR", str(data_dir))
    monkeypatch.setenv("HARZPORTAL_INVOICE_PREFIX", "CNH")
    settings.reload()
    queue_name = f"harzportal-test-{os.getpid()}"
    storage = RedisStorage(queue_name, url=REDIS_URL)
    fee_item("chemical", 0, None, 600)
    for number in range(MEMBERS):
        billing_contact(factories, member(factories, name=f"Mitglied {number:02d} GmbH",
                                          employees=20))
    staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))
    year = date.today().year
    env = os.environ | {"REFLEX_DB_URL": database_url, "REFLEX_REDIS_URL": REDIS_URL,
                        "HARZPORTAL_JOB_QUEUE_NAME": queue_name,
                        "HARZPORTAL_DATA_DIR": str(data_dir), "HARZPORTAL_INVOICE_PREFIX": "CNH",
                        "PYTHONPATH": str(ROOT)}
    logs = [tmp_path / f"worker-{n}.log" for n in range(2)]
    workers = []
    try:
        jobs.huey.immediate = False
        jobs.use_storage(storage)
        with db.unit_of_work() as session:
            run_id = annual_run.start_annual_run(session, staff, year).id
        for _ in range(2):  # two more copies of the run's job: both workers issue at once
            jobs.submit(annual_run.run_annual_invoices, run_id)
        for log_path in logs:
            with open(log_path, "wb") as log:
                workers.append(subprocess.Popen(
                    [sys.executable, "-m", "harzportal.cli", "worker", "--threads", "2"],
                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 120
        while rows(JobRun)[0].state != "done" or len(rows(OutboxEmail)) < MEMBERS or any(
                invoice.document_state != "ready" for invoice in rows(Invoice)):
            assert time.monotonic() < deadline, [p.read_text()[-2000:] for p in logs]
            time.sleep(0.1)
        time.sleep(2)  # any late duplicate would show now
    finally:
        stop_workers(workers)
        storage.flush_all()
        jobs.use_storage(None)
        jobs.huey.immediate = True
        monkeypatch.undo()
        settings.reload()

    issued = rows(Invoice)
    assert sorted(i.number for i in issued) == [f"CNH-{year}-{n:04d}" for n in
                                                range(1, MEMBERS + 1)]
    assert len({i.organization_id for i in issued}) == MEMBERS
    [finished] = rows(JobRun)
    assert (finished.done, finished.errors, finished.total) == (MEMBERS, 0, MEMBERS)
    mails = rows(OutboxEmail)
    assert len(mails) == MEMBERS  # one per member, none twice
    ready_files = {i.pdf_file for i in issued}
    for mail in mails:
        [attached] = mail.attachments
        assert attached["name"] in ready_files
    both = [p.read_text(errors="replace") for p in logs]
    assert all("invoice.render_document" in text for text in both), "one worker did nothing"
    assert not list(RedisStorage(queue_name, url=REDIS_URL).conn.scan_iter(
        f"huey.*{queue_name}*"))
