"""The collection run as a job with progress (issue 19): the job record counts the invoices
the run took, in the same transaction as the run; a run that fails writes nothing of itself
and finishes its record as failed with the reason; a second start while one waits is refused;
only staff start, read or follow it (also through the page's handlers)."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.accounts import sessions
from harzportal.core.errors import Conflict, PermissionDenied
from harzportal.debits import collection, collection_job
from harzportal.debits.models import DebitRun, DebitRunItem
from harzportal.debits.state import DebitRunsState
from harzportal.jobruns import presenter as run_presenter
from harzportal.jobruns import service as runs
from harzportal.jobruns import watch
from harzportal.jobruns.models import JobRun
from tests.debits.helpers import grant, member_with_manager, run
from tests.handler_calls import call_handler, signed_in_state
from tests.invoices.helpers import issue_manual, rows

pytestmark = pytest.mark.service

UNTIL = date(2027, 3, 1)


@pytest.fixture
def debtors(factories, staff_actor):
    """Two members under CORE, one under B2B; an invoice each. Returns the managers."""
    managers = []
    for name, scheme in (("Aller Chemie GmbH", "CORE"), ("Brocken Chemie GmbH", "CORE"),
                         ("Clausthal Metall GmbH", "B2B")):
        organization, manager = member_with_manager(factories, name=name)
        grant(factories.actor(manager), scheme=scheme, account_holder=name)
        issue_manual(staff_actor, organization)
        managers.append(manager)
    return managers


def the_run() -> JobRun:
    [found] = rows(JobRun)
    return found


def test_the_job_takes_the_due_invoices_and_counts_them_with_the_run(debtors, staff,
                                                                      staff_actor):
    # The job runs after the start's commit (the queue runs at once in the tests).
    started = run(collection_job.start_collection_run, staff_actor, "CORE", UNTIL)

    assert (started.kind, started.subject, started.total) == ("debit_run", "CORE", 2)
    finished = the_run()
    [created] = rows(DebitRun)
    assert (finished.state, finished.total, finished.done, finished.errors) == ("done", 2, 2, 0)
    assert (created.scheme, created.item_count, created.created_by_user_id) == ("CORE", 2,
                                                                                 staff.id)
    assert finished.active_key is None
    assert runs.summary_of(finished) == {"until": "2027-03-01", "debit_run": created.id,
                                         "count": 2, "total_cents": created.total_cents}
    view = run_presenter.run_view(finished, "de")
    assert (view.kind, view.progress, view.percent, view.state_label) == (
        "Lastschrifteinzug", "2 von 2", 100, "fertig")
    assert view.result == "2 Lastschriften über 2.856,00\xa0€ erstellt."
    assert run_presenter.run_view(finished, "en").result == (
        "2 direct debits totalling €2,856.00 created.")
    listed = run(runs.list_runs, staff_actor, 1)
    assert [(listing.run.id, listing.started_by) for listing in listed.items] == [
        (finished.id, staff.full_name)]


def test_a_second_start_while_a_collection_run_waits_is_refused(debtors, staff, staff_actor):
    with db.unit_of_work() as session:  # a run asked for and not yet taken by a worker
        runs.start(session, kind=collection_job.KIND, subject="B2B", started_by=staff.id,
                   total=1, key=collection_job.ACTIVE_KEY)

    with pytest.raises(Conflict) as refused:
        run(collection_job.start_collection_run, staff_actor, "CORE", UNTIL)

    assert refused.value.message_key == "job_run.already_running"
    assert rows(DebitRun) == [] and len(rows(JobRun)) == 1


def test_a_run_that_fails_writes_nothing_and_is_marked_failed(debtors, staff_actor,
                                                              monkeypatch):
    def broken_file(debits, scheme):
        raise RuntimeError("the XSD refused the file")

    monkeypatch.setattr(collection, "_pain008", broken_file)
    run(collection_job.start_collection_run, staff_actor, "CORE", UNTIL)

    finished = the_run()
    assert (finished.state, finished.done) == ("failed", 0)
    assert rows(DebitRun) == [] and rows(DebitRunItem) == []
    assert run_presenter.run_view(finished, "de").state_label == "abgebrochen"
    monkeypatch.undo()  # the next run takes the same invoices, once
    run(collection_job.start_collection_run, staff_actor, "CORE", UNTIL)
    assert len(rows(DebitRunItem)) == 2


def test_invoices_taken_meanwhile_are_never_taken_twice(debtors, staff_actor, monkeypatch):
    """Between the start and the job, another run took the invoices: the job takes none of
    them again and its record says why."""
    asked = []
    monkeypatch.setattr(collection_job.jobs, "submit_after_commit",
                        lambda session, task, run_id: asked.append(run_id))
    run(collection_job.start_collection_run, staff_actor, "CORE", UNTIL)
    run(collection.create_run, staff_actor, "CORE", UNTIL)

    collection_job.run_collection(asked[0])  # the queue runs at once in the tests

    finished = the_run()
    assert (finished.state, finished.done, runs.summary_of(finished)["error"]) == (
        "failed", 0, "debit.run_nothing_due")
    assert len(rows(DebitRun)) == 1 and len(rows(DebitRunItem)) == 2
    assert run_presenter.run_view(finished, "de").result == (
        "Für dieses Verfahren ist keine Lastschrift fällig.")


def test_a_run_whose_job_was_lost_is_asked_for_again_and_done_once(debtors, staff_actor,
                                                                   monkeypatch):
    """A worker killed before the run committed: a consumer's start asks for the job of every
    unfinished run; a second copy of the job finds the record finished and does nothing."""
    asked = []
    monkeypatch.setattr(collection_job.jobs, "submit_after_commit",
                        lambda session, task, run_id: asked.append(run_id))
    run(collection_job.start_collection_run, staff_actor, "CORE", UNTIL)
    assert the_run().state == "queued" and rows(DebitRun) == []

    assert collection_job.enqueue_unfinished() == 1  # the queue runs at once in the tests
    collection_job.run_collection(asked[0])  # a late copy of the lost job

    assert (the_run().state, the_run().done) == ("done", 2)
    assert len(rows(DebitRun)) == 1 and len(rows(DebitRunItem)) == 2
    assert collection_job.enqueue_unfinished() == 0


def test_members_can_neither_start_a_run_nor_read_its_progress(debtors, factories,
                                                               staff_actor):
    member = factories.actor(debtors[0])
    run(collection_job.start_collection_run, staff_actor, "B2B", UNTIL)
    with pytest.raises(PermissionDenied):
        run(collection_job.start_collection_run, member, "CORE", UNTIL)
    with pytest.raises(PermissionDenied):
        run(runs.progress, member, the_run().id)
    with pytest.raises(PermissionDenied):
        run(runs.latest, member, collection_job.KIND)


# The page's handlers

async def test_the_page_starts_the_run_and_follows_it_to_its_result(debtors, staff,
                                                                    monkeypatch):
    state = signed_in_state(DebitRunsState, staff, monkeypatch)
    await call_handler(state, "load")
    state.until = UNTIL.isoformat()

    await call_handler(state, "create_run", {"scheme": "CORE"})  # the job runs after commit
    assert (state.run.kind, state.run.subject, state.run.total) == ("Lastschrifteinzug",
                                                                    "CORE", 2)
    await call_handler(state, "watch_run")

    assert (state.run.progress, state.run.state, state.run.percent) == ("2 von 2", "done", 100)
    assert state.message == "2 Lastschriften über 2.856,00\xa0€ erstellt." and state.error == ""
    assert [row.scheme for row in state.debits] == ["B2B"]
    assert len(state.runs) == 1
    again = signed_in_state(DebitRunsState, staff, monkeypatch)  # the page opened again
    await call_handler(again, "load")
    assert (again.run.id, again.run.progress) == (state.run.id, "2 von 2")


async def test_a_second_start_on_the_page_is_refused_in_words(debtors, staff, monkeypatch):
    with db.unit_of_work() as session:
        runs.start(session, kind=collection_job.KIND, subject="B2B", started_by=staff.id,
                   total=1, key=collection_job.ACTIVE_KEY)
    state = signed_in_state(DebitRunsState, staff, monkeypatch)
    state.until = UNTIL.isoformat()

    await call_handler(state, "create_run", {"scheme": "CORE"})

    assert state.error == "Dieser Auftrag läuft bereits. Sein Fortschritt wird unten angezeigt."
    assert rows(DebitRun) == []


async def test_members_cannot_start_or_follow_a_run_through_the_page(debtors, staff_actor,
                                                                     monkeypatch):
    run(collection_job.start_collection_run, staff_actor, "B2B", UNTIL)
    state = signed_in_state(DebitRunsState, debtors[0], monkeypatch)
    state.run = state.run.__class__(**{**state.run.__dict__, "id": the_run().id})

    followed = await call_handler(state, "watch_run")
    started = await call_handler(state, "create_run", {"scheme": "CORE"})

    assert "/dashboard" in str(followed) and "/dashboard" in str(started)
    assert state.run.progress == "" and len(rows(DebitRun)) == 1


async def test_a_watch_stops_reading_once_the_session_ended_in_another_tab(staff,
                                                                          monkeypatch):
    with db.unit_of_work() as session:
        run_id = runs.start(session, kind=collection_job.KIND, subject="CORE",
                            started_by=staff.id, total=3, key=collection_job.ACTIVE_KEY).id
    state = signed_in_state(DebitRunsState, staff, monkeypatch)
    state.run = state.run.__class__(**{**state.run.__dict__, "id": run_id})
    monkeypatch.setattr(watch, "WATCH_SECONDS", 0.01)
    reads = []
    read_progress = runs.progress

    def counted_progress(session, actor, wanted):
        reads.append(wanted)
        if len(reads) == 2:
            sessions.end_user_sessions(session, staff.id)
        return read_progress(session, actor, wanted)

    monkeypatch.setattr(runs, "progress", counted_progress)

    await asyncio.wait_for(call_handler(state, "watch_run"), timeout=5)

    assert len(reads) == 2
