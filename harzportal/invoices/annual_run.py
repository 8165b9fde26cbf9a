"""The annual fee run as a job with progress (issue 19).

Staff start it (`start_annual_run`): a job run record (jobruns, kind `invoice_run`, one per
year at a time) with the number of invoices to issue, and the job `invoice.annual_run`, asked
for after that commit. The job issues one invoice per transaction (number, lines, amounts,
audit event and the run's progress together: the number lock is held for milliseconds, and a
sign-in during the run waits for one invoice at most), then finishes the run with its summary.
Each invoice's document is rendered by its own job (rendering.py) and mailed once it exists.

Killed mid-run, the job is asked for again (at a consumer's start, and every 5 minutes for a
run without progress): it skips the members invoiced already (their progress committed with
them) and goes on; the numbers stay gapless, since a number is only ever taken in the
transaction that commits its invoice.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal import db, jobs
from harzportal.audit import service as audit
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict
from harzportal.core.permissions import Action, require
from harzportal.core.roles import Role
from harzportal.invoices import fees, issuing
from harzportal.invoices.models import Invoice
from harzportal.jobruns import resume
from harzportal.jobruns import service as runs
from harzportal.jobruns.models import JobRun
from harzportal.organizations.models import Organization

log = logging.getLogger("harzportal.invoices.annual_run")

KIND = "invoice_run"


def start_annual_run(session: Session, actor: Actor, year: object) -> JobRun:
    """Start the year's run in the background; Conflict when there is nothing to issue or a run
    for the year is queued or running already."""
    require(actor, Action.MANAGE_INVOICES)
    preview = issuing.preview_annual_run(session, actor, year)
    if preview.to_issue == 0:
        raise Conflict("invoice_run.nothing_to_issue")
    year = int(year)
    run = runs.start(session, kind=KIND, subject=str(year), started_by=actor.user_id,
                     total=preview.to_issue, key=str(year))
    audit.record(session, action="invoice_run.started", object_type="invoice_run",
                 object_id=year, actor_user_id=actor.user_id,
                 after={"run": run.id, "to_issue": preview.to_issue},
                 client_ip=actor.client_ip)
    jobs.submit_after_commit(session, run_annual_invoices, run.id)
    return run


def _to_issue(year: int) -> list[int]:
    with db.unit_of_work() as session:
        return [organization.id for organization, item, invoiced
                in issuing.annual_candidates(session, year)
                if issuing.run_state(item, invoiced) == issuing.RunState.TO_ISSUE]


def _issue_one(run_id: int, actor: Actor, organization_id: int, year: int) -> bool:
    """One member's invoice and the run's progress in one transaction; False when it was
    invoiced meanwhile (another run of this job, after a restart)."""
    try:
        with db.unit_of_work() as session:
            if session.exec(select(Invoice.id).where(
                    Invoice.organization_id == organization_id,
                    Invoice.fee_year == year)).first() is not None:
                return False
            organization = session.get(Organization, organization_id)
            item = fees.band_for(fees.schedule(session), organization)
            if item is None or item.fee_cents == 0:
                return False
            issuing.issue(session, actor, issuing.IssueRequest(
                organization=organization, lines=[issuing.fee_line(item, organization, year)],
                service_from=date(year, 1, 1), service_to=date(year, 12, 31), fee_year=year))
            runs.advance(session, run_id)
    except IntegrityError:  # the unique index: invoiced by a concurrent run of this job
        return False
    return True


def _organization_name(organization_id: int) -> str:
    with db.unit_of_work() as session:
        organization = session.get(Organization, organization_id)
        return organization.name if organization else str(organization_id)


@jobs.huey.task(name="invoice.annual_run")
def run_annual_invoices(run_id: int) -> None:
    run = runs.begin(run_id)
    if run is None:
        return  # finished already (a second copy of this job)
    year = int(run.subject)
    actor = Actor(user_id=run.started_by_user_id, organization_id=None,
                  role=Role.NETWORK_ADMIN)
    issued = 0
    for organization_id in _to_issue(year):
        try:
            issued += _issue_one(run_id, actor, organization_id, year)
        except Exception:
            log.exception("Annual run %s: the invoice of organization %s failed", year,
                          organization_id)
            runs.record_error(run_id, _organization_name(organization_id))
    with db.unit_of_work() as session:
        run = session.get(JobRun, run_id)
        if runs.finish(session, run_id, {"year": year, "issued": run.done}):
            audit.record(session, action="invoice_run.completed", object_type="invoice_run",
                         object_id=year, actor_user_id=run.started_by_user_id,
                         after={"issued": run.done, "errors": run.errors, "run": run_id})
    log.info("Annual run %s: %s invoices issued by this job", year, issued)


enqueue_unfinished = resume.resume_unfinished(KIND, run_annual_invoices,
                                               name="invoice.resume_annual_runs")
