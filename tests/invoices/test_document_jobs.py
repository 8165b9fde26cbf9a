"""Issuing in two steps (issue 19): the issue commits number, rows, amounts and audit event; the
PDF is rendered afterwards by a job. These tests run the jobs through a real queue (a SQLite
Huey storage of their own) and a real consumer, not in immediate mode, so they see what happens
between the commit and the render: the invoice is "being prepared", cannot be downloaded, and
nothing is mailed yet."""

from __future__ import annotations

import hashlib
import time

import pytest
from huey.storage import SqliteStorage

from harzportal import jobs
from harzportal.core.roles import Role
from harzportal.invoices import issuing, presenter, rendering, routes, service
from harzportal.invoices.models import DocumentState, Invoice
from harzportal.seminars import registrations
from tests.invoices.helpers import (
    at_once,
    billing_contact,
    fee_item,
    invoices,
    issue_manual,
    load,
    member,
    outbox,
    run,
)
from tests.route_calls import route_client, signed_in
from tests.seminars.helpers import create_seminar

pytestmark = pytest.mark.service


@pytest.fixture
def queue(tmp_path):
    """A real queue: jobs wait in a SQLite file until a consumer takes them."""
    jobs.huey.immediate = False
    jobs.use_storage(SqliteStorage(jobs.QUEUE_NAME, filename=str(tmp_path / "jobs.db")))
    yield jobs.huey
    jobs.use_storage(None)
    jobs.huey.immediate = True


@pytest.fixture
def start_consumer(queue, monkeypatch):
    """Start a consumer (two threads, as the server runs); retries come at once."""
    monkeypatch.setattr(rendering.render_document.task_class, "default_retry_delay", 0)
    started = []

    def start():
        started.append(jobs.start_consumer(2))

    yield start
    for consumer in started:
        consumer.stop(graceful=True)


@pytest.fixture
def renders(monkeypatch):
    """Counts the renders; `fail_first` of them raise (a render that breaks)."""
    calls = {"count": 0, "fail_first": 0}
    real = rendering.render

    def counted(session, invoice):
        calls["count"] += 1
        if calls["count"] <= calls["fail_first"]:
            raise RuntimeError("the renderer broke")
        return real(session, invoice)

    monkeypatch.setattr(rendering, "render", counted)
    return calls


@pytest.fixture
def organization(factories):
    organization = member(factories, name="Harzer Chemiewerke GmbH")
    billing_contact(factories, organization)
    return organization


@pytest.fixture
def client():
    yield from route_client(routes.ROUTES)


