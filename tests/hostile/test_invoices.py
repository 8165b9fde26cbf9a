"""Hostile input to invoice amounts, line items, the fee schedule, issuing and payments."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal.core import clock
from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from harzportal.invoices import collection, fees, issuing, refunds
from harzportal.invoices.admin_state import ManualInvoiceState
from harzportal.invoices.amounts import LineInput, compute_totals, parse_euro_amount
from harzportal.invoices.forms import FeeItemForm, ManualInvoiceForm, PaymentForm, RefundForm
from tests.handler_calls import call_handler, signed_in_state
from tests.hostile import counting
from tests.hostile.helpers import ACCEPTED, REFUSED, attempt, attempt_pure, snapshot
from tests.hostile.strategies import form, hostile, huge_ints, ids, json_values, texts

pytestmark = pytest.mark.service

TODAY = datetime(2027, 1, 15, 9, 0, tzinfo=UTC)
ADDRESS = {"street": "Industriestraße 5", "postal_code": "38640", "city": "Goslar"}
LINE = LineInput(description="Seminar Gefahrstoffe", quantity_milli=1000,
                 unit_price_cents=120_000, vat_rate_bp=1900)


@pytest.fixture(autouse=True)
def fixed_today():
    with clock.fixed_at(TODAY):
        yield


@pytest.fixture
def world(factories):
    organization = factories.organization(name="Harzer Chemiewerke GmbH", **ADDRESS)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    staff_actor = factories.actor(staff)
    status, invoice = attempt(issuing.issue_manual_invoice, staff_actor, organization.id, [LINE],
                              date(2027, 1, 1), date(2027, 1, 31), counted=False)
    assert status == ACCEPTED
    return {"organization": organization, "staff": staff, "staff_actor": staff_actor,
            "invoice": invoice}


@given(st.one_of(texts, json_values))
def test_amount_quantity_and_day_parsers(raw):
    attempt_pure(parse_euro_amount, raw)
    attempt_pure(parse_form, PaymentForm, {"paid_on": raw, "amount": raw, "reference": raw})
    attempt_pure(parse_form, ManualInvoiceForm, {"description_1": "Analytik", "quantity_1": raw,
                                                 "price_1": raw, "vat_1": raw,
                                                 "service_from": raw, "service_to": raw,
                                                 "organization_id": raw, "exemption_note": raw})
    attempt_pure(parse_form, FeeItemForm, {"kind": raw, "min_employees": raw,
                                           "max_employees": raw, "fee": raw, "vat_rate": raw,
                                           "exemption_note": raw})


lines = st.builds(LineInput, description=hostile("Beitrag"), quantity_milli=huge_ints,
                  unit_price_cents=huge_ints,
                  vat_rate_bp=st.one_of(st.sampled_from([0, 700, 1900]), huge_ints),
                  vat_exempt=st.booleans(), exemption_note=hostile("steuerfrei"))


@given(st.lists(lines, max_size=5))
def test_compute_totals(line_inputs):
    # Descriptions that are no text never get here (the form handler makes them single lines).
    line_inputs = [line for line in line_inputs if isinstance(line.description, str)
                   and isinstance(line.exemption_note, str)]
    attempt_pure(compute_totals, line_inputs)


MANUAL = {"organization_id": "ORG", "service_from": "2027-01-01", "service_to": "2027-01-31",
          "description_1": "Sonderleistung Analytik", "quantity_1": "1,5", "price_1": "1.200,00",
          "vat_1": "1900", "description_2": "Beitrag", "quantity_2": "1", "price_2": "100",
          "vat_2": "exempt", "exemption_note": "nicht steuerbar"}


@given(form(MANUAL, max_changed=4))
def test_manual_invoice_form(world, monkeypatch, values):
    """The staff's manual invoice form, through its real handler (the form is parsed there)."""
    values = {key: world["organization"].id if value == "ORG" else value
              for key, value in values.items()}
    state = signed_in_state(ManualInvoiceState, world["staff"], monkeypatch)
    before = snapshot(skip=("authsession",))
    result = asyncio.run(call_handler(state, "submit", values))
    if state.error:
        assert result is None
        assert snapshot(skip=("authsession",)) == before, "a refused invoice changed data"
        counting.tried("test_manual_invoice_form", REFUSED)
    else:
        assert result is not None  # the redirect to the new invoice
        counting.tried("test_manual_invoice_form", ACCEPTED)


@given(hostile(None), st.one_of(texts, json_values), hostile("100,00"), hostile("Überweisung"))
def test_record_payment(world, invoice_id, paid_on, amount, reference):
    """As the invoice page's handler does: parse the form, then book."""
    target = world["invoice"].id if invoice_id is None else invoice_id
    status, payment = attempt_pure(parse_form, PaymentForm, {
        "paid_on": paid_on if paid_on != "" else "2027-01-15", "amount": amount,
        "reference": reference})
    if status == ACCEPTED:
        attempt(collection.record_payment, world["staff_actor"], target, payment.paid_on,
                payment.amount, reference)


@given(huge_ints, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_record_payment_raw_values(world, amount_cents, paid_on):
    attempt(collection.record_payment, world["staff_actor"], world["invoice"].id, paid_on,
            amount_cents, "x")


@given(ids)
def test_reminder_and_cancel(world, invoice_id):
    attempt(collection.send_reminder, world["staff_actor"], invoice_id)
    attempt(issuing.cancel_invoice, world["staff_actor"], invoice_id)


REFUND = {"method": "transfer", "refund_amount": "1.428,00",
          "account_holder": "Harzer Chemiewerke GmbH", "iban": "DE89370400440532013000"}


@given(form(REFUND))
def test_cancel_a_paid_invoice_with_a_refund(world, values):
    """As the invoice page's handler does: parse the refund form, then cancel the paid invoice
    (once one example cancelled it, every later one is refused as cancelled already)."""
    invoice = world["invoice"]
    attempt(collection.record_payment, world["staff_actor"], invoice.id, date(2027, 1, 15),
            142800, "SEPA", counted=False)
    status, refund = attempt_pure(parse_form, RefundForm, values)
    if status == ACCEPTED:
        attempt(issuing.cancel_invoice, world["staff_actor"], invoice.id, refund.request())


@given(hostile(None), st.one_of(texts, json_values,
                                st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
       hostile("SEPA"))
def test_mark_refund_made(world, refund_id, made_on, reference):
    attempt(refunds.mark_refund_made, world["staff_actor"], refund_id, made_on, reference)


FEE = {"kind": "chemical", "min_employees": "0", "max_employees": "249", "fee": "1.500,00",
       "vat_rate": "exempt", "exemption_note": "Echter Mitgliedsbeitrag, nicht steuerbar"}


@given(form(FEE), hostile(None))
def test_fee_schedule(world, values, item_id):
    attempt(fees.save_fee_item, world["staff_actor"], item_id, values)
    attempt(fees.delete_fee_item, world["staff_actor"], item_id)


@given(hostile(2027))
def test_annual_run_year(world, year):
    attempt(issuing.preview_annual_run, world["staff_actor"], year)
