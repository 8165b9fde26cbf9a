"""The annual run as a job with progress (issue 19): one invoice per transaction, the run's
record (total, done, errors, state, summary) written with each invoice, a second start refused
while one runs, a failing member counted and named while the numbers stay gapless, documents
rendered with no lock held, reminder PDFs rendered by a job and mailed only once they exist."""

from __future__ import annotations

import sqlite3

import pytest
from huey.storage import SqliteStorage

from harzportal import db, jobs
from harzportal.core.errors import Conflict, PermissionDenied
from harzportal.core.roles import Role
from harzportal.invoices import annual_run, collection, issuing, rendering, routes
from harzportal.invoices.models import DocumentState, Reminder
from harzportal.jobruns import presenter as run_presenter
from harzportal.jobruns import service as runs
from harzportal.jobruns.models import JobRun
from harzportal.seminars import registrations
from tests.invoices.helpers import (
    audit_events,
    billing_contact,
    fee_item,
    invoices,
    issue_manual,
    member,
    outbox,
    rows,
    run,
)
from tests.route_calls import route_client, signed_in
from tests.seminars.helpers import create_seminar

pytestmark = pytest.mark.service

NAMES = ("Aller Chemie GmbH", "Bode Chemie GmbH", "Harzer Chemiewerke GmbH", "Oker Chemie GmbH")


@pytest.fixture
def members(factories):
    fee_item("chemical", 0, None, 600)
    found = []
    for name in NAMES:
        organization = member(factories, name=name, employees=20)
        billing_contact(factories, organization)
        found.append(organization)
    return found


@pytest.fixture
def queue(tmp_path):
    """A real queue whose jobs wait until a consumer (started by the test) takes them."""
    jobs.huey.immediate = False
    jobs.use_storage(SqliteStorage(jobs.QUEUE_NAME, filename=str(tmp_path / "jobs.db")))
    consumers = []
    yield consumers
    for consumer in consumers:
        consumer.stop(graceful=True)
    jobs.use_storage(None)
    jobs.huey.immediate = True


def wait_until(condition, seconds=60.0):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the jobs did not finish in time")


def the_run() -> JobRun:
    [found] = rows(JobRun)
    return found


def numbers() -> list[str]:
    return sorted(invoice.number for invoice in invoices())


def test_the_run_issues_every_invoice_and_records_its_progress_and_result(
        members, staff, staff_actor):
    started = run(annual_run.start_annual_run, staff_actor, 2027)  # the job runs after commit

    assert (started.kind, started.subject, started.total) == ("invoice_run", "2027", 4)
    finished = the_run()
    assert (finished.state, finished.total, finished.done, finished.errors) == ("done", 4, 4, 0)
    assert finished.active_key is None and finished.finished_at is not None
    assert numbers() == [f"CNH-2027-{n:04d}" for n in range(1, 5)]
    assert all(invoice.document_state == "ready" for invoice in invoices())
    assert len(outbox("invoice")) == 4
    assert [event.after["issued"] for event in audit_events("invoice_run.completed")] == [4]
    assert len(audit_events("invoice_run.started")) == 1
    view = run_presenter.run_view(finished, "de", "Greta")
    assert (view.progress, view.percent, view.active, view.state_label) == (
        "4 von 4", 100, False, "fertig")
    assert view.result == "4 Rechnungen für 2027 gestellt."
    listed = run(runs.list_runs, staff_actor, 1)
    assert [listing.run.id for listing in listed.items] == [finished.id]
    assert listed.items[0].started_by == staff.full_name


def test_a_second_start_while_the_run_waits_or_runs_is_refused(members, staff_actor, queue):
    run(annual_run.start_annual_run, staff_actor, 2027)  # queued: no consumer yet

    with pytest.raises(Conflict) as refused:
        run(annual_run.start_annual_run, staff_actor, 2027)
    assert refused.value.message_key == "job_run.already_running"
    assert the_run().state == "queued" and invoices() == []

    queue.append(jobs.start_consumer(2))
    wait_until(lambda: the_run().state == "done")
    with pytest.raises(Conflict) as nothing_left:  # the year is done: nothing to issue
        run(annual_run.start_annual_run, staff_actor, 2027)
    assert nothing_left.value.message_key == "invoice_run.nothing_to_issue"


def test_a_member_whose_invoice_fails_is_counted_and_named_and_the_numbers_stay_gapless(
        members, staff_actor, monkeypatch):
    real_issue = issuing.issue

    def issue(session, actor, request):
        invoice = real_issue(session, actor, request)  # its number is taken ...
        if request.organization.name == "Bode Chemie GmbH":
            raise RuntimeError("the address cannot be printed")  # ... and rolled back
        return invoice

    monkeypatch.setattr(issuing, "issue", issue)
    run(annual_run.start_annual_run, staff_actor, 2027)

    finished = the_run()
    assert (finished.state, finished.done, finished.errors) == ("done", 3, 1)
    assert numbers() == ["CNH-2027-0001", "CNH-2027-0002", "CNH-2027-0003"]
    assert sorted(i.recipient_name for i in invoices()) == [
        "Aller Chemie GmbH", "Harzer Chemiewerke GmbH", "Oker Chemie GmbH"]
    view = run_presenter.run_view(finished, "de")
    assert view.result == ("3 Rechnungen für 2027 gestellt. Nicht gestellt: Bode Chemie GmbH.")

    monkeypatch.setattr(issuing, "issue", real_issue)  # fixed: a new run issues the rest
    run(annual_run.start_annual_run, staff_actor, 2027)
    assert numbers() == [f"CNH-2027-{n:04d}" for n in range(1, 5)]


