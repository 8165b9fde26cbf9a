"""Importing a bank statement: matching, booking, returns, a second import, manual assignment."""

from __future__ import annotations

import pytest

from harzportal.banking import statements
from harzportal.banking.models import BankEntry, BankStatement, EntryOutcome
from harzportal.core.errors import Conflict, NotFound, PermissionDenied
from harzportal.core.roles import Role
from harzportal.invoices.models import Invoice, Payment
from tests.banking.statements import credit, debit_return, schema_errors, statement
from tests.invoices.helpers import (
    audit_events,
    billing_contact,
    issue_manual,
    load,
    member,
    outbox,
    payments_of,
    rows,
    run,
)

pytestmark = pytest.mark.service

GROSS = 142800  # 1.428,00 €


@pytest.fixture
def organization(factories):
    return member(factories, name="Harzer Chemiewerke GmbH")


@pytest.fixture
def billing(factories, organization):
    return billing_contact(factories, organization, email="buchhaltung@harzer-chemie.example")


@pytest.fixture
def invoice(staff_actor, organization, billing):
    return issue_manual(staff_actor, organization)


def preview(actor, content):
    return run(statements.preview_import, actor, content)


def book(actor, content):
    plan = preview(actor, content)
    return run(statements.book_import, actor, content, plan.sha256)


def outcomes(plan):
    return [entry.outcome for entry in plan.to_book]


def test_the_test_statements_are_valid_camt_053(invoice):
    content = statement(credit("1428.00", invoice.number),
                        debit_return("1431.00", invoice.number, instructed="1428.00"))
    assert schema_errors(content) == []


@pytest.mark.parametrize("written", ["{n}", "{lower}", "Beitrag {spaced}", "{compact} danke",
                                     "RG-NR.{dashed}"])
def test_an_exact_credit_is_booked_however_the_number_is_written(staff_actor, invoice, written):
    year, serial = invoice.number.split("-")[1:]
    text = written.format(n=invoice.number, lower=invoice.number.lower(),
                          spaced=f"CNH {year} {serial}", compact=f"cnh{year}{serial}",
                          dashed=f"c-n-h--{year}--{serial}")
    plan = preview(staff_actor, statement(credit("1428.00", text)))
    assert outcomes(plan) == [EntryOutcome.EXACT]
    assert load(Invoice, invoice.id).paid_cents == 0  # the preview books nothing
    book(staff_actor, statement(credit("1428.00", text)))
    assert load(Invoice, invoice.id).status == "paid"
    [payment] = payments_of(invoice.id)
    assert payment.amount_cents == GROSS and payment.paid_on.isoformat() == "2027-01-15"
    [entry] = rows(BankEntry)
    assert (entry.outcome, entry.flagged, entry.payment_id) == ("exact", False, payment.id)


def test_the_end_to_end_id_of_a_collection_names_the_invoice(staff_actor, invoice):
    book(staff_actor, statement(credit("1428.00", "SEPA Lastschrift", end_to_end=invoice.number)))
    assert load(Invoice, invoice.id).status == "paid"


def test_a_partial_payment_is_booked_and_flagged(staff_actor, invoice):
    plan = book(staff_actor, statement(credit("428.00", invoice.number)))
    [planned] = plan.to_book
    assert (planned.outcome, planned.booked_cents, planned.difference_cents) == (
        EntryOutcome.PARTIAL, 42800, 100000)
    stored = load(Invoice, invoice.id)
    assert (stored.status, stored.paid_cents) == ("issued", 42800)
    [entry] = rows(BankEntry)
    assert entry.flagged and entry.difference_cents == 100000


def test_an_over_payment_books_the_open_amount_and_flags_the_rest(staff_actor, invoice):
    book(staff_actor, statement(credit("1500.00", invoice.number)))
    stored = load(Invoice, invoice.id)
    assert (stored.status, stored.paid_cents) == ("paid", GROSS)
    [entry] = rows(BankEntry)
    assert (entry.outcome, entry.flagged, entry.difference_cents) == ("over", True, 7200)


def test_two_credits_for_one_invoice_in_one_file(staff_actor, invoice):
    plan = book(staff_actor, statement(credit("1000.00", invoice.number, ref="A"),
                                       credit("428.00", invoice.number, ref="B")))
    assert outcomes(plan) == [EntryOutcome.PARTIAL, EntryOutcome.EXACT]
    assert load(Invoice, invoice.id).status == "paid"


