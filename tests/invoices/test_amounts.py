"""Invoice arithmetic: every line rounded half up on its own, VAT once per rate on the rate's base;
amounts, quantities and dates as people type them."""

from __future__ import annotations

from datetime import date

import pytest

from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import parse_form
from harzportal.invoices.amounts import (
    MAX_CENTS,
    LineInput,
    VatGroup,
    compute_totals,
    parse_euro_amount,
)
from harzportal.invoices.forms import ManualInvoiceForm, PaymentForm

pytestmark = pytest.mark.service


def line(quantity_milli=1000, unit_price_cents=100, vat_rate_bp=1900, **fields) -> LineInput:
    return LineInput(description=fields.pop("description", "Position"),
                     quantity_milli=quantity_milli, unit_price_cents=unit_price_cents,
                     vat_rate_bp=vat_rate_bp, **fields)


def refused(lines) -> str:
    with pytest.raises(ValidationFailed) as raised:
        compute_totals(lines)
    return raised.value.message_key


# Lines

def test_each_line_is_rounded_half_up_on_its_own():
    totals = compute_totals([
        line(quantity_milli=333, unit_price_cents=300),   # 0,333 x 3,00 € = 0,999 € -> 1,00 €
        line(quantity_milli=2500, unit_price_cents=1),    # 2,5 ct -> 3 ct (half up, not to even)
        line(quantity_milli=1500, unit_price_cents=1),    # 1,5 ct -> 2 ct
        line(quantity_milli=1500, unit_price_cents=1),    # 1,5 ct -> 2 ct (rounding the sum
                                                          # 3,0 ct would give 3 ct, not 4)
        line(quantity_milli=1400, unit_price_cents=1),    # 1,4 ct -> 1 ct
    ])

    assert totals.line_net_cents == (100, 3, 2, 2, 1)
    assert totals.net_cents == 108


def test_vat_is_computed_once_per_rate_on_that_rate_s_base():
    totals = compute_totals([
        line(quantity_milli=1000, unit_price_cents=3),  # 19 %: 0,57 ct each line
        line(quantity_milli=1000, unit_price_cents=3),
        line(quantity_milli=1000, unit_price_cents=3),
    ])

    # Per line 0,57 ct would round to 1 ct three times (3 ct); on the base of 9 ct it is 1,71 -> 2.
    assert [(g.rate_bp, g.base_cents, g.vat_cents) for g in totals.groups] == [(1900, 9, 2)]
    assert (totals.net_cents, totals.vat_cents, totals.gross_cents) == (9, 2, 11)


def test_mixed_rates_get_one_group_each_and_the_totals_add_up():
    note = "Steuerfrei nach § 4 Nr. 22a UStG"
    totals = compute_totals([
        line(quantity_milli=2000, unit_price_cents=1234, vat_rate_bp=1900),  # 24,68 €
        line(quantity_milli=1000, unit_price_cents=3, vat_rate_bp=1900),     # 0,03 €
        line(quantity_milli=1000, unit_price_cents=150, vat_rate_bp=700),    # 1,50 €
        line(quantity_milli=1000, unit_price_cents=60000, vat_rate_bp=0,     # 600,00 € exempt
             vat_exempt=True, exemption_note=note),
    ])

    # 19 %: base 24,71 € -> 4,6949 € -> 4,69 €. 7 %: base 1,50 € -> 0,105 € -> 0,11 € (half up).
    assert totals.groups == (
        VatGroup(rate_bp=1900, exempt=False, base_cents=2471, vat_cents=469, exemption_note=""),
        VatGroup(rate_bp=700, exempt=False, base_cents=150, vat_cents=11, exemption_note=""),
        VatGroup(rate_bp=0, exempt=True, base_cents=60000, vat_cents=0, exemption_note=note,
                 category="E"),
    )
    assert totals.net_cents == 2471 + 150 + 60000 == sum(totals.line_net_cents)
    assert totals.vat_cents == 469 + 11
    assert totals.gross_cents == totals.net_cents + totals.vat_cents == 63101


def test_a_half_cent_of_vat_is_rounded_up():
    totals = compute_totals([line(unit_price_cents=150, vat_rate_bp=700),    # 10,5 ct VAT
                             line(unit_price_cents=250, vat_rate_bp=1900)])  # 47,5 ct VAT

    assert [(g.rate_bp, g.vat_cents) for g in totals.groups] == [(1900, 48), (700, 11)]


# Refused lines

def test_an_exempt_line_with_a_vat_rate_is_refused():
    assert refused([line(vat_rate_bp=1900, vat_exempt=True, exemption_note="frei")]) == (
        "invoice.vat_rate_invalid")


@pytest.mark.parametrize("rate", [1600, 500, -1900, 19])
def test_a_rate_other_than_19_7_or_0_percent_is_refused(rate):
    assert refused([line(vat_rate_bp=rate)]) == "invoice.vat_rate_invalid"


def test_an_invoice_without_lines_is_refused():
    assert refused([]) == "invoice.no_lines"


