"""The invoice forms, each parsed once into a typed model (`core.forms.parse_form`).

Amounts are read by `amounts.parse_euro_amount`, the one money parser ('1.234,56', '1234.56').
Every validator raises its own `ValidationFailed`, and runs for a missing field too (as for an
empty one), so the first wrong field in the form's order is the one reported.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, ValidationInfo, field_validator, model_validator

from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import FormModel, line_of_at_most, one_of
from harzportal.core.ids import parse_id
from harzportal.core.text import single_line
from harzportal.invoices.amounts import (
    ALLOWED_VAT_RATES_BP,
    LineInput,
    VatCategory,
    parse_euro_amount,
)
from harzportal.invoices.refunds import RefundRequest
from harzportal.organizations.models import OrganizationKind

MANUAL_LINES = 4  # line fields of the manual invoice form: description_1 … description_4
VAT_CHOICES = ("1900", "700", "exempt", "not_taxable")
# The choices without VAT and their EN 16931 category: steuerfrei (E) or nicht steuerbar (O).
UNTAXED_CHOICES = {"exempt": VatCategory.EXEMPT, "not_taxable": VatCategory.NOT_TAXABLE}
MAX_EMPLOYEES = 1_000_000
MAX_NOTE = 300
STAFF_FILTERS = ("all", "open", "overdue", "paid", "cancelled")  # of the staff's invoice list


def _day(raw: object, info: ValidationInfo) -> date:
    """A date input's value (YYYY-MM-DD)."""
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise ValidationFailed("invoice.date_invalid", field=info.field_name)


def _cents(raw: object, info: ValidationInfo) -> int:
    return parse_euro_amount(raw, info.field_name)


def _quantity(raw: object) -> int:
    """A quantity with up to two decimals ('1', '1,5', '2.25'; empty: 1) in thousandths."""
    try:
        return parse_euro_amount(raw or "1", field="quantity") * 10
    except ValidationFailed:
        raise ValidationFailed("invoice.quantity_invalid", field="quantity") from None


def _note(raw: object) -> str:
    return single_line(raw)[:MAX_NOTE]


Day = Annotated[date, BeforeValidator(_day)]
Cents = Annotated[int, BeforeValidator(_cents)]
Note = Annotated[str, BeforeValidator(_note)]


class _Form(FormModel):
    """A form whose fields default to "not sent" and are then read like an empty field: each
    field's validator reports its own message, so no `field_messages` are needed."""

    model_config = FormModel.model_config | {"validate_default": True}


class PaymentForm(_Form):
    """A payment booked on the invoice page."""

    paid_on: Day = None
    amount: Cents = None
    reference: Annotated[str, BeforeValidator(single_line)] = None


class InvoiceFilterForm(FormModel):
    """The staff's list: which invoices (anything unknown: all) and a search text."""

    state: Annotated[str, one_of(STAFF_FILTERS, "all")] = "all"
    search: Annotated[str, line_of_at_most(100)] = ""


class RunYearForm(FormModel):
    """The year of the annual run's preview, as typed (checked by the run itself)."""

    year: Annotated[str, line_of_at_most(4)] = ""


class ManualLine(FormModel):
    description: str
    quantity_milli: Annotated[int, BeforeValidator(_quantity)]
    unit_price_cents: Annotated[int, BeforeValidator(
        lambda raw: parse_euro_amount(raw, "price"))]
    vat: str  # one of VAT_CHOICES, anything else is refused by the line check

    def line_input(self, exemption_note: str) -> LineInput:
        exempt = self.vat in UNTAXED_CHOICES
        rate = 0 if exempt else int(self.vat) if self.vat in VAT_CHOICES else -1
        return LineInput(description=self.description, quantity_milli=self.quantity_milli,
                         unit_price_cents=self.unit_price_cents, vat_rate_bp=rate,
                         vat_exempt=exempt, exemption_note=exemption_note if exempt else "",
                         vat_category=UNTAXED_CHOICES.get(self.vat, ""))