def test_renders_that_fail_and_are_retried_leave_the_run_gapless_and_mail_only_documents(
        members, staff_actor, queue, monkeypatch):
    monkeypatch.setattr(rendering.render_document.task_class, "default_retry_delay", 0)
    real, calls = rendering.render, {"count": 0}

    def flaky(session, invoice):
        calls["count"] += 1
        if calls["count"] <= 3:
            raise RuntimeError("the renderer broke")
        return real(session, invoice)

    monkeypatch.setattr(rendering, "render", flaky)
    run(annual_run.start_annual_run, staff_actor, 2027)
    queue.append(jobs.start_consumer(2))
    wait_until(lambda: the_run().state == "done" and
               all(i.document_state == "ready" for i in invoices()) and
               len(outbox("invoice")) == 4)

    assert numbers() == [f"CNH-2027-{n:04d}" for n in range(1, 5)]
    assert calls["count"] == 4 + 3
    # Every mail carries a document that exists (the attachment names its stored file).
    stored = {invoice.pdf_file for invoice in invoices()}
    for mail in outbox("invoice"):
        assert mail.attachments and all(a["name"] in stored for a in mail.attachments)


def _no_writer_holds_the_database(database_url: str) -> bool:
    """On SQLite: another connection can take the write lock right now (it cannot while any
    transaction of ours is writing: the number lock, a seat lock, a reminder's update)."""
    connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0.1)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def test_no_lock_is_held_while_a_document_renders(members, staff_actor, factories,
                                                  database_url, monkeypatch):
    if not database_url.startswith("sqlite"):
        pytest.skip("the database-wide write lock is SQLite's; the code path is the same")
    with db.unit_of_work() as session:  # the probe sees a held lock: inside a writing unit
        session.add(JobRun(kind="probe", subject=""))
        session.flush()
        assert not _no_writer_holds_the_database(database_url)
    assert _no_writer_holds_the_database(database_url)
    seen = []
    real_invoice, real_reminder = rendering.render, collection.render_reminder

    def invoice_render(session, invoice):
        seen.append(("invoice", _no_writer_holds_the_database(database_url)))
        return real_invoice(session, invoice)

    def reminder_render(document, seller):
        seen.append(("reminder", _no_writer_holds_the_database(database_url)))
        return real_reminder(document, seller)

    monkeypatch.setattr(rendering, "render", invoice_render)
    monkeypatch.setattr(collection, "render_reminder", reminder_render)

    run(annual_run.start_annual_run, staff_actor, 2027)  # the annual run
    seminar = create_seminar(staff_actor, fee="149,99")  # a seminar fee, under its seat lock
    participant = factories.user(members[0], role=Role.ORG_MANAGER)
    run(registrations.register, factories.actor(participant), seminar.id, participant.id)
    overdue = issue_manual(staff_actor, members[1])  # a reminder
    from harzportal.core import clock
    with clock.fixed_at(clock.now().replace(month=3)):
        run(collection.send_reminder, staff_actor, overdue.id)

    assert [kind for kind, _ in seen] == ["invoice"] * 6 + ["reminder"]
    assert all(free for _, free in seen), seen


def test_a_reminder_is_mailed_only_once_its_pdf_exists(members, staff_actor, factories, queue):
    invoice = issue_manual(staff_actor, members[0])
    queue.append(jobs.start_consumer(1))
    wait_until(lambda: len(outbox("invoice")) == 1)
    queue.pop().stop(graceful=True)
    from harzportal.core import clock
    manager = factories.user(members[0], role=Role.ORG_MANAGER)

    with clock.fixed_at(clock.now().replace(month=3)):
        reminder = run(collection.send_reminder, staff_actor, invoice.id)
        [pending] = rows(Reminder)
        assert (pending.document_state, pending.pdf_file) == ("pending", "")
        assert outbox("payment_reminder") == []  # its PDF does not exist yet
        for client in route_client(routes.ROUTES):
            signed_in(client, manager)
            answer = client.get(routes.reminder_pdf_url(reminder.id, "x.pdf"))
            assert answer.status_code == 503 and answer.headers["retry-after"]

        queue.append(jobs.start_consumer(1))
        wait_until(lambda: len(outbox("payment_reminder")) == 1)
    [ready] = rows(Reminder)
    assert ready.document_state == DocumentState.READY.value and ready.pdf_sha256
    [mail] = outbox("payment_reminder")
    assert [a["name"] for a in mail.attachments] == [ready.pdf_file]


def test_only_staff_see_job_runs(members, staff_actor, factories):
    run(annual_run.start_annual_run, staff_actor, 2027)
    manager = factories.actor(factories.user(members[0], role=Role.ORG_MANAGER))
    for work, arguments in ((runs.list_runs, (1,)), (runs.progress, (the_run().id,)),
                            (runs.latest, ("invoice_run", "2027"))):
        with pytest.raises(PermissionDenied):
            run(work, manager, *arguments)
    with pytest.raises(PermissionDenied):
        run(annual_run.start_annual_run, manager, 2028)
