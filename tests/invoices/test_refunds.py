"""Cancelling a paid or partly paid invoice: the credit note promises the amount paid back, by
transfer to an account staff enter or by set-off against the next invoice; staff mark it made."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from harzportal import settings
from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.i18n import translate
from harzportal.core.roles import Role
from harzportal.invoices import collection, issuing, refunds, service
from harzportal.invoices.models import Invoice, Payment, Refund
from harzportal.invoices.refunds import RefundRequest
from tests.invoices.conftest import TODAY
from tests.invoices.helpers import (
    audit_events,
    invoices,
    issue_manual,
    line,
    load,
    member,
    payments_of,
    rows,
    run,
)

pytestmark = pytest.mark.service

ISSUED_ON = date(2027, 1, 15)
IBAN = "DE89 3704 0044 0532 0130 00"  # the common example account, check digits valid
TRANSFER = RefundRequest("transfer", 142800, "Harzer Chemiewerke GmbH", IBAN)


def paid_invoice(actor, organization, cents=142800):
    invoice = issue_manual(actor, organization)  # 1.428,00 €
    run(collection.record_payment, actor, invoice.id, ISSUED_ON, cents, "Überweisung")
    return load(Invoice, invoice.id)


def refund_rows() -> list[Refund]:
    return rows(Refund)


def test_a_fully_paid_invoice_is_cancelled_with_a_refund_by_transfer(factories, staff,
                                                                     staff_actor):
    invoice = paid_invoice(staff_actor, member(factories))
    assert invoice.status == "paid"

    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)

    assert load(Invoice, invoice.id).status == "cancelled"
    assert load(Invoice, invoice.id).paid_cents == 142800  # what was paid stays on record
    [refund] = refund_rows()
    assert (refund.invoice_id, refund.credit_note_id, refund.amount_cents, refund.method) == (
        invoice.id, credit_note.id, 142800, "transfer")
    assert (refund.account_holder, refund.iban) == ("Harzer Chemiewerke GmbH",
                                                   "DE89370400440532013000")
    assert refund.due_date == ISSUED_ON + timedelta(days=14)  # HARZPORTAL_REFUND_DAYS
    assert (refund.status, refund.made_on) == ("pending", None)
    [promised] = audit_events("invoice.refund_promised")
    assert promised.after == {"credit_note": credit_note.number, "amount_cents": 142800,
                              "method": "transfer", "account": "DE…3000",
                              "due_date": "2027-01-29"}
    assert IBAN.replace(" ", "") not in str(promised.after)  # the audit log masks the account


def test_the_refund_deadline_follows_the_setting(factories, staff_actor, monkeypatch):
    monkeypatch.setenv("HARZPORTAL_REFUND_DAYS", "30")
    settings.reload()
    invoice = paid_invoice(staff_actor, member(factories))

    run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)

    assert refund_rows()[0].due_date == ISSUED_ON + timedelta(days=30)


def test_a_partly_paid_invoice_refunds_only_what_was_paid(factories, staff_actor):
    invoice = paid_invoice(staff_actor, member(factories), cents=50000)
    assert invoice.status == "issued"

    with pytest.raises(ValidationFailed) as raised:
        run(issuing.cancel_invoice, staff_actor, invoice.id,
            RefundRequest("transfer", 50001, "Harzer Chemiewerke GmbH", IBAN))
    assert raised.value.message_key == "refund.amount_invalid"
    assert translate(raised.value.message_key, "de", **raised.value.values) == (
        "Erstattet werden kann höchstens der gezahlte Betrag (500,00\xa0€).")
    assert load(Invoice, invoice.id).status == "issued" and refund_rows() == []
    assert [row.kind for row in invoices()] == ["invoice"]

    run(issuing.cancel_invoice, staff_actor, invoice.id,
        RefundRequest("transfer", 50000, "Harzer Chemiewerke GmbH", IBAN))
    assert [refund.amount_cents for refund in refund_rows()] == [50000]
    # nothing is open any more: the organization owes nothing on a cancelled invoice
    organization_id = invoice.organization_id
    outstanding = run(service.list_member_invoices, staff_actor, organization_id)
    assert outstanding.outstanding_cents == 0


@pytest.mark.parametrize(("request_", "key"), [
    (None, "refund.method_required"),
    (RefundRequest("cash", 142800), "refund.method_required"),
    (RefundRequest("transfer", 142800, "Harzer", "DE89 3704 0044 0532 0130 01"),
     "refund.iban_invalid"),
    (RefundRequest("transfer", 142800, "Harzer", "keine IBAN"), "refund.iban_invalid"),
    (RefundRequest("transfer", 142800, "", IBAN), "refund.holder_required"),
    (RefundRequest("transfer", 142801, "Harzer", IBAN), "refund.amount_invalid"),
    (RefundRequest("transfer", 0, "Harzer", IBAN), "refund.amount_invalid"),
    (RefundRequest("set_off", -5), "refund.amount_invalid"),
    (RefundRequest("set_off", "142800"), "refund.amount_invalid"),
], ids=["none", "unknown-method", "iban-check-digits", "not-an-iban", "no-holder", "too-much",
        "zero", "negative", "not-a-number"])
def test_bad_refund_input_is_refused_with_a_message_and_changes_nothing(factories, staff_actor,
                                                                         request_, key):
    invoice = paid_invoice(staff_actor, member(factories))
    events = len(audit_events())

    with pytest.raises(ValidationFailed) as raised:
        run(issuing.cancel_invoice, staff_actor, invoice.id, request_)

    assert raised.value.message_key == key
    for language in ("de", "en"):
        assert translate(key, language, **raised.value.values) != key
    assert load(Invoice, invoice.id).status == "paid"
    assert [row.kind for row in invoices()] == ["invoice"] and refund_rows() == []
    assert len(audit_events()) == events


def test_a_paid_invoice_is_cancelled_only_once(factories, staff_actor):
    invoice = paid_invoice(staff_actor, member(factories))
    run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)

    with pytest.raises(Conflict) as raised:
        run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)

    assert raised.value.message_key == "invoice.cannot_cancel"
    assert [row.kind for row in invoices()] == ["invoice", "credit_note"]
    assert len(refund_rows()) == 1


def test_an_unpaid_invoice_needs_no_refund(factories, staff_actor):
    invoice = issue_manual(staff_actor, member(factories))

    run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)

    assert refund_rows() == []


def test_marking_a_transfer_made_is_audited_and_happens_once(factories, staff, staff_actor):
    invoice = paid_invoice(staff_actor, member(factories))
    run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)
    [refund] = refund_rows()
    later = TODAY + timedelta(days=3)

    with clock.fixed_at(later):
        for wrong in (ISSUED_ON - timedelta(days=1), later.date() + timedelta(days=1), None,
                      "2027-01-18"):
            with pytest.raises(ValidationFailed) as raised:
                run(refunds.mark_refund_made, staff_actor, refund.id, wrong, "SEPA")
            assert raised.value.message_key == "refund.date_invalid"
        run(refunds.mark_refund_made, staff_actor, refund.id, date(2027, 1, 18), "SEPA 4711")
        with pytest.raises(Conflict) as raised:
            run(refunds.mark_refund_made, staff_actor, refund.id, date(2027, 1, 18), "again")
    assert raised.value.message_key == "refund.not_pending"

    refund = load(Refund, refund.id)
    assert (refund.status, refund.made_on, refund.reference, refund.made_by_user_id) == (
        "made", date(2027, 1, 18), "SEPA 4711", staff.id)
    [made] = audit_events("invoice.refund_made")
    assert (made.object_id, made.actor_user_id) == (str(invoice.id), staff.id)
    assert made.after["made_on"] == "2027-01-18" and made.after["amount_cents"] == 142800
    assert load(Invoice, invoice.id).status == "cancelled"


def test_a_set_off_is_booked_as_a_payment_on_the_next_invoice(factories, staff_actor):
    organization = member(factories)
    invoice = paid_invoice(staff_actor, organization, cents=50000)
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id,
                      RefundRequest("set_off", 50000))
    [refund] = refund_rows()
    assert (refund.method, refund.iban, refund.due_date) == ("set_off", "", None)

    with pytest.raises(Conflict) as raised:  # no next invoice yet
        run(refunds.mark_refund_made, staff_actor, refund.id, ISSUED_ON)
    assert raised.value.message_key == "refund.no_next_invoice"
    small = issue_manual(staff_actor, organization, [line("Tagungsband", 1000, 10000, 700)])
    with pytest.raises(Conflict) as raised:  # 107,00 € cannot take 500,00 €
        run(refunds.mark_refund_made, staff_actor, refund.id, ISSUED_ON)
    assert raised.value.message_key == "refund.next_invoice_too_small"
    assert raised.value.values["number"] == small.number
    run(issuing.cancel_invoice, staff_actor, small.id)
    other = member(factories)
    issue_manual(staff_actor, other)  # another organization's invoice is never used
    following = issue_manual(staff_actor, organization)  # 1.428,00 €
    assert load(Refund, refund.id).status == "pending"

    run(refunds.mark_refund_made, staff_actor, refund.id, ISSUED_ON, "")

    following = load(Invoice, following.id)
    assert (following.paid_cents, following.status) == (50000, "issued")
    assert [(p.amount_cents, p.reference) for p in payments_of(following.id)] == [
        (50000, f"Verrechnung Rechnungskorrektur {credit_note.number}")]
    refund = load(Refund, refund.id)
    assert (refund.status, refund.settled_invoice_id) == ("made", following.id)
    assert run(service.list_member_invoices, staff_actor,
               organization.id).outstanding_cents == 142800 - 50000
    detail = run(service.get_invoice, staff_actor, invoice.id)
    assert detail.settled_number == following.number


def test_only_staff_cancel_with_a_refund_or_mark_it_made(factories, staff_actor):
    organization = member(factories)
    invoice = paid_invoice(staff_actor, organization)
    manager = factories.actor(factories.user(organization, role=Role.ORG_MANAGER))
    stranger = factories.actor(factories.user(member(factories), role=Role.ORG_MANAGER))

    for actor in (manager, stranger):
        with pytest.raises(PermissionDenied):
            run(issuing.cancel_invoice, actor, invoice.id, TRANSFER)
    assert refund_rows() == [] and load(Invoice, invoice.id).status == "paid"

    run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)
    [refund] = refund_rows()
    for actor in (manager, stranger):
        with pytest.raises(PermissionDenied):
            run(refunds.mark_refund_made, actor, refund.id, ISSUED_ON)
    assert load(Refund, refund.id).status == "pending"


def test_the_refund_is_shown_to_the_member_and_hidden_from_another_organization(
        factories, staff_actor):
    organization = member(factories)
    invoice = paid_invoice(staff_actor, organization)
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)
    manager = factories.actor(factories.user(organization, role=Role.ORG_MANAGER))
    stranger = factories.actor(factories.user(member(factories), role=Role.ORG_MANAGER))

    for shown in (invoice.id, credit_note.id):
        assert run(service.get_invoice, manager, shown).refund.amount_cents == 142800
        with pytest.raises(NotFound):
            run(service.get_invoice, stranger, shown)
        with pytest.raises(NotFound):
            run(service.invoice_pdf, stranger, shown)


def test_no_payment_can_be_booked_on_the_cancelled_invoice(factories, staff_actor):
    invoice = paid_invoice(staff_actor, member(factories), cents=50000)
    run(issuing.cancel_invoice, staff_actor, invoice.id, RefundRequest("set_off", 50000))

    with pytest.raises(Conflict):
        run(collection.record_payment, staff_actor, invoice.id, ISSUED_ON, 1000, "spät")
    assert rows(Payment, Payment.invoice_id == invoice.id)[0].amount_cents == 50000


def test_the_organizations_data_export_holds_its_refunds(factories, staff_actor):
    import io
    import json
    import zipfile

    from harzportal.gdpr import service as gdpr
    organization = member(factories)
    invoice = paid_invoice(staff_actor, organization)
    run(issuing.cancel_invoice, staff_actor, invoice.id, TRANSFER)
    manager = factories.actor(factories.user(organization, role=Role.ORG_MANAGER))

    archive = zipfile.ZipFile(io.BytesIO(run(gdpr.organization_export, manager,
                                             organization.id)))
    data = json.loads(archive.read("organization.json"))
    assert [(r["amount_cents"], r["iban"]) for r in data["refunds"]] == [
        (142800, "DE89370400440532013000")]
