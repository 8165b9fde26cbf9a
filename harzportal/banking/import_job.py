"""Booking a bank statement as a job with progress (issue 19).

The upload is previewed and the file kept on the server (`preview_and_stage`: private storage,
area `statements`, named by its SHA-256), so the tab keeps only that hash, never the file.
Staff book it (`start_import`): a job run record (jobruns, kind `bank_import`, one import at a
time) whose total is the number of entries to book, and the job `bank.import_statement`, asked
for after that commit. The job reads the stored file (the very bytes the preview showed: the
name is their hash) and books it in parts of PART transactions, each part in its own
transaction together with the record's progress and the part's outcome counts, so a large file
never holds the database's write lock for long and `done` moves as entries are booked. The
audit event and the finish come last, in one transaction.

Killed between parts, the job is asked for again (at a consumer's start, and every 5 minutes
for an import without progress) and goes on: the entries a committed part booked are known by
their unique keys and planned as imported before, so nothing is booked twice; a copy that finds
the record finished does nothing. The stored file stays as the statement's original
(`maintenance.files` keeps the files of imported statements and removes a day-old file nobody
booked).
"""

from __future__ import annotations

import logging
from collections import Counter

from sqlmodel import Session

from harzportal import db, jobs
from harzportal.banking import camt, reading, statements
from harzportal.banking.statements import ImportPlan
from harzportal.core import private_files
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, DomainError
from harzportal.core.permissions import Action, require
from harzportal.core.roles import Role
from harzportal.jobruns import resume
from harzportal.jobruns import service as runs
from harzportal.jobruns.models import JobRun

log = logging.getLogger("harzportal.banking.import_job")

KIND = "bank_import"
ACTIVE_KEY = "statement"  # one import at a time: two would plan against each other's payments
AREA = "statements"
SUFFIX = "stmt"
PART = 200  # transactions booked in one database transaction


def stored_name(sha256: str) -> str:
    return f"{sha256}.{SUFFIX}"


def preview_and_stage(session: Session, actor: Actor, content: object) -> ImportPlan:
    """The preview of an uploaded file (`statements.preview_import`), and the file kept for
    booking it; writes nothing to the database."""
    plan = statements.preview_import(session, actor, content)
    private_files.store(AREA, bytes(content), SUFFIX)
    return plan


def _stored(sha256: object) -> bytes | None:
    if not isinstance(sha256, str):
        return None
    return private_files.read_verified(AREA, stored_name(sha256), sha256)


def _read_stored(sha256: object) -> camt.Statement:
    content = _stored(sha256)
    if content is None:  # never previewed, or removed meanwhile
        raise Conflict("statement.upload_first")
    return reading.read(content)


def start_import(session: Session, actor: Actor, sha256: object) -> JobRun:
    """Book the previewed file with hash `sha256` in the background; Conflict when no such file
    was previewed or an import is queued or running already."""
    require(actor, Action.MANAGE_INVOICES)
    plan = statements.plan_import(session, _read_stored(sha256))
    run = runs.start(session, kind=KIND, subject=", ".join(plan.statement_refs),
                     started_by=actor.user_id, total=len(plan.to_book), key=ACTIVE_KEY)
    runs.note(session, run, {"sha256": sha256})
    jobs.submit_after_commit(session, import_statement, run.id)
    return run


def _book_part(run_id: int, actor: Actor, parsed: camt.Statement, part: slice) -> None:
    with db.unit_of_work() as session:
        plan = statements.book_part(session, actor, parsed, part)
        runs.advance(session, run_id, done=len(plan.to_book))
        run = session.get(JobRun, run_id)
        counted = Counter(runs.summary_of(run).get("counts", {}))
        counted.update(statements.outcome_counts(plan))
        runs.note(session, run, {"counts": dict(counted), "booked_until": part.stop})


def _finish(run_id: int, actor: Actor, parsed: camt.Statement) -> None:
    with db.unit_of_work() as session:
        counts = runs.summary_of(session.get(JobRun, run_id)).get("counts", {})
        statements.record_import(session, actor, parsed, counts)
        runs.finish(session, run_id, {"exact": counts.get("exact", 0),
                                      "flagged": statements.flagged_count(counts)})


@jobs.huey.task(name="bank.import_statement")
def import_statement(run_id: int) -> None:
    run = runs.begin(run_id)
    if run is None:
        return  # finished already (a second copy of this job)
    summary = runs.summary_of(run)
    actor = Actor(user_id=run.started_by_user_id, organization_id=None,
                  role=Role.NETWORK_ADMIN)
    try:
        parsed = _read_stored(summary.get("sha256"))
        first = summary.get("booked_until", 0)  # a restarted job goes on after the last part
        for start in range(first, statements.transaction_count(parsed), PART):
            _book_part(run_id, actor, parsed, slice(start, start + PART))
        _finish(run_id, actor, parsed)
    except DomainError as refused:  # removed meanwhile, booked by another import
        runs.fail(run_id, refused.message_key)
    except Exception:
        log.exception("Bank statement import %s failed", run_id)
        runs.fail(run_id, "error.generic")


enqueue_unfinished = resume.resume_unfinished(KIND, import_statement, name="bank.resume_imports")
