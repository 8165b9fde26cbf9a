"""Job runs: the record a long job keeps of its progress, for the progress bar and the
"Aufträge" page (docs/ARCHITECTURE.md, "Jobs"). Generic by `kind`: the annual invoice run writes
one; the collection run and the bank import can report into it the same way.

The job's side, in this order:
- `start(session, kind=…, subject=…, started_by=…, total=…, key=…)` in the unit of work that
  asks for the job (then `jobs.submit_after_commit(session, task, run.id)`); with `key`, a second
  start while one is queued or running is refused (`job_run.already_running`).
- `begin(run_id)` when the job starts (None: the run has finished already: do nothing).
- `advance(session, run_id, done=1)` in the very transaction of each item's work, so `done`
  counts exactly the items whose work committed (a killed and restarted job goes on from there).
- `record_error(run_id, label)` for an item that failed (its own transaction, after the item's
  rolled back).
- `finish(session, run_id, summary)`: state done, the result summary (a small JSON object); True
  for the one call that finished it. `fail(run_id, reason)`: state failed with the reason's
  message key, in its own transaction (after the job's work rolled back).
`note(session, run, facts)` keeps what the job needs besides the subject (at the start).
`resume.resume_unfinished` asks again for the jobs of unfinished runs.
Readers: `progress(session, actor, run_id)`, `latest(session, actor, kind, subject=None)`,
`list_runs(session, actor, page)` (one count and one page of rows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound
from harzportal.core.locking import lock_row
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.jobruns.models import JobRun, RunState

PAGE_SIZE = 25
MAX_ERRORS_KEPT = 20  # the summary names at most this many failed items
UNFINISHED = (RunState.QUEUED.value, RunState.RUNNING.value)


@dataclass(frozen=True)
class RunListing:
    run: JobRun
    started_by: str  # the starter's name, "" when unknown


def start(session: Session, *, kind: str, subject: str, started_by: int | None, total: int,
          key: str | None = None) -> JobRun:
    run = JobRun(kind=kind, subject=subject[:80], started_by_user_id=started_by, total=total,
                 active_key=f"{kind}:{key}"[:80] if key is not None else None)
    try:
        with session.begin_nested():
            session.add(run)
            session.flush()
    except IntegrityError:
        raise Conflict("job_run.already_running") from None
    return run


def note(session: Session, run: JobRun, facts: dict) -> None:
    """What the job needs besides the subject (e.g. the collection run's horizon), kept in the
    summary at the start (`finish` merges its result into it)."""
    run.summary = json.dumps(summary_of(run) | facts, ensure_ascii=False)[:4000]
    session.add(run)


def begin(run_id: int) -> JobRun | None:
    """The job has started: running (first start: started now). None when it has finished."""
    now = clock.now()
    with db.unit_of_work() as session:
        run = session.get(JobRun, run_id)
        if run is None or run.state not in UNFINISHED:
            return None
        run.state = RunState.RUNNING.value
        run.started_at = run.started_at or now
        run.heartbeat_at = now
        session.add(run)
    return run


def advance(session: Session, run_id: int, *, done: int = 1, errors: int = 0) -> None:
    session.exec(update(JobRun).where(JobRun.id == run_id)
                 .values(done=JobRun.done + done, errors=JobRun.errors + errors,
                         heartbeat_at=clock.now()))


def record_error(run_id: int, label: str) -> None:
    """One item failed: counted, and named in the summary (the first MAX_ERRORS_KEPT)."""
    with db.unit_of_work() as session:
        lock_row(session, JobRun, run_id)  # two items failing at once: neither name is lost
        run = session.get(JobRun, run_id)
        if run is None:
            return
        summary = json.loads(run.summary or "{}")
        failed = summary.setdefault("failed", [])
        if len(failed) < MAX_ERRORS_KEPT:
            failed.append(label[:120])
        run.summary = json.dumps(summary, ensure_ascii=False)[:4000]
        run.errors += 1
        run.heartbeat_at = clock.now()
        session.add(run)


def finish(session: Session, run_id: int, summary: dict, *,
           state: RunState = RunState.DONE) -> bool:
    """Mark the run finished with `summary` merged into what it recorded; True for the call that
    finished it (a second, concurrent finish changes nothing)."""
    run = session.get(JobRun, run_id)
    if run is None:
        return False
    merged = json.loads(run.summary or "{}") | summary
    finished = session.exec(
        update(JobRun).where(JobRun.id == run_id, JobRun.state.in_(UNFINISHED))
        .values(state=state.value, finished_at=clock.now(), active_key=None,
                summary=json.dumps(merged, ensure_ascii=False)[:4000])).rowcount
    return finished == 1


def fail(run_id: int, reason: str) -> None:
    """The job gave up: the run is failed with `reason` (a message key) as its error."""
    with db.unit_of_work() as session:
        finish(session, run_id, {"error": reason}, state=RunState.FAILED)


def unfinished(kind: str, idle_for: timedelta | None = None) -> list[int]:
    """Runs of `kind` queued or running (with `idle_for`: only those without progress for so
    long, whose job a killed worker took with it)."""
    with db.unit_of_work() as session:
        query = select(JobRun.id).where(JobRun.kind == kind, JobRun.state.in_(UNFINISHED))
        if idle_for is not None:
            before = clock.now() - idle_for
            query = query.where(or_(JobRun.heartbeat_at < before,
                                    (JobRun.heartbeat_at.is_(None)) & (JobRun.created_at < before)))
        return list(session.exec(query.order_by(JobRun.id)))


def summary_of(run: JobRun) -> dict:
    try:
        value = json.loads(run.summary or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def progress(session: Session, actor: Actor, run_id: object) -> JobRun:
    require(actor, Action.VIEW_JOB_RUNS)
    run = session.get(JobRun, run_id) if isinstance(run_id, int) else None
    if run is None:
        raise NotFound()
    return run


def latest(session: Session, actor: Actor, kind: str, subject: str | None = None
           ) -> JobRun | None:
    """The newest run of `kind` (for `subject`, when given): the page that started it shows
    its progress."""
    require(actor, Action.VIEW_JOB_RUNS)
    query = select(JobRun).where(JobRun.kind == kind)
    if subject is not None:
        query = query.where(JobRun.subject == subject)
    return session.exec(query.order_by(JobRun.id.desc()).limit(1)).first()


def list_runs(session: Session, actor: Actor, page: object = 1) -> Page[RunListing]:
    """Every run, newest first, with its starter's name: one count and one page of rows."""
    require(actor, Action.VIEW_JOB_RUNS)
    query = (select(JobRun, User.full_name)
             .join(User, User.id == JobRun.started_by_user_id, isouter=True)
             .order_by(JobRun.id.desc()))
    total = session.exec(select(func.count()).select_from(JobRun)).one()  # no join needed
    return paginate(session, query, page, PAGE_SIZE, total=total).map(
        lambda row: RunListing(row[0], row[1] or ""))
