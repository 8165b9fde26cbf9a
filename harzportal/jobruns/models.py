"""Job runs (issue 19): one row per long piece of work staff start (the annual invoice run; the
collection run and the bank import report into it too), with its progress; and the claims of
the portal's periodic jobs, one row per job and period."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp


class RunState(StrEnum):
    QUEUED = "queued"  # asked for, no worker has taken it yet
    RUNNING = "running"
    DONE = "done"  # finished; `errors` says how many items failed
    FAILED = "failed"  # stopped by an error of the run itself


class JobRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40, index=True)  # e.g. "invoice_run"
    # While queued or running: e.g. "invoice_run:2027", so one run per year at a time (NULL once
    # finished; NULLs never collide in a unique column).
    active_key: str | None = Field(default=None, max_length=80, unique=True)
    subject: str = Field(default="", max_length=80)  # what it runs for, e.g. the year "2027"
    started_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    state: str = Field(default=RunState.QUEUED.value, max_length=10)
    total: int = Field(default=0)
    done: int = Field(default=0)
    errors: int = Field(default=0)
    summary: str = Field(default="{}", max_length=4000)  # JSON: the run's result, its errors
    created_at: datetime = utc_timestamp(default_now=True, index=True)
    started_at: datetime | None = utc_timestamp(nullable=True)
    finished_at: datetime | None = utc_timestamp(nullable=True)
    heartbeat_at: datetime | None = utc_timestamp(nullable=True)  # last progress


class JobPeriod(SQLModel, table=True):
    """A periodic job's claim of one period: every consumer's scheduler enqueues the job, the
    one whose insert wins runs it."""

    __table_args__ = (UniqueConstraint("job", "period", name="uq_jobperiod_job_period"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=60)
    period: str = Field(max_length=20)  # the period's start, Europe/Berlin, e.g. 2027-01-05T03:15
    claimed_at: datetime = utc_timestamp(default_now=True)
