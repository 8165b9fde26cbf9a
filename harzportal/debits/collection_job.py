"""The collection run as a job with progress (issue 19).

Staff start it (`start_collection_run`): a job run record (jobruns, kind `debit_run`, subject
the scheme, one collection run at a time) whose total is the number of invoices due, and the job
`debit.collection_run`, asked for after that commit. The job builds the run in ONE transaction
(`collection.create_run`: the run row, one item per invoice, the pain.008 file checked against
its XSD, the audit event) together with the record's progress (`advance` by the number of
invoices taken) and its finish. It is atomic on purpose: one pain.008 file covers every invoice
of the run and its group totals, so a run of only some of its invoices would be a wrong file;
`done` therefore jumps from 0 to the total when the run commits. An error (the XSD, a
concurrent run that took an invoice: the unique index on `debitrunitem.invoice_id`) rolls all
of it back and finishes the record as failed with the reason's key: nothing half-written.

Killed before it committed, the job is asked for again (at a consumer's start, and every
5 minutes for a run without progress); a copy that finds the record finished does nothing.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlmodel import Session

from harzportal import db, jobs
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, DomainError, ValidationFailed
from harzportal.core.permissions import Action, require
from harzportal.core.roles import Role
from harzportal.debits import collection
from harzportal.debits.models import Scheme
from harzportal.jobruns import resume
from harzportal.jobruns import service as runs
from harzportal.jobruns.models import JobRun

log = logging.getLogger("harzportal.debits.collection_job")

KIND = "debit_run"
ACTIVE_KEY = "collection"  # one collection run at a time, whichever scheme


def start_collection_run(session: Session, actor: Actor, scheme: object,
                         until: date | None = None) -> JobRun:
    """Start the run of `scheme` in the background; Conflict when nothing is due or a collection
    run is queued or running already."""
    require(actor, Action.MANAGE_INVOICES)
    if scheme not in (Scheme.CORE.value, Scheme.B2B.value):
        raise ValidationFailed("debit.scheme_invalid", field="scheme")
    due = collection.due_debits(session, scheme, until)
    if not due:
        raise Conflict("debit.run_nothing_due")
    last = collection.horizon(until)
    run = runs.start(session, kind=KIND, subject=scheme, started_by=actor.user_id,
                     total=len(due), key=ACTIVE_KEY)
    runs.note(session, run, {"until": last.isoformat()})
    jobs.submit_after_commit(session, run_collection, run.id)
    return run


@jobs.huey.task(name="debit.collection_run")
def run_collection(run_id: int) -> None:
    run = runs.begin(run_id)
    if run is None:
        return  # finished already (a second copy of this job)
    until = date.fromisoformat(runs.summary_of(run)["until"])
    actor = Actor(user_id=run.started_by_user_id, organization_id=None,
                  role=Role.NETWORK_ADMIN)
    try:
        with db.unit_of_work() as session:
            created = collection.create_run(session, actor, run.subject, until)
            runs.advance(session, run_id, done=created.item_count)
            runs.finish(session, run_id, {"debit_run": created.id, "count": created.item_count,
                                          "total_cents": created.total_cents})
    except DomainError as refused:  # nothing due any more, or taken by a concurrent run
        runs.fail(run_id, refused.message_key)
    except Exception:
        log.exception("Collection run %s failed", run_id)
        runs.fail(run_id, "error.generic")


enqueue_unfinished = resume.resume_unfinished(KIND, run_collection,
                                               name="debit.resume_collection_runs")
