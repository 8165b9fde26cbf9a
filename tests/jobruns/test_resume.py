"""Asking again for lost jobs (issue 19, `jobruns.resume`): a consumer's start asks for the job
of every unfinished run of a kind; the 5-minute sweep only for runs without progress for
IDLE_AFTER; each kind has its own sweep; a failed job finishes its run as failed."""

from __future__ import annotations

import pytest

from harzportal import db, jobs
from harzportal.banking import import_job
from harzportal.debits import collection_job
from harzportal.invoices import annual_run
from harzportal.jobruns import resume
from harzportal.jobruns import service as runs
from harzportal.jobruns.models import JobRun

pytestmark = pytest.mark.service

RESUMED = {import_job: ("bank_import", import_job.import_statement, "bank.resume_imports"),
           collection_job: ("debit_run", collection_job.run_collection,
                            "debit.resume_collection_runs"),
           annual_run: ("invoice_run", annual_run.run_annual_invoices,
                        "invoice.resume_annual_runs")}


@pytest.fixture
def asked(monkeypatch) -> list:
    """What was asked for, instead of running it."""
    calls = []
    monkeypatch.setattr(resume.jobs, "submit", lambda task, run_id: calls.append((task, run_id)))
    return calls


def started(kind: str, subject: str = "x") -> int:
    with db.unit_of_work() as session:
        return runs.start(session, kind=kind, subject=subject, started_by=None, total=3).id


def periodic(name: str):
    [task] = [task for task in jobs.huey._registry.periodic_tasks  # noqa: SLF001
              if task.name == name]
    return task


@pytest.mark.parametrize("module", list(RESUMED), ids=lambda module: module.__name__)
def test_a_consumer_start_asks_again_for_every_unfinished_run_of_its_kind_only(
        engine, asked, module):
    kind, task, _ = RESUMED[module]
    waiting, finished, other = started(kind), started(kind), started("other_kind")
    with db.unit_of_work() as session:
        runs.finish(session, finished, {})

    assert module.enqueue_unfinished() == 1
    assert asked == [(task, waiting)] and other not in {run_id for _, run_id in asked}


@pytest.mark.parametrize("module", list(RESUMED), ids=lambda module: module.__name__)
def test_the_sweep_of_each_kind_asks_only_for_runs_without_progress_for_five_minutes(
        engine, asked, fake_clock, module):
    kind, task, name = RESUMED[module]
    idle, recent = started(kind), started(kind)
    fake_clock.advance(minutes=4)
    with db.unit_of_work() as session:
        runs.advance(session, recent, done=0)  # progress at minute 4: idle from minute 9
    fake_clock.advance(minutes=1, seconds=1)

    periodic(name).execute()
    assert asked == [(task, idle)]

    fake_clock.advance(minutes=4)
    asked.clear()
    periodic(name).execute()
    assert sorted(run_id for _, run_id in asked) == [idle, recent]


def test_a_failed_job_finishes_its_run_as_failed_with_the_reason(engine):
    run_id = started("bank_import")

    runs.fail(run_id, "statement.upload_first")
    runs.fail(run_id, "error.generic")  # a second failure changes nothing

    with db.unit_of_work() as session:
        failed = session.get(JobRun, run_id)
        assert (failed.state, failed.active_key) == ("failed", None)
        assert runs.summary_of(failed)["error"] == "statement.upload_first"
