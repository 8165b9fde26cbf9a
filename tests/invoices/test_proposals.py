"""Payment reminder proposals: which invoices are due for which level on which day, sending a
proposal (once), who may see and send them, and what a page of them costs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from harzportal import db, settings
from harzportal.core import clock
from harzportal.core.errors import Conflict, PermissionDenied
from harzportal.core.roles import Role
from harzportal.debits.models import DebitRun, DebitRunItem, SepaMandate
from harzportal.invoices import collection, issuing, proposals
from harzportal.invoices.models import Invoice, Payment
from tests.invoices.helpers import (
    at_once,
    billing_contact,
    invoice_row,
    issue_manual,
    load,
    member,
    reminders_of,
    run,
)
from tests.service_calls import counted

pytestmark = pytest.mark.service

ISSUED = date(2027, 1, 15)  # today in the invoice tests
DUE = date(2027, 2, 14)  # issued 15.01.2027 with 30 days to pay
WAIT = 7


def at(day: date):
    return clock.fixed_at(datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC))


def proposed(actor, day: date) -> list[tuple[str, int, str, int]]:
    with at(day):
        page = run(proposals.list_proposals, actor)
    return [(p.number, p.level, p.level_name, p.days_overdue) for p in page.items]


def send(actor, invoice, level, day):
    with at(day):
        return run(proposals.send_proposed, actor, invoice.id, level)


@pytest.fixture
def harzer(factories):
    organization = member(factories, name="Harzer Chemiewerke GmbH")
    billing_contact(factories, organization, email="buchhaltung@harzer-chemie.example")
    return organization


@pytest.fixture
def invoice(staff_actor, harzer):
    return issue_manual(staff_actor, harzer)


def test_the_first_level_is_proposed_on_the_day_the_wait_after_the_due_date_is_over(
        staff_actor, invoice):
    assert load(Invoice, invoice.id).due_date == DUE
    assert proposed(staff_actor, DUE) == []
    assert proposed(staff_actor, DUE + timedelta(days=WAIT - 1)) == []  # overdue, still waiting
    assert proposed(staff_actor, DUE + timedelta(days=WAIT)) == [
        (invoice.number, 1, "Zahlungserinnerung", WAIT)]


def test_the_waiting_days_are_a_setting(staff_actor, invoice, monkeypatch):
    monkeypatch.setenv("HARZPORTAL_REMINDER_WAIT_DAYS", "14")
    settings.reload()
    assert proposed(staff_actor, DUE + timedelta(days=13)) == []
    assert [row[:2] for row in proposed(staff_actor, DUE + timedelta(days=14))] == [
        (invoice.number, 1)]


def test_each_next_level_waits_for_the_previous_reminders_deadline(staff_actor, invoice):
    first_day = DUE + timedelta(days=WAIT)
    send(staff_actor, invoice, 1, first_day)
    deadline = first_day + timedelta(days=14)  # HARZPORTAL_REMINDER_PAYMENT_DAYS
    assert reminders_of(invoice.id)[0].new_due_date == deadline
    assert proposed(staff_actor, first_day) == []
    assert proposed(staff_actor, deadline + timedelta(days=WAIT - 1)) == []
    second_day = deadline + timedelta(days=WAIT)
    assert proposed(staff_actor, second_day) == [
        (invoice.number, 2, "1. Mahnung", (second_day - DUE).days)]

    send(staff_actor, invoice, 2, second_day)
    third_day = second_day + timedelta(days=14 + WAIT)
    assert [row[:3] for row in proposed(staff_actor, third_day)] == [
        (invoice.number, 3, "2. Mahnung")]
    send(staff_actor, invoice, 3, third_day)
    # The last level is sent: nothing is proposed any more, however long it stays open.
    assert proposed(staff_actor, third_day + timedelta(days=365)) == []
    assert [r.level for r in reminders_of(invoice.id)] == [1, 2, 3]


def test_paid_cancelled_and_credit_notes_are_never_proposed_a_partly_paid_one_is(
        factories, staff_actor, harzer):
    paid, cancelled, partly = (issue_manual(staff_actor, harzer) for _ in range(3))
    run(collection.record_payment, staff_actor, paid.id, ISSUED, 142800, "Überweisung")
    run(collection.record_payment, staff_actor, partly.id, ISSUED, 42800, "Teilzahlung")
    credit_note = run(issuing.cancel_invoice, staff_actor, cancelled.id)
    assert load(Invoice, credit_note.id).kind == "credit_note"

    with at(DUE + timedelta(days=WAIT)):
        page = run(proposals.list_proposals, staff_actor)
    assert [(p.number, p.open_cents) for p in page.items] == [(partly.number, 100000)]


def _under_mandate(invoice: Invoice, *, revoked: bool = False, in_run: bool = False,
                   returned: bool = False) -> None:
    """Put an invoice under a mandate as issuing would, optionally in a collection run whose
    debit the bank returned (the payment booked and reversed)."""
    with db.unit_of_work() as session:
        mandate = SepaMandate(
            organization_id=invoice.organization_id, reference=f"CNH-M{invoice.id}",
            scheme="CORE", account_holder="Harzer", iban="DE89370400440532013000",
            creditor_id="DE98ZZZ09999999999", signed_on=date(2027, 1, 2),
            revoked_at=datetime(2027, 2, 1, tzinfo=UTC) if revoked else None)
        session.add(mandate)
        session.flush()
        row = session.get(Invoice, invoice.id)
        row.debit_mandate_id, row.debit_collection_date = mandate.id, DUE
        session.add(row)
        if in_run:
            debit_run = DebitRun(scheme="CORE", message_id=f"RUN-{invoice.id}",
                                 schema_version="pain.008.001.08", total_cents=142800,
                                 item_count=1, file_xml="<Document/>", status="submitted")
            session.add(debit_run)
            session.flush()
            session.add(DebitRunItem(run_id=debit_run.id, invoice_id=invoice.id,
                                     mandate_id=mandate.id, sequence_type="FRST",
                                     collection_date=DUE, amount_cents=142800,
                                     end_to_end_id=invoice.number))
        if returned:
            session.add(Payment(invoice_id=invoice.id, paid_on=DUE, amount_cents=142800,
                                reference="Lastschrift", returned_on=DUE + timedelta(days=3)))


@pytest.mark.parametrize("debit, is_proposed", [
    ({}, False),  # the mandate in force will collect it
    ({"revoked": True}, True),  # revoked before any run: to be paid by transfer
    ({"in_run": True}, False),  # collected, not returned
    ({"in_run": True, "returned": True}, True),  # the bank returned the debit
    ({"in_run": True, "revoked": True}, False),  # revoked after the run: still collected
])
def test_an_invoice_a_direct_debit_still_collects_is_not_proposed(staff_actor, invoice, debit,
                                                                   is_proposed):
    _under_mandate(invoice, **debit)
    numbers = [row[0] for row in proposed(staff_actor, DUE + timedelta(days=WAIT))]
    assert numbers == ([invoice.number] if is_proposed else [])


def test_a_proposal_is_sent_once_a_second_click_sends_no_next_level(staff_actor, invoice):
    day = DUE + timedelta(days=WAIT)
    reminder = send(staff_actor, invoice, 1, day)
    assert (reminder.level, reminder.title) == (1, "Zahlungserinnerung")
    with pytest.raises(Conflict) as refused:
        send(staff_actor, invoice, 1, day)
    assert refused.value.message_key == "reminder_proposal.no_longer_due"
    with pytest.raises(Conflict):  # nor can level 2 be sent before it is proposed
        send(staff_actor, invoice, 2, day)
    assert [r.level for r in reminders_of(invoice.id)] == [1]
    assert load(Invoice, invoice.id).reminder_level == 1


def test_two_clerks_sending_one_proposal_at_once_send_one_reminder(staff_actor, invoice):
    with at(DUE + timedelta(days=WAIT)):
        outcomes = at_once(2, lambda _index, session: proposals.send_proposed(
            session, staff_actor, invoice.id, 1))
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Conflict", "Reminder"]
    assert [r.level for r in reminders_of(invoice.id)] == [1]


def test_a_proposal_paid_meanwhile_is_not_sent(staff_actor, invoice):
    run(collection.record_payment, staff_actor, invoice.id, ISSUED, 142800, "Überweisung")
    with pytest.raises(Conflict):
        send(staff_actor, invoice, 1, DUE + timedelta(days=WAIT))
    assert reminders_of(invoice.id) == []


@pytest.mark.parametrize("role", [Role.ORG_MANAGER, Role.CONTACT])
def test_members_neither_see_nor_send_proposals(factories, harzer, invoice, role):
    actor = factories.actor(factories.user(harzer, role=role))
    with at(DUE + timedelta(days=WAIT)):
        with pytest.raises(PermissionDenied):
            run(proposals.list_proposals, actor)
        with pytest.raises(PermissionDenied):
            run(proposals.send_proposed, actor, invoice.id, 1)
    assert reminders_of(invoice.id) == []


def test_the_counts_per_level_for_the_summary(staff_actor, harzer):
    _first, second, waiting = (issue_manual(staff_actor, harzer) for _ in range(3))
    send(staff_actor, second, 1, DUE + timedelta(days=WAIT))
    send(staff_actor, waiting, 1, DUE + timedelta(days=WAIT + 10))
    day = DUE + timedelta(days=WAIT + 14 + WAIT)  # second's deadline + WAIT, not waiting's
    with at(day):
        counts = run(lambda session: proposals.count_by_level(session, day))
    assert counts == (proposals.LevelCount(1, "Zahlungserinnerung", 1),
                      proposals.LevelCount(2, "1. Mahnung", 1))


def test_a_page_of_proposals_costs_the_same_statements_for_3_and_for_40(engine, staff_actor,
                                                                        factories):
    organizations = [member(factories, name=f"Mitglied {n} GmbH") for n in range(40)]
    for number, organization in enumerate(organizations[:3], start=1):
        invoice_row(organization, f"CNH-2027-{number:04d}")
    with at(DUE + timedelta(days=WAIT)), counted(engine) as few:
        small = run(proposals.list_proposals, staff_actor)
    for number, organization in enumerate(organizations[3:], start=4):
        invoice_row(organization, f"CNH-2027-{number:04d}")
    with at(DUE + timedelta(days=WAIT)), counted(engine) as many:
        large = run(proposals.list_proposals, staff_actor, 2)
    assert (small.total, large.total, large.pages, len(large.items)) == (3, 40, 2, 15)
    assert large.items[0].organization == "Mitglied 25 GmbH"
    assert len(few) == len(many)
