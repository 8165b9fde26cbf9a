"""Asking again for the jobs of unfinished runs (docs/ARCHITECTURE.md, "Jobs").

A worker killed mid-job takes the job with it while its run stays queued or running.
`resume_unfinished(kind, task, name=…)`, called once at import by the module of a run's job,
registers both ways back: a consumer at its start asks again for every unfinished run of
`kind`, and the periodic task `name` asks every 5 minutes for those without progress for
IDLE_AFTER. The jobs are idempotent (`service.begin` returns None for a finished run), so a copy
asked for while the first still runs does no harm.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from huey import crontab

from harzportal import jobs
from harzportal.jobruns import service as runs

IDLE_AFTER = timedelta(minutes=5)  # a run without progress for so long lost its job


def resume_unfinished(kind: str, task, *, name: str) -> Callable[..., int]:
    """Register the consumer-start hook and the periodic sweep for `kind`; returns the function
    that asks again (all unfinished runs, or with `idle_for` only the idle ones) and says how
    many it asked for."""

    def ask_again(idle_for: timedelta | None = None) -> int:
        waiting = runs.unfinished(kind, idle_for)
        for run_id in waiting:
            jobs.submit(task, run_id)
        return len(waiting)

    def sweep() -> None:
        ask_again(IDLE_AFTER)

    jobs.at_consumer_start(ask_again)
    jobs.huey.periodic_task(crontab(minute="*/5"), name=name)(sweep)
    return ask_again
