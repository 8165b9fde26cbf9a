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
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.jobruns.models import JobPeriod
from harzportal.mail.models import OutboxEmail
from tests.invoices.helpers import invoice_row, member
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
        "SEMINAR_REMINDERS", "EXCHANGE_DIGESTS", "PURGE", "CLEAN_FILES",
        "PAYMENT_REMINDER_PROPOSALS")}
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


# The payment reminder proposals' summary (issue 19)

PROPOSALS_DAY = datetime(2027, 2, 22, 6, 0, tzinfo=UTC)  # a Monday, 07:00 in Berlin
PROPOSALS = next(job for job in schedule.PERIODIC
                 if job.name == "schedule.payment_reminder_proposals")


def _summaries() -> list:
    with db.unit_of_work() as session:
        return list(session.exec(select(OutboxEmail).where(
            OutboxEmail.kind == "reminder_proposals").order_by(OutboxEmail.recipient)))


@pytest.fixture
def invoice_people(factories):
    oker = member(factories, name="Oker Recycling GmbH")
    factories.user(None, role=Role.NETWORK_ADMIN, email="anna@netzwerk.example",
                   full_name="Anna Amt")
    factories.user(None, role=Role.NETWORK_ADMIN, email="ben@netzwerk.example",
                   full_name="Ben Office", preferred_language="en")
    factories.user(None, role=Role.NETWORK_ADMIN, email="gone@netzwerk.example",
                   is_active=False)
    factories.user(oker, role=Role.ORG_MANAGER, email="chef@oker.example")
    return oker


def test_the_summary_goes_to_the_invoice_managers_each_in_their_language(engine,
                                                                         invoice_people):
    for number in (1, 2):  # due 14.02.2027, a week and a day past on the 22nd
        invoice_row(invoice_people, f"CNH-2027-000{number}")
    assert schedule.is_due(PROPOSALS.expression(), PROPOSALS_DAY)
    with clock.fixed_at(PROPOSALS_DAY):
        assert schedule.run_once_per_period(PROPOSALS, PROPOSALS_DAY)
        assert not schedule.run_once_per_period(PROPOSALS, PROPOSALS_DAY)  # the period is taken
    mails = _summaries()
    assert [mail.recipient for mail in mails] == ["anna@netzwerk.example",
                                                  "ben@netzwerk.example"]
    anna, ben = mails
    assert anna.subject == "Mahnvorschläge: 2 Rechnungen zu mahnen"
    assert "Guten Tag Anna Amt" in anna.body_text
    assert "- 2 Rechnungen für „Zahlungserinnerung“" in anna.body_text
    assert "22.02.2027" in anna.body_text
    assert "/admin/invoices/reminders" in anna.body_text
    assert ben.subject == "Reminder proposals: 2 invoices to remind"
    assert "Hello Ben Office" in ben.body_text and "2 invoices for" in ben.body_text


def test_no_summary_on_a_day_without_proposals(engine, invoice_people):
    invoice_row(invoice_people, "CNH-2027-0001", paid_cents=142800, status="paid")
    with clock.fixed_at(PROPOSALS_DAY):
        assert schedule.run_once_per_period(PROPOSALS, PROPOSALS_DAY)
    assert _summaries() == []


def test_the_summary_runs_on_weekday_mornings_by_default():
    assert PROPOSALS.expression() == "0 7 * * 1-5"
    assert schedule.is_due("0 7 * * 1-5", datetime(2027, 2, 26, 6, 0, tzinfo=UTC))  # Friday
    assert not schedule.is_due("0 7 * * 1-5", datetime(2027, 2, 27, 6, 0, tzinfo=UTC))  # Sat
