"""Getting paid: full and partial payments, and reminders for overdue invoices."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from harzportal import db
from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.invoices import collection, issuing
from harzportal.invoices.models import Invoice
from tests.invoices.conftest import TODAY
from tests.invoices.helpers import (
    at_once,
    audit_events,
    billing_contact,
    issue_manual,
    load,
    member,
    outbox,
    payments_of,
    reminders_of,
    run,
)

pytestmark = pytest.mark.service

ISSUED_ON = TODAY.date()
GROSS = 142800  # 1.200,00 € + 19 % VAT
AFTER_DUE = TODAY + timedelta(days=31)  # due 14.02.2027; this is 15.02.2027


@pytest.fixture
def organization(factories):
    return member(factories, name="Harzer Chemiewerke GmbH")


@pytest.fixture
def billing(factories, organization):
    return [billing_contact(factories, organization, email="buchhaltung@harzer-chemie.example"),
            billing_contact(factories, organization, role=Role.ORG_MANAGER,
                            email="chefin@harzer-chemie.example")]


@pytest.fixture
def invoice(staff_actor, organization, billing):
    return issue_manual(staff_actor, organization)


def pay(actor, invoice_id, amount_cents, paid_on=ISSUED_ON, reference="Überweisung"):
    return run(collection.record_payment, actor, invoice_id, paid_on, amount_cents, reference)


def refused_payment(actor, invoice_id, amount_cents, paid_on=ISSUED_ON):
    with pytest.raises(ValidationFailed) as raised:
        pay(actor, invoice_id, amount_cents, paid_on)
    return raised.value.message_key


# Payments

def test_two_partial_payments_that_reach_the_amount_settle_the_invoice(staff, staff_actor,
                                                                        invoice):
    pay(staff_actor, invoice.id, 100000, reference="Teilzahlung 1")
    assert (load(Invoice, invoice.id).paid_cents, load(Invoice, invoice.id).status) == (
        100000, "issued")

    pay(staff_actor, invoice.id, GROSS - 100000, reference="Teilzahlung 2")

    paid = load(Invoice, invoice.id)
    assert (paid.paid_cents, paid.status) == (GROSS, "paid")
    assert [(p.amount_cents, p.paid_on, p.reference, p.recorded_by_user_id)
            for p in payments_of(invoice.id)] == [
        (100000, ISSUED_ON, "Teilzahlung 1", staff.id),
        (42800, ISSUED_ON, "Teilzahlung 2", staff.id)]
    assert [(event.before, event.after) for event in audit_events("invoice.payment_recorded")] == [
        ({"paid_cents": 0}, {"paid_cents": 100000, "amount_cents": 100000,
                             "paid_on": "2027-01-15", "status": "issued"}),
        ({"paid_cents": 100000}, {"paid_cents": GROSS, "amount_cents": 42800,
                                  "paid_on": "2027-01-15", "status": "paid"})]


def test_a_payment_above_the_outstanding_amount_is_refused(staff_actor, invoice):
    assert refused_payment(staff_actor, invoice.id, GROSS + 1) == "payment.amount_invalid"
    pay(staff_actor, invoice.id, 100000)
    assert refused_payment(staff_actor, invoice.id, GROSS - 100000 + 1) == (
        "payment.amount_invalid")
    assert refused_payment(staff_actor, invoice.id, 0) == "payment.amount_invalid"
    assert refused_payment(staff_actor, invoice.id, -5) == "payment.amount_invalid"

    assert load(Invoice, invoice.id).paid_cents == 100000
    assert len(payments_of(invoice.id)) == 1


def test_a_payment_dated_before_the_invoice_or_in_the_future_is_refused(staff_actor, invoice):
    day_before, tomorrow = ISSUED_ON - timedelta(days=1), ISSUED_ON + timedelta(days=1)
    assert refused_payment(staff_actor, invoice.id, 100, paid_on=day_before) == (
        "payment.date_invalid")
    assert refused_payment(staff_actor, invoice.id, 100, paid_on=tomorrow) == (
        "payment.date_invalid")
    assert payments_of(invoice.id) == []

    with clock.fixed_at(TODAY + timedelta(days=1)):  # tomorrow is today then
        pay(staff_actor, invoice.id, 100, paid_on=tomorrow)
    assert [p.paid_on for p in payments_of(invoice.id)] == [tomorrow]


def test_a_cancelled_invoice_or_a_credit_note_takes_no_payment(staff_actor, invoice):
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    with pytest.raises(Conflict) as raised:
        pay(staff_actor, invoice.id, 100)
    assert raised.value.message_key == "payment.not_open"
    with pytest.raises(NotFound):
        pay(staff_actor, credit_note.id, 100)
    assert payments_of(invoice.id) == payments_of(credit_note.id) == []


def test_a_paid_invoice_takes_no_further_payment(staff_actor, invoice):
    pay(staff_actor, invoice.id, GROSS)

    with pytest.raises(Conflict):
        pay(staff_actor, invoice.id, 1)


def test_two_clerks_booking_the_full_amount_at_once_book_it_once(staff_actor, invoice):
    outcomes = at_once(2, lambda _index, session: collection.record_payment(
        session, staff_actor, invoice.id, ISSUED_ON, GROSS, "Überweisung").amount_cents)

    booked_once = [outcome for outcome in outcomes if outcome == GROSS]
    refused = [outcome for outcome in outcomes if outcome != GROSS]
    assert len(booked_once) == 1 and len(refused) == 1, outcomes
    [conflict] = refused
    assert isinstance(conflict, Conflict), outcomes
    assert conflict.message_key in ("payment.not_open", "payment.changed_meanwhile")
    booked = load(Invoice, invoice.id)
    assert (booked.paid_cents, booked.status) == (GROSS, "paid")
    assert [p.amount_cents for p in payments_of(invoice.id)] == [GROSS]


def test_only_staff_record_payments(factories, organization, invoice):
    manager = factories.actor(factories.user(organization, role=Role.ORG_MANAGER))

    with pytest.raises(PermissionDenied):
        pay(manager, invoice.id, GROSS)

    assert load(Invoice, invoice.id).paid_cents == 0


# Reminders

def remind(actor, invoice_id):
    return run(collection.send_reminder, actor, invoice_id)


def test_an_invoice_that_is_not_overdue_gets_no_reminder(staff_actor, invoice):
    on_the_due_date = TODAY + timedelta(days=30)
    for moment in (TODAY, on_the_due_date):
        with clock.fixed_at(moment), pytest.raises(Conflict) as raised:
            remind(staff_actor, invoice.id)
        assert raised.value.message_key == "reminder.not_overdue"

    assert reminders_of(invoice.id) == []
    assert [mail.kind for mail in outbox()] == ["invoice", "invoice"]  # the two issue mails


def test_an_overdue_invoice_is_reminded_once_per_level_then_no_more(staff, staff_actor, invoice,
                                                                   billing):
    pay(staff_actor, invoice.id, 100000)
    with clock.fixed_at(AFTER_DUE):
        sent = [remind(staff_actor, invoice.id) for _ in range(3)]  # the three default levels
        with pytest.raises(Conflict) as raised:
            remind(staff_actor, invoice.id)

    assert raised.value.message_key == "reminder.max_level"
    assert [reminder.level for reminder in sent] == [1, 2, 3]
    assert load(Invoice, invoice.id).reminder_level == 3
    addresses = sorted(user.email for user in billing)
    assert [(r.level, sorted(r.recipients.split(", ")), r.sent_by_user_id)
            for r in reminders_of(invoice.id)] == [(level, addresses, staff.id)
                                                   for level in (1, 2, 3)]
    mails = outbox("payment_reminder")
    assert sorted(mail.recipient for mail in mails) == sorted(addresses * 3)
    for mail in mails:
        assert invoice.number in mail.subject
        assert "428,00\xa0€" in mail.body_text  # what is still open after 1.000,00 €
        assert len(mail.attachments) == 1
        assert mail.attachments[0]["filename"].startswith(f"{invoice.number}-mahnstufe-")
    assert [event.after["level"] for event in audit_events("invoice.reminder_sent")] == [1, 2, 3]
    assert all(sorted(event.after["recipients"]) == addresses
               for event in audit_events("invoice.reminder_sent"))


@pytest.mark.parametrize("settled_by", ["payment", "credit_note"])
def test_a_settled_invoice_gets_no_reminder(staff_actor, invoice, settled_by):
    if settled_by == "payment":
        pay(staff_actor, invoice.id, GROSS)
    else:
        run(issuing.cancel_invoice, staff_actor, invoice.id)

    with clock.fixed_at(AFTER_DUE), pytest.raises(Conflict):
        remind(staff_actor, invoice.id)

    assert reminders_of(invoice.id) == []
    assert outbox("payment_reminder") == []


def test_only_staff_send_reminders(factories, organization, invoice):
    manager = factories.actor(factories.user(organization, role=Role.ORG_MANAGER))

    with clock.fixed_at(AFTER_DUE), pytest.raises(PermissionDenied):
        remind(manager, invoice.id)

    assert load(Invoice, invoice.id).reminder_level == 0


def test_a_reminder_without_anyone_to_send_it_to_changes_nothing(factories, staff_actor):
    lonely = issue_manual(staff_actor, member(factories))  # no billing contact, no manager
    assert outbox() == []

    with clock.fixed_at(AFTER_DUE), pytest.raises(ValidationFailed) as raised:
        remind(staff_actor, lonely.id)

    assert raised.value.message_key == "reminder.no_recipient"
    assert load(Invoice, lonely.id).reminder_level == 0
    assert reminders_of(lonely.id) == [] and audit_events("invoice.reminder_sent") == []


def test_a_payment_booked_while_a_reminder_is_being_sent_stops_the_reminder(
        staff_actor, invoice, monkeypatch):
    """The clerk's payment commits after the reminder read the invoice and before the reminder
    raises its level (the interleaving is forced with events, not with timing)."""
    booked, reminder_read, commit_payment = (threading.Event() for _ in range(3))
    read_invoice = collection._payable

    def reading_then_signalling(session, invoice_id):
        found = read_invoice(session, invoice_id)
        if booked.is_set():  # the reminder's read, not the payment's own
            reminder_read.set()
        return found

    monkeypatch.setattr(collection, "_payable", reading_then_signalling)
    outcomes: dict[str, object] = {}

    def clerk_books_payment():
        with db.unit_of_work() as session:
            outcomes["payment"] = collection.record_payment(
                session, staff_actor, invoice.id, ISSUED_ON, GROSS, "Überweisung").amount_cents
            booked.set()
            assert commit_payment.wait(timeout=20)

    def clerk_sends_reminder():
        assert booked.wait(timeout=20)
        try:
            with clock.fixed_at(AFTER_DUE), db.unit_of_work() as session:
                outcomes["reminder"] = collection.send_reminder(session, staff_actor,
                                                                invoice.id).level
        except Conflict as error:
            outcomes["reminder"] = error.message_key

    threads = [threading.Thread(target=clerk_books_payment),
               threading.Thread(target=clerk_sends_reminder)]
    for thread in threads:
        thread.start()
    assert reminder_read.wait(timeout=20)
    commit_payment.set()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes["payment"] == GROSS
    assert load(Invoice, invoice.id).status == "paid"
    assert outcomes["reminder"] != 1, "a reminder went out for a paid invoice"
    assert reminders_of(invoice.id) == [] and outbox("payment_reminder") == []