@pytest.mark.parametrize("remittance", ["Spende", "CNH-2027-9999", "CNH-2026-0001 CNH-2027-0001"])
def test_credits_without_one_open_invoice_are_unmatched(staff_actor, invoice, remittance):
    plan = book(staff_actor, statement(credit("1428.00", remittance)))
    assert outcomes(plan) == [EntryOutcome.UNMATCHED]
    assert load(Invoice, invoice.id).paid_cents == 0
    [entry] = rows(BankEntry)
    assert entry.flagged and entry.payment_id is None


def test_a_credit_for_a_paid_invoice_is_unmatched(staff_actor, invoice):
    book(staff_actor, statement(credit("1428.00", invoice.number, ref="A")))
    plan = book(staff_actor, statement(credit("1428.00", invoice.number, ref="B"),
                                       statement_id="2027-01-0002"))
    assert [(e.outcome, e.unmatched_reason) for e in plan.to_book] == [
        (EntryOutcome.UNMATCHED, statements.NOT_OPEN)]
    assert len(payments_of(invoice.id)) == 1


def test_importing_the_same_statement_twice_books_nothing_twice(staff_actor, invoice):
    content = statement(credit("1428.00", invoice.number), credit("10.00", "Spende", ref="R2"))
    book(staff_actor, content)
    again = book(staff_actor, content)
    assert again.to_book == () and all(e.already_imported for e in again.entries)
    assert len(payments_of(invoice.id)) == 1
    assert len(rows(BankEntry)) == 2 and len(rows(BankStatement)) == 1


def test_a_statement_twice_inside_one_file_books_once(staff_actor, invoice):
    plan = book(staff_actor, statement(credit("1428.00", invoice.number), times=2))
    assert plan.duplicates == 1 and len(plan.to_book) == 1
    assert len(payments_of(invoice.id)) == 1


def test_a_booking_of_another_file_than_the_preview_is_refused(staff_actor, invoice):
    shown = preview(staff_actor, statement(credit("1428.00", invoice.number)))
    with pytest.raises(Conflict):
        run(statements.book_import, staff_actor, statement(credit("1.00", invoice.number)),
            shown.sha256)
    assert rows(BankEntry) == []


def test_a_direct_debit_return_reopens_the_invoice_records_the_fee_and_mails(
        staff_actor, invoice, billing):
    book(staff_actor, statement(credit("1428.00", "Lastschrift", end_to_end=invoice.number)))
    outbox_before = len(outbox("debit_return"))
    plan = book(staff_actor, statement(
        debit_return("1431.00", invoice.number, instructed="1428.00", reason="AM04"),
        statement_id="2027-01-0002"))
    assert outcomes(plan) == [EntryOutcome.RETURNED]
    stored = load(Invoice, invoice.id)
    assert (stored.status, stored.paid_cents) == ("issued", 0)
    [payment] = payments_of(invoice.id)
    assert payment.returned_on.isoformat() == "2027-01-15"
    returned = [e for e in rows(BankEntry) if e.is_return]
    assert [(e.amount_cents, e.fee_cents, e.return_reason, e.flagged) for e in returned] == [
        (GROSS, 300, "AM04", True)]
    [mail] = outbox("debit_return")[outbox_before:]
    assert mail.recipient == billing.email and invoice.number in mail.subject
    assert "1.428,00" in mail.body_text and "Deckung" in mail.body_text
    assert audit_events("invoice.payment_returned")


def test_a_return_of_a_fee_without_included_charges_is_the_transaction_amount(
        staff_actor, invoice):
    book(staff_actor, statement(credit("1428.00", invoice.number)))
    book(staff_actor, statement(debit_return("1428.00", invoice.number, fee="2.50"),
                                statement_id="2027-01-0002"))
    [entry] = [e for e in rows(BankEntry) if e.is_return]
    assert (entry.outcome, entry.amount_cents, entry.fee_cents) == ("returned", GROSS, 250)


def test_a_return_without_a_booked_payment_is_flagged_and_changes_nothing(staff_actor, invoice):
    plan = book(staff_actor, statement(debit_return("1428.00", invoice.number)))
    assert outcomes(plan) == [EntryOutcome.RETURN_UNMATCHED]
    assert load(Invoice, invoice.id).status == "issued"
    assert outbox("debit_return") == []


def test_a_return_imported_twice_is_reversed_once(staff_actor, invoice):
    book(staff_actor, statement(credit("1428.00", invoice.number)))
    content = statement(debit_return("1428.00", invoice.number), statement_id="2027-01-0002")
    book(staff_actor, content)
    book(staff_actor, content)
    assert load(Invoice, invoice.id).paid_cents == 0
    assert len([e for e in rows(BankEntry) if e.is_return]) == 1