@pytest.mark.parametrize(("fields", "key"), [
    ({"description": "   "}, "invoice.line_description_invalid"),
    ({"description": "x" * 301}, "invoice.line_description_invalid"),
    ({"quantity_milli": 0}, "invoice.quantity_invalid"),
    ({"quantity_milli": -1000}, "invoice.quantity_invalid"),
    ({"unit_price_cents": -1}, "invoice.amount_invalid"),
    ({"unit_price_cents": MAX_CENTS + 1}, "invoice.amount_invalid"),
])
def test_invalid_lines_are_refused(fields, key):
    assert refused([line(**fields)]) == key


def test_a_total_above_the_maximum_is_refused():
    # Each line is allowed, but together with VAT they exceed 100 million euros.
    assert refused([line(unit_price_cents=MAX_CENTS), line(unit_price_cents=1)]) == (
        "invoice.amount_invalid")


# Amounts, quantities and dates from forms

def _german(cents: int) -> str:
    """An amount written the German way: 10.000.000,00."""
    return f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


@pytest.mark.parametrize(("raw", "cents"), [
    ("1.234,56", 123456),
    ("1234,5", 123450),
    ("12", 1200),
    ("1234.56", 123456),
    ("0,01", 1),
    (" 1.200,00 € ", 120000),
    ("1.000.000", 100000000),
    (_german(MAX_CENTS), MAX_CENTS),
])
def test_euro_amounts_as_people_type_them(raw, cents):
    assert parse_euro_amount(raw) == cents


@pytest.mark.parametrize("raw", [
    "abc", "-5", "1,234.56", "1,999", "12,", ",5", "1.23.45",
    "", None, 12, _german(MAX_CENTS + 1), "999999999999",
])
def test_other_amounts_are_refused(raw):
    with pytest.raises(ValidationFailed) as raised:
        parse_euro_amount(raw, field="price")
    assert (raised.value.message_key, raised.value.field) == ("invoice.amount_invalid", "price")


MANUAL = {"organization_id": "1", "service_from": "2027-01-01", "service_to": "2027-01-31",
          "description_1": "Analytik", "price_1": "100", "vat_1": "1900"}


def quantity_milli(raw) -> int:
    [line_input] = parse_form(ManualInvoiceForm, MANUAL | {"quantity_1": raw}).line_inputs()
    return line_input.quantity_milli


@pytest.mark.parametrize(("raw", "milli"), [("1", 1000), ("1,5", 1500), ("2.25", 2250),
                                             ("0,01", 10), ("1.000", 1_000_000),
                                             ("", 1000), (None, 1000)])
def test_quantities_with_up_to_two_decimals(raw, milli):
    assert quantity_milli(raw) == milli


@pytest.mark.parametrize("raw", ["abc", "-1", "0,333", 12.5, ["1"]])
def test_other_quantities_are_refused(raw):
    with pytest.raises(ValidationFailed) as raised:
        quantity_milli(raw)
    assert (raised.value.message_key, raised.value.field) == ("invoice.quantity_invalid",
                                                              "quantity")


def paid_on(raw) -> date:
    return parse_form(PaymentForm, {"paid_on": raw, "amount": "10"}).paid_on


def test_a_day_from_a_date_input():
    assert paid_on(" 2027-03-01 ") == date(2027, 3, 1)


@pytest.mark.parametrize("raw", ["01.03.2027", "2027-02-30", "", None, 20270301])
def test_other_days_are_refused(raw):
    with pytest.raises(ValidationFailed) as raised:
        paid_on(raw)
    assert (raised.value.message_key, raised.value.field) == ("invoice.date_invalid", "paid_on")


def test_a_missing_day_is_refused_with_the_same_message():
    with pytest.raises(ValidationFailed) as raised:
        parse_form(PaymentForm, {"amount": "10"})
    assert (raised.value.message_key, raised.value.field) == ("invoice.date_invalid", "paid_on")


def test_the_payment_form_reads_amount_and_reference():
    form = parse_form(PaymentForm, {"paid_on": "2027-03-01", "amount": "1.428,00",
                                    "reference": " Überweisung\tJanuar "})
    assert (form.amount, form.reference) == (142800, "Überweisung Januar")


def test_the_manual_form_skips_blank_lines_and_keeps_the_exemption_note_for_exempt_lines():
    form = parse_form(ManualInvoiceForm, MANUAL | {
        "description_2": "  ", "price_2": "abc",  # blank: not read at all
        "description_3": "Beitrag", "price_3": "50", "vat_3": "exempt",
        "description_4": "Sonstiges", "price_4": "1", "vat_4": "1600",
        "exemption_note": " nicht steuerbar "})
    assert form.organization_id == 1
    assert [(line.description, line.vat_rate_bp, line.vat_exempt, line.exemption_note)
            for line in form.line_inputs()] == [
        ("Analytik", 1900, False, ""), ("Beitrag", 0, True, "nicht steuerbar"),
        ("Sonstiges", -1, False, "")]  # an unknown rate: refused by the line check
