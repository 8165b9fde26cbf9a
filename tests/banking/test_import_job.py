"""Booking a bank statement as a job with progress (issue 19): the previewed file is kept on
the server and booked from there in parts, each with its progress; a job killed between parts
goes on where it stopped and books nothing twice; no file that was not previewed is booked;
only staff preview, book or follow; clean-files keeps the original of a booked statement."""

from __future__ import annotations

import os
import time

import pytest

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.banking import import_job, statements
from harzportal.banking.models import BankEntry, BankStatement
from harzportal.banking.state import BankStatementState
from harzportal.core import private_files
from harzportal.core.errors import Conflict, PermissionDenied
from harzportal.core.roles import Role
from harzportal.invoices.models import Payment
from harzportal.jobruns import presenter as run_presenter
from harzportal.jobruns import service as runs
from harzportal.jobruns.models import JobRun
from harzportal.maintenance.files import remove_stale_files
from tests.banking.statements import credit, statement
from tests.handler_calls import call_handler, signed_in_state
from tests.invoices.helpers import audit_events, billing_contact, issue_manual, member, rows, run

pytestmark = pytest.mark.service

NAMES = ("Aller Chemie GmbH", "Brocken Chemie GmbH", "Clausthal Metall GmbH")


@pytest.fixture
def world(factories, staff_actor):
    """Three invoices; a statement paying two exactly, one in part, and a donation."""
    invoices, managers = [], []
    for name in NAMES:
        organization = member(factories, name=name)
        managers.append(billing_contact(factories, organization, role=Role.ORG_MANAGER))
        invoices.append(issue_manual(staff_actor, organization))
    content = statement(credit("1428.00", invoices[0].number, ref="R1"),
                        credit("1428.00", invoices[1].number, ref="R2"),
                        credit("500.00", invoices[2].number, ref="R3"),
                        credit("25.00", "Spende", ref="R4"),
                        credit("10.00", "Spende", ref="R5"))
    return {"invoices": invoices, "managers": managers, "content": content}


def the_run() -> JobRun:
    [found] = rows(JobRun)
    return found


def stage(actor, content):
    return run(import_job.preview_and_stage, actor, content)


class KilledWorker(BaseException):
    """The worker's process ended (SIGKILL): nothing after this point of the job ran."""


def test_the_job_books_the_file_in_parts_and_counts_each_part(world, staff_actor,
                                                             monkeypatch):
    monkeypatch.setattr(import_job, "PART", 2)
    parts = []
    book_part = statements.book_part
    monkeypatch.setattr(statements, "book_part", lambda session, actor, parsed, part: (
        parts.append((part.start, part.stop)) or book_part(session, actor, parsed, part)))
    plan = stage(staff_actor, world["content"])

    started = run(import_job.start_import, staff_actor, plan.sha256)  # the job runs at once

    assert (started.kind, started.total) == ("bank_import", 5)
    assert parts == [(0, 2), (2, 4), (4, 6)]
    finished = the_run()
    assert (finished.state, finished.done, finished.errors, finished.active_key) == (
        "done", 5, 0, None)
    summary = runs.summary_of(finished)
    assert (summary["exact"], summary["flagged"]) == (2, 3)
    assert summary["counts"]["entries"] == 5 and summary["counts"]["partial"] == 1
    assert len(rows(BankEntry)) == 5 and len(rows(Payment)) == 3
    [event] = audit_events("bank.statement_imported")
    assert (event.after["entries"], event.after["exact"], event.after["unmatched"]) == (5, 2, 2)
    assert run_presenter.run_view(finished, "de").result == (
        "Gebucht. Genau passende Zahlungen: 2; zur Prüfung markiert: 3.")
    assert run_presenter.run_view(finished, "en").result == (
        "Booked. Exactly matching payments: 2; flagged for review: 3.")


def test_a_job_killed_between_parts_goes_on_and_books_nothing_twice(world, staff_actor,
                                                                    monkeypatch):
    monkeypatch.setattr(import_job, "PART", 2)
    book_part = statements.book_part
    calls = []

    def killed_after_the_first_part(session, actor, parsed, part):
        calls.append(part.start)
        if len(calls) == 2:
            raise KilledWorker()
        return book_part(session, actor, parsed, part)

    monkeypatch.setattr(statements, "book_part", killed_after_the_first_part)
    plan = stage(staff_actor, world["content"])
    with pytest.raises(KilledWorker):
        run(import_job.start_import, staff_actor, plan.sha256)
    assert (the_run().state, the_run().done) == ("running", 2)
    assert len(rows(BankEntry)) == 2 and len(rows(Payment)) == 2

    monkeypatch.setattr(statements, "book_part", book_part)
    assert import_job.enqueue_unfinished() == 1  # a consumer's start; runs at once here
    import_job.import_statement(the_run().id)  # a late copy of the lost job does nothing

    assert (the_run().state, the_run().done) == ("done", 5)
    assert len(rows(BankEntry)) == 5 and len(rows(Payment)) == 3
    assert len(rows(BankStatement)) == 1 and len(audit_events("bank.statement_imported")) == 1
    assert runs.summary_of(the_run())["counts"]["entries"] == 5


