"""The portal's own schedule (issue 19): periodic jobs due at Europe/Berlin times from the
settings, each run once per period however many consumers (each with its own scheduler) take
it: 4 worker processes, their real schedulers, one run per minute."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from harzportal import db, schedule, settings
from harzportal.jobruns.models import JobPeriod
from tests.workers import stop_workers

pytestmark = pytest.mark.service

ROOT = Path(__file__).resolve().parents[1]


def test_schedules_are_read_in_berlin_time_winter_and_summer():
    daily = "15 3 * * *"
    assert schedule.is_due(daily, datetime(2027, 1, 15, 2, 15, tzinfo=UTC))  # CET: UTC+1
    assert not schedule.is_due(daily, datetime(2027, 1, 15, 3, 15, tzinfo=UTC))
    assert schedule.is_due(daily, datetime(2027, 7, 15, 1, 15, tzinfo=UTC))  # CEST: UTC+2
    assert schedule.is_due(daily, datetime(2027, 7, 15, 1, 15))  # naive, as Huey passes UTC
    assert not schedule.is_due("off", datetime(2027, 7, 15, 1, 15, tzinfo=UTC))


def test_the_period_is_the_scheduled_minute_even_for_a_copy_that_runs_late():
    daily = "15 3 * * *"
    on_time = datetime(2027, 1, 15, 2, 15, 0, tzinfo=UTC)
    late = datetime(2027, 1, 15, 2, 58, 30, tzinfo=UTC)  # behind a long queue
    assert schedule.period_of(daily, on_time) == schedule.period_of(daily, late) == \
        "2027-01-15T03:15"
    assert schedule.period_of(daily, datetime(2027, 1, 16, 2, 14, tzinfo=UTC)) == \
        "2027-01-15T03:15"
    assert schedule.period_of("5 * * * *", datetime(2027, 1, 15, 9, 7, tzinfo=UTC)) == \
        "2027-01-15T10:05"
    assert schedule.period_of("off", on_time) is None


def test_a_wrong_schedule_stops_the_start_with_its_value(monkeypatch):
    monkeypatch.setenv("HARZPORTAL_SCHEDULE_PURGE", "99 3 * * *")
    with pytest.raises(settings.SettingsError) as stopped:
        settings.reload()
    assert "HARZPORTAL_SCHEDULE_PURGE" in str(stopped.value) and "'99 3 * * *'" in str(
        stopped.value)
    monkeypatch.setenv("HARZPORTAL_SCHEDULE_PURGE", "off")
    assert settings.reload().schedule_purge == "off"
    monkeypatch.delenv("HARZPORTAL_SCHEDULE_PURGE")
    settings.reload()


def test_copies_of_one_period_at_once_run_the_job_once(engine):
    ran = []
    job = schedule.Periodic("schedule.test", "schedule_purge", lambda: ran.append(1))
    moment = datetime(2027, 1, 15, 2, 15, tzinfo=UTC)
    barrier = threading.Barrier(4)

    def copy():
        barrier.wait()
        schedule.run_once_per_period(job, moment)

    threads = [threading.Thread(target=copy) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ran == [1]
    assert not schedule.run_once_per_period(job, datetime(2027, 1, 16, 2, 14, tzinfo=UTC))
    assert schedule.run_once_per_period(job, datetime(2027, 1, 16, 2, 15, tzinfo=UTC))
    assert ran == [1, 1]


def test_a_job_that_fails_gives_its_period_back(engine):
    def broken():
        raise RuntimeError("disk full")

    job = schedule.Periodic("schedule.test", "schedule_purge", broken)
    moment = datetime(2027, 1, 15, 2, 15, tzinfo=UTC)
    with pytest.raises(RuntimeError):
        schedule.run_once_per_period(job, moment)
    with db.unit_of_work() as session:
        assert list(session.exec(select(JobPeriod))) == []


def _claims() -> list[tuple[str, str]]:
    with db.unit_of_work() as session:
        return [(row.job, row.period) for row in session.exec(select(JobPeriod))]


def test_four_workers_run_a_periodic_job_once_per_minute(engine, database_url, tmp_path):
    """Four `harzportal worker` processes on one queue, each with its own scheduler, the
    outbox job due every minute: each minute is claimed once and its job runs once."""
    every_other_job = {f"HARZPORTAL_SCHEDULE_{name}": "off" for name in (
        "SEMINAR_REMINDERS", "EXCHANGE_DIGESTS", "PURGE", "CLEAN_FILES")}
    env = os.environ | every_other_job | {
        "REFLEX_DB_URL": database_url, "HARZPORTAL_DATA_DIR": str(tmp_path / "data"),
        "HARZPORTAL_SCHEDULE_MAIL_OUTBOX": "* * * * *", "PYTHONPATH": str(ROOT),
        "HARZPORTAL_JOB_QUEUE_NAME": f"test-schedule-{os.getpid()}"}
    env.pop("REFLEX_REDIS_URL", None)
    logs = [tmp_path / f"worker-{n}.log" for n in range(4)]
    workers = []
    try:
        for log_path in logs:
            with open(log_path, "wb") as log:
                workers.append(subprocess.Popen(
                    [sys.executable, "-m", "harzportal.cli", "worker", "--threads", "2"],
                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 150
        while len(_claims()) < 2:  # two minutes passed their boundary
            assert time.monotonic() < deadline, [p.read_text()[-2000:] for p in logs]
            assert all(worker.poll() is None for worker in workers)
            time.sleep(0.5)
        time.sleep(5)  # the late copies of the second minute
    finally:
        stop_workers(workers)
    claims = _claims()
    assert len(claims) == len(set(claims)) >= 2
    assert {job for job, _ in claims} == {"schedule.mail_outbox"}
    text = "".join(path.read_text(errors="replace") for path in logs)
    # Every scheduler enqueued the job each minute; the claims let exactly one copy run it.
    ran = text.count("schedule.mail_outbox: ran for")
    assert ran == len(claims), text[-3000:]
