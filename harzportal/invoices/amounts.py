"""Invoice arithmetic in integer cents, rounded half up as German invoices are.

Each line's net amount is rounded to the cent on its own (quantity x unit price). VAT is then
computed once per rate on the sum of that rate's line amounts (EN 16931 BT-117 = BT-116 x rate),
so a breakdown row's VAT always equals its rate applied to its base, as the e-invoice requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from harzportal.core.errors import ValidationFailed

MAX_CENTS = 1_000_000_000  # 10 million euros: beyond any fee, and within the INTEGER columns
MAX_QUANTITY_MILLI = 1_000_000_000
ALLOWED_VAT_RATES_BP = (700, 1900)  # standard rated lines; 0 % only as an exempt line


class VatCategory:
    """EN 16931 VAT category codes (UNTDID 5305) the portal issues, with the VATEX code of the
    ones without VAT: "S" standard rated, "E" exempt ("steuerfrei", a legal note required), "O"
    outside the scope of VAT ("nicht steuerbar", alone on an invoice, BR-O-11..14)."""

    STANDARD = "S"
    EXEMPT = "E"
    NOT_TAXABLE = "O"
    VATEX = {EXEMPT: "VATEX-EU-132", NOT_TAXABLE: "VATEX-EU-O"}


def round_cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class LineInput:
    description: str
    quantity_milli: int
    unit_price_cents: int
    vat_rate_bp: int
    vat_exempt: bool = False
    exemption_note: str = ""
    vat_category: str = ""  # "" follows vat_exempt: E when exempt, S otherwise

    @property
    def category(self) -> str:
        return self.vat_category or (VatCategory.EXEMPT if self.vat_exempt
                                     else VatCategory.STANDARD)


def stored_category(vat_exempt: bool, vat_category: str) -> str:
    """A stored row's category as a LineInput takes it: "" (follow vat_exempt) where the two
    disagree, as rows written before categories existed can (an exempt row left at "S")."""
    return vat_category if vat_exempt == (vat_category != VatCategory.STANDARD) else ""


@dataclass(frozen=True)
class VatGroup:
    rate_bp: int
    exempt: bool  # no VAT charged: category E or O
    base_cents: int
    vat_cents: int
    exemption_note: str
    category: str = VatCategory.STANDARD


@dataclass(frozen=True)
class Totals:
    line_net_cents: tuple[int, ...]
    groups: tuple[VatGroup, ...]
    net_cents: int
    vat_cents: int
    gross_cents: int


def line_net(quantity_milli: int, unit_price_cents: int) -> int:
    return round_cents(Decimal(quantity_milli) * Decimal(unit_price_cents) / Decimal(1000))


def check_line(line: LineInput) -> None:
    if not line.description.strip() or len(line.description) > 300:
        raise ValidationFailed("invoice.line_description_invalid", field="description")
    if not 0 < line.quantity_milli <= MAX_QUANTITY_MILLI:
        raise ValidationFailed("invoice.quantity_invalid", field="quantity")
    if not 0 <= line.unit_price_cents <= MAX_CENTS:
        raise ValidationFailed("invoice.amount_invalid", field="unit_price")
    if line.category not in (VatCategory.STANDARD, VatCategory.EXEMPT, VatCategory.NOT_TAXABLE) \
            or line.vat_exempt != (line.category != VatCategory.STANDARD):
        raise ValidationFailed("invoice.vat_rate_invalid", field="vat_rate")
    if line.vat_exempt:
        if line.vat_rate_bp != 0:
            raise ValidationFailed("invoice.vat_rate_invalid", field="vat_rate")
        if not line.exemption_note.strip():
            raise ValidationFailed("invoice.exemption_note_required", field="exemption_note")
    elif line.vat_rate_bp not in ALLOWED_VAT_RATES_BP:
        raise ValidationFailed("invoice.vat_rate_invalid", field="vat_rate")


def compute_totals(lines: list[LineInput]) -> Totals:
    if not lines:
        raise ValidationFailed("invoice.no_lines")
    for line in lines:
        check_line(line)
    categories = {line.category for line in lines}
    if VatCategory.NOT_TAXABLE in categories and len(categories) > 1:
        raise ValidationFailed("invoice.not_taxable_alone", field="vat_rate")
    nets = tuple(line_net(line.quantity_milli, line.unit_price_cents) for line in lines)
    bases: dict[tuple[int, str], int] = {}
    notes: dict[tuple[int, str], str] = {}
    for line, net in zip(lines, nets, strict=True):
        key = (line.vat_rate_bp, line.category)
        bases[key] = bases.get(key, 0) + net
        notes.setdefault(key, line.exemption_note)
    order = {VatCategory.STANDARD: 0, VatCategory.EXEMPT: 1, VatCategory.NOT_TAXABLE: 2}
    groups = tuple(
        VatGroup(rate_bp=rate, exempt=category != VatCategory.STANDARD, base_cents=base,
                 vat_cents=0 if category != VatCategory.STANDARD
                 else round_cents(Decimal(base) * rate / Decimal(10000)),
                 exemption_note=notes[(rate, category)], category=category)
        for (rate, category), base in sorted(bases.items(),
                                             key=lambda item: (-item[0][0], order[item[0][1]])))
    net = sum(nets)
    vat = sum(group.vat_cents for group in groups)
    if net + vat > MAX_CENTS:
        raise ValidationFailed("invoice.amount_invalid")
    return Totals(line_net_cents=nets, groups=groups, net_cents=net, vat_cents=vat,
                  gross_cents=net + vat)


_GERMAN_AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?")
_PLAIN_AMOUNT = re.compile(r"(\d+)\.(\d{1,2})")


def parse_euro_amount(raw: object, field: str = "amount") -> int:
    """A euro amount as people type it -> cents: '1.234,56', '1234,5', '12', '1234.56'."""
    text = raw.strip().replace(" ", "").replace("€", "") if isinstance(raw, str) else ""
    match = _GERMAN_AMOUNT.fullmatch(text) or _PLAIN_AMOUNT.fullmatch(text)
    if match is None or len(text) > 20:
        raise ValidationFailed("invoice.amount_invalid", field=field)
    euros = int(match.group(1).replace(".", ""))
    cents = int((match.group(2) or "0").ljust(2, "0"))
    total = euros * 100 + cents
    if total > MAX_CENTS:
        raise ValidationFailed("invoice.amount_invalid", field=field)
    return total