def test_a_statement_booked_once_books_nothing_the_second_time(world, staff_actor):
    plan = stage(staff_actor, world["content"])
    run(import_job.start_import, staff_actor, plan.sha256)

    again = stage(staff_actor, world["content"])
    second = run(import_job.start_import, staff_actor, again.sha256)

    assert second.total == 0 and len(again.to_book) == 0
    assert len(rows(BankEntry)) == 5 and len(rows(Payment)) == 3
    assert runs.summary_of(rows(JobRun)[-1])["counts"]["already_imported"] == 5


@pytest.mark.parametrize("sha256", ["", "0" * 64, "../../harzportal.db", None, 7])
def test_only_a_previewed_file_is_booked(world, staff_actor, sha256):
    stage(staff_actor, world["content"])
    with pytest.raises(Conflict) as refused:
        run(import_job.start_import, staff_actor, sha256)
    assert refused.value.message_key == "statement.upload_first"
    assert rows(JobRun) == [] and rows(BankEntry) == []


def test_a_second_import_while_one_waits_is_refused(world, staff, staff_actor):
    plan = stage(staff_actor, world["content"])
    with db.unit_of_work() as session:  # an import asked for and not yet taken by a worker
        runs.start(session, kind=import_job.KIND, subject="X", started_by=staff.id, total=1,
                   key=import_job.ACTIVE_KEY)
    with pytest.raises(Conflict) as refused:
        run(import_job.start_import, staff_actor, plan.sha256)
    assert refused.value.message_key == "job_run.already_running"
    assert rows(BankEntry) == []


def test_members_can_neither_stage_nor_book_nor_follow(world, factories, staff_actor):
    member_actor = factories.actor(world["managers"][0])
    plan = stage(staff_actor, world["content"])
    with pytest.raises(PermissionDenied):
        stage(member_actor, world["content"])
    with pytest.raises(PermissionDenied):
        run(import_job.start_import, member_actor, plan.sha256)
    assert rows(JobRun) == []
    run(import_job.start_import, staff_actor, plan.sha256)
    with pytest.raises(PermissionDenied):
        run(runs.progress, member_actor, the_run().id)


def test_clean_files_keeps_a_booked_statement_and_removes_an_abandoned_one(world,
                                                                           staff_actor):
    booked = stage(staff_actor, world["content"])
    run(import_job.start_import, staff_actor, booked.sha256)
    abandoned = stage(staff_actor, statement(credit("1.00", "Spende", ref="R9")))
    folder = private_files.directory(import_job.AREA)
    a_day_ago = time.time() - 2 * 86400
    for path in folder.iterdir():
        os.utime(path, (a_day_ago, a_day_ago))

    with db.unit_of_work() as session:
        removed = remove_stale_files(session)

    assert removed == [f"statements/{import_job.stored_name(abandoned.sha256)}"]
    assert [path.name for path in folder.iterdir()] == [import_job.stored_name(booked.sha256)]


# The page's handlers

async def test_the_page_books_as_a_job_and_shows_its_outcome(world, staff, monkeypatch):
    from tests.banking.test_handlers import _Upload

    state = signed_in_state(BankStatementState, staff, monkeypatch)
    await call_handler(state, "load")
    await call_handler(state, "upload", [_Upload(world["content"])])
    assert state.preview.to_book == 5

    await call_handler(state, "book")  # the job runs after the commit
    assert state.planned == [] and (state.run.kind, state.run.total) == ("Kontoauszug", 5)
    await call_handler(state, "watch_run")

    assert (state.run.progress, state.run.state) == ("5 von 5", "done")
    assert state.message == "Gebucht. Genau passende Zahlungen: 2; zur Prüfung markiert: 3."
    assert len(state.entries) == 3  # the partial payment and the two donations
    again = signed_in_state(BankStatementState, staff, monkeypatch)  # the page opened again
    await call_handler(again, "load")
    assert (again.run.id, again.run.progress) == (state.run.id, "5 von 5")


async def test_members_cannot_follow_an_import_through_the_page(world, staff_actor,
                                                                monkeypatch):
    plan = stage(staff_actor, world["content"])
    run(import_job.start_import, staff_actor, plan.sha256)
    state = signed_in_state(BankStatementState, world["managers"][0], monkeypatch)
    state.run = state.run.__class__(**{**state.run.__dict__, "id": the_run().id})

    followed = await call_handler(state, "watch_run")

    assert "/dashboard" in str(followed) and state.run.progress == ""