class ManualInvoiceForm(_Form):
    """The staff's manual invoice: up to MANUAL_LINES lines (blank descriptions are skipped)."""

    lines: tuple[ManualLine, ...] = ()
    organization_id: Annotated[int | None, BeforeValidator(parse_id)] = None
    service_from: Day = None
    service_to: Day = None
    exemption_note: Note = None

    @model_validator(mode="before")
    @classmethod
    def _gather_lines(cls, data: dict) -> dict:
        lines = []
        for number in range(1, MANUAL_LINES + 1):
            description = single_line(data.get(f"description_{number}"))
            if description:
                vat = data.get(f"vat_{number}")
                lines.append({"description": description,
                              "quantity_milli": data.get(f"quantity_{number}"),
                              "unit_price_cents": data.get(f"price_{number}"),
                              "vat": vat if isinstance(vat, str) else ""})
        return data | {"lines": lines}

    def line_inputs(self) -> list[LineInput]:
        return [line.line_input(self.exemption_note) for line in self.lines]


def _employees(raw: object, info: ValidationInfo) -> int | None:
    text = single_line(raw).replace(".", "")
    if not text and info.field_name == "max_employees":
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_EMPLOYEES:
        raise ValidationFailed("fees.employees_invalid", field=info.field_name)
    return int(text)


def _kind(raw: object) -> str:
    if raw not in tuple(OrganizationKind):
        raise ValidationFailed("profile.kind_invalid", field="kind")
    return raw


def _vat_choice(raw: object) -> str:
    """One of VAT_CHOICES: a rate in basis points, "exempt" or "not_taxable"."""
    if isinstance(raw, str) and raw in UNTAXED_CHOICES:  # a list is no choice (hostile input)
        return raw
    if parse_id(raw) not in ALLOWED_VAT_RATES_BP:
        raise ValidationFailed("invoice.vat_rate_invalid", field="vat_rate")
    return str(parse_id(raw))


class FeeItemForm(_Form):
    """One band of the fee schedule."""

    kind: Annotated[OrganizationKind, BeforeValidator(_kind)] = None
    min_employees: Annotated[int, BeforeValidator(_employees)] = None
    max_employees: Annotated[int | None, BeforeValidator(_employees)] = None
    fee: Cents = None
    vat_rate: Annotated[str, BeforeValidator(_vat_choice)] = None
    exemption_note: Note = None

    @field_validator("max_employees")
    @classmethod
    def _not_below_the_minimum(cls, maximum: int | None, info: ValidationInfo) -> int | None:
        if maximum is not None and maximum < info.data.get("min_employees", 0):
            raise ValidationFailed("fees.band_invalid", field="max_employees")
        return maximum

    @field_validator("exemption_note")
    @classmethod
    def _exemption_explained(cls, note: str, info: ValidationInfo) -> str:
        if info.data.get("vat_rate") in UNTAXED_CHOICES and not note:
            raise ValidationFailed("fees.note_required", field="exemption_note")
        return note

    @property
    def vat_exempt(self) -> bool:
        return self.vat_rate in UNTAXED_CHOICES

    @property
    def vat_rate_bp(self) -> int:
        return 0 if self.vat_exempt else int(self.vat_rate)

    @property
    def vat_category(self) -> str:
        return UNTAXED_CHOICES.get(self.vat_rate, VatCategory.STANDARD)


class RefundForm(_Form):
    """Cancelling a paid invoice: how the amount paid comes back (refunds.checked validates
    the method, the amount against what was paid, the holder and the IBAN)."""

    method: Annotated[str, BeforeValidator(single_line)] = None
    refund_amount: Cents = None
    account_holder: Annotated[str, BeforeValidator(single_line)] = None
    iban: Annotated[str, BeforeValidator(single_line)] = None

    def request(self) -> RefundRequest:
        return RefundRequest(method=self.method, amount_cents=self.refund_amount,
                             account_holder=self.account_holder, iban=self.iban)


class RefundMadeForm(_Form):
    """Staff record a refund as made: the day and the bank's reference."""

    made_on: Day = None
    reference: Annotated[str, BeforeValidator(single_line)] = None