def test_staff_assign_an_unmatched_credit_to_the_invoice_they_pick(staff_actor, invoice):
    book(staff_actor, statement(credit("1428.00", "Beitrag Harzer")))
    [entry] = rows(BankEntry)
    choices = run(statements.list_open_invoices, staff_actor)
    assert [c.number for c in choices] == [invoice.number]
    run(statements.assign_entry, staff_actor, entry.id, invoice.id)
    assert load(Invoice, invoice.id).status == "paid"
    stored = load(BankEntry, entry.id)
    assert (stored.outcome, stored.flagged, stored.invoice_id) == ("assigned", False, invoice.id)
    with pytest.raises(Conflict):
        run(statements.assign_entry, staff_actor, entry.id, invoice.id)
    assert audit_events("bank.entry_assigned")


def test_a_smaller_assigned_credit_stays_flagged_and_can_be_marked_reviewed(
        staff_actor, invoice):
    book(staff_actor, statement(credit("100.00", "Beitrag Harzer")))
    [entry] = rows(BankEntry)
    run(statements.assign_entry, staff_actor, entry.id, invoice.id)
    assert load(BankEntry, entry.id).flagged
    flagged = run(statements.list_entries, staff_actor)
    assert [row.entry.id for row in flagged.items] == [entry.id]
    run(statements.mark_reviewed, staff_actor, entry.id)
    assert run(statements.list_entries, staff_actor).items == ()
    with pytest.raises(Conflict):
        run(statements.mark_reviewed, staff_actor, entry.id)


def test_an_unknown_invoice_or_entry_is_not_found(staff_actor, invoice):
    book(staff_actor, statement(credit("100.00", "Spende")))
    [entry] = rows(BankEntry)
    with pytest.raises(NotFound):
        run(statements.assign_entry, staff_actor, entry.id, 999999)
    with pytest.raises(NotFound):
        run(statements.assign_entry, staff_actor, "x", invoice.id)


def test_everything_is_audited(staff_actor, invoice):
    book(staff_actor, statement(credit("1428.00", invoice.number), credit("5.00", "?", ref="X")))
    [event] = audit_events("bank.statement_imported")
    assert event.after["exact"] == 1 and event.after["unmatched"] == 1
    assert audit_events("invoice.payment_recorded")


@pytest.mark.parametrize("role", [Role.CONTACT, Role.ORG_MANAGER])
def test_members_may_not_preview_book_assign_or_review(factories, organization, billing,
                                                        staff_actor, invoice, role):
    book(staff_actor, statement(credit("5.00", "Spende")))
    [entry] = rows(BankEntry)
    person = factories.actor(factories.user(organization, role=role))
    content = statement(credit("1428.00", invoice.number), statement_id="other")
    for work, args in ((statements.preview_import, (content,)),
                       (statements.book_import, (content, "x")),
                       (statements.assign_entry, (entry.id, invoice.id)),
                       (statements.mark_reviewed, (entry.id,)),
                       (statements.list_entries, ()),
                       (statements.list_open_invoices, ())):
        with pytest.raises(PermissionDenied):
            run(work, person, *args)
    assert load(Invoice, invoice.id).paid_cents == 0
    assert len(rows(Payment)) == 0


def test_the_invoice_page_says_the_payment_was_returned(staff_actor, invoice):
    from harzportal.invoices import presenter, service

    book(staff_actor, statement(credit("1428.00", invoice.number)))
    book(staff_actor, statement(debit_return("1428.00", invoice.number),
                                statement_id="2027-01-0002"))
    detail = run(service.get_invoice, staff_actor, invoice.id)
    [payment] = presenter.invoice_detail(detail, "de").payments
    assert payment.reference.endswith("zurückgebucht am 15.01.2027")


def test_two_clerks_booking_the_same_statement_at_once_book_it_once(staff_actor, invoice):
    from tests.invoices.helpers import at_once

    content = statement(credit("1428.00", invoice.number))
    sha = preview(staff_actor, content).sha256
    outcomes_ = at_once(2, lambda index, session: statements.book_import(
        session, staff_actor, content, sha))
    assert sum(isinstance(o, Conflict) for o in outcomes_) <= 1
    assert not any(isinstance(o, Exception) and not isinstance(o, Conflict) for o in outcomes_)
    assert len(payments_of(invoice.id)) == 1 and len(rows(BankEntry)) == 1
