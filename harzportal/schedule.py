"""The portal's own schedule (issue 19): the periodic jobs (seminar reminders, exchange
digests, purge, clean-files, the mail outbox, the staff's payment reminder proposals), run by
the task queue's consumers (each server's worker child, every `harzportal worker`) at the
times the settings give in Europe/Berlin time (`HARZPORTAL_SCHEDULE_*`: five crontab fields, or
off). No cron is needed; the CLI commands (`send-reminders`, `purge`,
`propose-payment-reminders`, …) stay for runs by hand.

Every consumer has a scheduler of its own, so with several servers or workers each one enqueues
a due job. The job therefore first claims its period: a row (job, period) in `jobperiod`, whose
unique constraint lets exactly one insert win; the period is the scheduled minute the job is
due for (the latest minute at or before now that its schedule matches), so a copy that runs
late, behind a long queue, still claims the same period as the others. A job that fails gives
its claim back, so a copy of another consumer that comes later, or a run by hand, can still do
it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from huey import crontab
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from harzportal import db, jobs
from harzportal.core import clock
from harzportal.jobruns.models import JobPeriod
from harzportal.settings import get as get_settings

log = logging.getLogger("harzportal.schedule")

BERLIN = ZoneInfo("Europe/Berlin")
LOOK_BACK = timedelta(days=8)  # the longest period a schedule can have (weekly) and a day


def _seminar_reminders() -> None:
    from harzportal.seminars.participation import send_due_reminders

    with db.unit_of_work() as session:
        sent = send_due_reminders(session)
    log.info("%s seminar reminder(s) queued", sent)


def _exchange_digests() -> None:
    from harzportal.exchange.digest import send_weekly_digests

    with db.unit_of_work() as session:
        sent = send_weekly_digests(session)
    log.info("%s exchange digest(s) queued", sent)


def _purge() -> None:
    from harzportal.maintenance.retention import purge_expired

    with db.unit_of_work() as session:
        purged = purge_expired(session)
    log.info("purge: %s", purged)


def _clean_files() -> None:
    from harzportal.maintenance.files import remove_stale_files

    with db.unit_of_work() as session:
        removed = remove_stale_files(session)
    log.info("clean-files: %s stale file(s) removed", len(removed))


def _payment_reminder_proposals() -> None:
    from harzportal.invoices.proposal_mails import mail_summary

    with db.unit_of_work() as session:
        queued = mail_summary(session, clock.today())
    log.info("%s payment reminder proposal summary mail(s) queued", queued)


def _mail_outbox() -> None:
    from harzportal.mail.sender import deliver_due

    asyncio.run(deliver_due())


@dataclass(frozen=True)
class Periodic:
    name: str  # the job's name in the queue and in `jobperiod`
    setting: str  # the Settings field with its schedule
    work: Callable[[], None]

    def expression(self) -> str:
        return getattr(get_settings(), self.setting)


PERIODIC = (
    Periodic("schedule.seminar_reminders", "schedule_seminar_reminders", _seminar_reminders),
    Periodic("schedule.exchange_digests", "schedule_exchange_digests", _exchange_digests),
    Periodic("schedule.purge", "schedule_purge", _purge),
    Periodic("schedule.clean_files", "schedule_clean_files", _clean_files),
    Periodic("schedule.mail_outbox", "schedule_mail_outbox", _mail_outbox),
    Periodic("schedule.payment_reminder_proposals", "schedule_payment_reminder_proposals",
             _payment_reminder_proposals),
)


def _matcher(expression: str) -> Callable[[datetime], bool] | None:
    if expression == "off":
        return None
    return crontab(*expression.split())


def berlin(moment: datetime) -> datetime:
    """A UTC moment (aware, or naive as Huey's scheduler passes it) as Berlin wall time."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(BERLIN).replace(second=0, microsecond=0)


def is_due(expression: str, moment: datetime) -> bool:
    """Whether a schedule matches the minute of `moment` (UTC) in Berlin time."""
    matches = _matcher(expression)
    return matches is not None and matches(berlin(moment).replace(tzinfo=None))


def period_of(expression: str, moment: datetime) -> str | None:
    """The scheduled minute a run at `moment` (UTC) belongs to: the latest Berlin minute at or
    before it that the schedule matches (None: off, or nothing within LOOK_BACK)."""
    matches = _matcher(expression)
    if matches is None:
        return None
    local = berlin(moment).replace(tzinfo=None)
    earliest = local - LOOK_BACK
    candidate = local
    while candidate >= earliest:
        if matches(candidate):
            return candidate.strftime("%Y-%m-%dT%H:%M")
        candidate -= timedelta(minutes=1)
    return None


def claim(job: str, period: str) -> bool:
    """Insert (job, period); True for the one caller whose insert won."""
    try:
        with db.unit_of_work() as session:
            session.add(JobPeriod(job=job, period=period))
    except IntegrityError:
        return False
    return True


def release(job: str, period: str) -> None:
    with db.unit_of_work() as session:
        session.exec(delete(JobPeriod).where(JobPeriod.job == job, JobPeriod.period == period))


def run_once_per_period(periodic: Periodic, moment: datetime | None = None) -> bool:
    """Run the job unless another consumer has for this period; True when this call ran it."""
    period = period_of(periodic.expression(), moment or clock.now())
    if period is None or not claim(periodic.name, period):
        return False
    try:
        periodic.work()
    except Exception:
        release(periodic.name, period)
        log.exception("%s failed for %s; the next tick of the period tries again",
                      periodic.name, period)
        raise
    log.info("%s: ran for %s", periodic.name, period)
    return True


def _declare(periodic: Periodic) -> None:
    def validate(moment: datetime) -> bool:  # Huey's scheduler: once a minute, UTC
        return is_due(periodic.expression(), moment)

    def task() -> None:
        run_once_per_period(periodic)

    task.__name__ = periodic.name.replace(".", "_")
    jobs.huey.periodic_task(validate, name=periodic.name)(task)


for _periodic in PERIODIC:
    _declare(_periodic)
