"""`seed-scale` (demo/scale.py): invoices with gapless numbers, credit notes, payments and
reminders."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from harzportal.core import clock
from harzportal.demo.scale_rows import at_hour, insert_rows
from harzportal.invoices import fees
from harzportal.invoices.amounts import LineInput, compute_totals, stored_category
from harzportal.invoices.models import (
    FeeScheduleItem,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    NumberRange,
    Payment,
    Reminder,
)
from harzportal.invoices.wording import band_label
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings

SEMINAR_FEES = (("Seminargebühr", 19900), ("Workshopgebühr", 34900),
                ("Sonderumlage Arbeitskreis HSE", 25000), ("Teilnahme Exkursion", 8900))


@dataclass
class _Draft:
    organization: int  # index
    issue_date: date
    lines: list[LineInput]
    fee_year: int | None = None
    cancelled: bool = False


def invoice_drafts(rng: random.Random, organizations: list[dict], count: int,
                    schedule: list[FeeScheduleItem]) -> list[_Draft]:
    today = clock.today()
    annual = []
    for index, organization in enumerate(organizations):
        item = fees.band_for(schedule, Organization(**organization))
        if item is None or item.fee_cents == 0:
            continue
        for year in range(max(organization["member_since"].year, today.year - 9), today.year + 1):
            if date(year, 1, 15) <= today:
                annual.append(_Draft(index, date(year, 1, 15), [LineInput(
                    f"Mitgliedsbeitrag {year} ({band_label(item, 'de')})", 1000,
                    item.fee_cents, item.vat_rate_bp, item.vat_exempt, item.exemption_note,
                    stored_category(item.vat_exempt, item.vat_category))],
                    fee_year=year))
    rng.shuffle(annual)
    originals = count - count // 60  # about 1.6 % become credit notes
    drafts = annual[:originals]
    first_day = date(today.year - 9, 1, 1)
    span = (today - first_day).days
    for _ in range(originals - len(drafts)):
        label, cents = rng.choice(SEMINAR_FEES)
        quantity = rng.choice((1, 1, 1, 2, 3))
        drafts.append(_Draft(rng.randrange(len(organizations)),
                             first_day + timedelta(days=rng.randrange(span + 1)),
                             [LineInput(label, quantity * 1000, cents, 1900)]))
    old_enough = [d for d in drafts if d.issue_date < today - timedelta(days=40)]
    for draft in rng.sample(old_enough, min(count - originals, len(old_enough))):
        draft.cancelled = True
    drafts.sort(key=lambda d: (d.issue_date, d.organization))
    return drafts


def _numbers(drafts: list[_Draft], notes: dict[int, date], prefix: str
             ) -> tuple[dict[tuple[str, int], str], dict[int, int]]:
    """Gapless numbers per year in issue order, invoices and credit notes in one range."""
    events = sorted([(d.issue_date, 0, i) for i, d in enumerate(drafts)]
                    + [(day, 1, i) for i, day in notes.items()])
    counters: dict[int, int] = defaultdict(int)
    numbers = {}
    for day, is_note, index in events:
        counters[day.year] += 1
        kind = InvoiceKind.CREDIT_NOTE.value if is_note else InvoiceKind.INVOICE.value
        numbers[(kind, index)] = f"{prefix}-{day.year}-{counters[day.year]:04d}"
    return numbers, counters


def insert_invoices(session: Session, rng: random.Random, organization_ids: list[int],
              organizations: list[dict], drafts: list[_Draft], admin_id: int) -> tuple[int, int]:
    """Number, settle and insert every draft plus the credit notes, lines, payments, reminders."""
    today = clock.today()
    prefix, days = get_settings().invoice_prefix, get_settings().invoice_payment_days
    notes = {i: d.issue_date + timedelta(days=rng.randint(3, 30))
             for i, d in enumerate(drafts) if d.cancelled}
    numbers, counters = _numbers(drafts, notes, prefix)

    def row(index: int, issued: date, kind: str, cancels: int | None) -> dict:
        draft = drafts[index]
        totals = compute_totals(draft.lines)
        organization = organizations[draft.organization]
        return {
            "number": numbers[(kind, index)], "kind": kind,
            "organization_id": organization_ids[draft.organization],
            "status": InvoiceStatus.ISSUED.value, "recipient_name": organization["name"],
            "recipient_street": organization["street"],
            "recipient_postal_code": organization["postal_code"],
            "recipient_city": organization["city"], "recipient_country": "DE",
            "issue_date": issued, "service_from": date(issued.year, 1, 1),
            "service_to": date(issued.year, 12, 31), "due_date": issued + timedelta(days=days),
            "currency": "EUR", "net_cents": totals.net_cents, "vat_cents": totals.vat_cents,
            "gross_cents": totals.gross_cents, "paid_cents": 0,
            "fee_year": draft.fee_year if kind == InvoiceKind.INVOICE.value else None,
            "cancels_invoice_id": cancels, "reminder_level": 0, "pdf_file": "",
            "pdf_sha256": "", "created_by_user_id": admin_id, "created_at": at_hour(issued, 9)}

    def line_rows(index: int) -> list[dict]:
        lines = drafts[index].lines
        totals = compute_totals(lines)
        return [{"position": position, "description": line.description,
                 "quantity_milli": line.quantity_milli, "unit": "C62",
                 "unit_price_cents": line.unit_price_cents, "vat_rate_bp": line.vat_rate_bp,
                 "vat_exempt": line.vat_exempt, "exemption_note": line.exemption_note,
                 "vat_category": line.category, "net_cents": net}
                for position, (line, net) in enumerate(zip(lines, totals.line_net_cents,
                                                           strict=True), start=1)]

    originals, payments, reminders = [], [], []
    for index, draft in enumerate(drafts):
        invoice = row(index, draft.issue_date, InvoiceKind.INVOICE.value, None)
        originals.append(invoice)
        if draft.cancelled:
            invoice["status"] = InvoiceStatus.CANCELLED.value
            continue
        overdue_for = (today - invoice["due_date"]).days
        if rng.random() < (0.97 if overdue_for > 60 else 0.5):
            invoice["paid_cents"], invoice["status"] = invoice["gross_cents"], "paid"
            paid_on = min(draft.issue_date + timedelta(days=rng.randint(3, 45)), today)
            payments.append((index, {"paid_on": paid_on, "amount_cents": invoice["gross_cents"],
                                     "reference": f"Überweisung {invoice['number']}",
                                     "recorded_by_user_id": admin_id,
                                     "created_at": at_hour(paid_on, 10)}))
        elif overdue_for > 14:
            invoice["reminder_level"] = 1 if overdue_for < 45 else 2
            reminders.extend((index, {
                "level": level, "sent_by_user_id": admin_id,
                "sent_at": at_hour(invoice["due_date"], 8) + timedelta(days=14 * level),
                "recipients": organizations[draft.organization]["email"]})
                for level in range(1, invoice["reminder_level"] + 1))
    ids = insert_rows(session, Invoice, originals, returning=True)
    cancelled = sorted(notes)
    note_ids = insert_rows(session, Invoice, [
        row(index, notes[index], InvoiceKind.CREDIT_NOTE.value, ids[index])
        for index in cancelled], returning=True)
    insert_rows(session, InvoiceLine, [line | {"invoice_id": invoice_id}
                                   for index, invoice_id in [*enumerate(ids),
                                                             *zip(cancelled, note_ids)]
                                   for line in line_rows(index)])
    insert_rows(session, Payment, [values | {"invoice_id": ids[i]} for i, values in payments])
    insert_rows(session, Reminder, [values | {"invoice_id": ids[i]} for i, values in reminders])
    insert_rows(session, NumberRange, [{"prefix": prefix, "year": year, "last_number": last}
                                   for year, last in sorted(counters.items())])
    return len(ids) + len(note_ids), len(payments)