def wait_until(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the jobs did not finish in time")


def states() -> list[str]:
    return [invoice.document_state for invoice in invoices()]


def detail_view(actor, invoice_id):
    return presenter.invoice_detail(run(service.get_invoice, actor, invoice_id), "de").invoice


def test_an_issued_invoice_is_being_prepared_until_its_job_ran(
        organization, staff_actor, factories, client, queue, start_consumer, renders):
    invoice = issue_manual(staff_actor, organization)
    other = member(factories, name="Oker Recycling GmbH")
    outsider = factories.user(other, role=Role.ORG_MANAGER)
    billing = factories.user(organization, role=Role.ORG_MANAGER)

    # Committed: number, amounts; no PDF yet, nothing rendered inside the issuing transaction.
    assert (invoice.number, invoice.gross_cents) == ("CNH-2027-0001", 142800)
    assert (invoice.document_state, invoice.pdf_file, renders["count"]) == ("pending", "", 0)
    assert outbox("invoice") == []
    view = detail_view(staff_actor, invoice.id)
    assert (view.pdf_href, view.document_note) == ("", "PDF wird erstellt")
    pending = signed_in(client, billing).get(routes.pdf_url(invoice.id, invoice.number))
    assert (pending.status_code, pending.headers["retry-after"]) == (503, "10")
    assert "wird erstellt" in pending.text
    # Someone who may not see the invoice learns nothing about it: the same 404 as ever.
    assert signed_in(client, outsider).get(
        routes.pdf_url(invoice.id, invoice.number)).status_code == 404

    start_consumer()
    wait_until(lambda: states() == ["ready"] and len(outbox("invoice")) == 1)

    ready = load(Invoice, invoice.id)
    served = signed_in(client, billing).get(routes.pdf_url(invoice.id, invoice.number))
    assert served.status_code == 200 and served.content.startswith(b"%PDF-")
    [mail] = outbox("invoice")
    assert mail.attachments[0]["sha256"] == ready.pdf_sha256 == hashlib.sha256(
        served.content).hexdigest()
    assert (detail_view(staff_actor, invoice.id).document_note, renders["count"]) == ("", 1)


def test_numbers_stay_gapless_when_a_render_fails_and_is_retried(
        factories, staff_actor, queue, start_consumer, renders):
    fee_item("chemical", 0, None, 600)
    for name in ("Aller Chemie GmbH", "Brocken Chemie GmbH", "Dorf Chemie GmbH"):
        billing_contact(factories, member(factories, name=name, employees=20))
    renders["fail_first"] = 2  # the first two renders break; the queue retries them

    assert run(issuing.issue_annual_run, staff_actor, 2027) == 3
    assert renders["count"] == 0  # the run's transaction rendered nothing
    start_consumer()
    wait_until(lambda: states() == ["ready"] * 3 and len(outbox("invoice")) == 3)

    assert [invoice.number for invoice in invoices()] == [
        "CNH-2027-0001", "CNH-2027-0002", "CNH-2027-0003"]
    assert renders["count"] == 5  # 3 renders that worked, 2 that broke and were retried
    documents = {invoice.pdf_sha256 for invoice in invoices()}
    assert {mail.attachments[0]["sha256"] for mail in outbox("invoice")} == documents


def test_a_render_that_keeps_failing_is_shown_to_staff_and_never_mailed(
        organization, staff_actor, queue, start_consumer, renders):
    renders["fail_first"] = 100
    invoice = issue_manual(staff_actor, organization)

    start_consumer()
    wait_until(lambda: states() == ["failed"])

    assert renders["count"] == 1 + rendering.RENDER_RETRIES
    assert outbox() == []
    view = detail_view(staff_actor, invoice.id)
    assert view.pdf_href == ""
    assert view.document_note.startswith("PDF konnte nicht erstellt werden")
    with pytest.raises(service.DocumentNotReady):
        run(service.invoice_pdf, staff_actor, invoice.id)


def test_a_failed_document_is_rendered_when_a_consumer_starts_again(
        organization, staff_actor, queue, start_consumer, renders):
    renders["fail_first"] = 1 + rendering.RENDER_RETRIES
    issue_manual(staff_actor, organization)
    start_consumer()
    wait_until(lambda: states() == ["failed"])

    start_consumer()  # after the fix: a consumer's start enqueues what is not ready
    wait_until(lambda: states() == ["ready"] and len(outbox("invoice")) == 1)


def test_a_seminar_fee_invoice_is_rendered_after_the_seat_was_committed(
        organization, staff_actor, queue, start_consumer, renders, factories):
    seminar = create_seminar(staff_actor, fee="149,99")  # registration opened this morning
    participant = factories.user(organization, role=Role.ORG_MANAGER)

    registration = run(registrations.register, factories.actor(participant), seminar.id,
                       participant.id)

    # The seat and its invoice are committed; nothing was rendered while the seat was locked.
    [invoice] = invoices()
    assert registration.invoice_id == invoice.id
    assert (renders["count"], invoice.document_state, outbox("invoice")) == (0, "pending", [])
    start_consumer()
    wait_until(lambda: states() == ["ready"] and len(outbox("invoice")) == 1)
    assert renders["count"] == 1


# Idempotent: in immediate mode (the job ran right after the commit), running it again

def test_a_render_job_that_runs_twice_does_no_harm(organization, staff_actor, renders):
    invoice = issue_manual(staff_actor, organization)
    assert (invoice.document_state, renders["count"], len(outbox("invoice"))) == ("ready", 1, 1)

    rendering.render_document.call_local(invoice.id)
    assert run(rendering.store_document, invoice.id) is False

    again = load(Invoice, invoice.id)
    assert (again.pdf_file, again.pdf_sha256) == (invoice.pdf_file, invoice.pdf_sha256)
    assert (renders["count"], len(outbox("invoice"))) == (1, 1)


def test_two_renders_of_one_pending_document_at_once_mail_it_once(
        organization, staff_actor, queue, renders):
    invoice = issue_manual(staff_actor, organization)  # queued, no consumer: still pending

    outcomes = at_once(2, lambda _index, session: rendering.store_document(session, invoice.id))

    assert sorted(outcomes, key=str) == [False, True]
    assert load(Invoice, invoice.id).document_state == DocumentState.READY.value
    assert len(outbox("invoice")) == 1
