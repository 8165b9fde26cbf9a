"""Bank statement results as views, in the reader's language."""

from __future__ import annotations

from harzportal.banking import statements
from harzportal.banking.labels import OUTCOMES
from harzportal.banking.models import EntryOutcome
from harzportal.banking.views import EntryRowView, PlannedRowView, PreviewView
from harzportal.core.choices import Choice
from harzportal.core.formatting import day, money
from harzportal.core.i18n import N_, label, translate, translate_plural

UNMATCHED_REASONS = {
    statements.NO_NUMBER: N_("bank_entry.reason.none"),
    statements.SEVERAL: N_("bank_entry.reason.several"),
    statements.NOT_OPEN: N_("bank_entry.reason.not_open"),
    statements.UNKNOWN: N_("bank_entry.reason.unknown"),
    statements.DATE: N_("bank_entry.reason.date"),
    statements.CURRENCY: N_("bank_entry.reason.currency"),
}


def _note(outcome: str, difference: int, reason_code: str, unmatched: str, fee: int,
          language: str) -> str:
    if outcome == EntryOutcome.PARTIAL:
        return translate("bank_entry.note.partial", language, amount=money(difference, language))
    if outcome == EntryOutcome.OVER:
        return translate("bank_entry.note.over", language, amount=money(difference, language))
    if outcome in (EntryOutcome.RETURNED, EntryOutcome.RETURN_UNMATCHED):
        return translate("bank_entry.note.return", language,
                         reason=translate(statements.return_reason_key(reason_code), language,
                                          code=reason_code or "–"),
                         fee=money(fee, language))
    if outcome == EntryOutcome.UNMATCHED and unmatched in UNMATCHED_REASONS:
        return translate(UNMATCHED_REASONS[unmatched], language)
    return ""


def preview(plan: statements.ImportPlan, language: str) -> tuple[PreviewView,
                                                                  list[PlannedRowView]]:
    rows = []
    for entry in plan.entries:
        t = entry.transaction
        rows.append(PlannedRowView(
            day=day(t.booked_on, language), counterparty=t.counterparty,
            amount=money(-t.amount_cents if t.is_return else t.amount_cents, language),
            outcome=entry.outcome.value, outcome_label=label(OUTCOMES, entry.outcome, language),
            invoice_number=entry.invoice_number,
            note=_note(entry.outcome, entry.difference_cents, t.return_reason,
                       entry.unmatched_reason, t.fee_cents, language),
            remittance=t.remittance, already=entry.already_imported))
    to_book = plan.to_book
    summary = translate("statement.preview_summary", language,
                        statements=", ".join(plan.statement_refs), type=plan.message_type)
    counts = [translate_plural("statement.count_to_book_one", "statement.count_to_book_other",
                               len(to_book), language)]
    already = len(plan.entries) - len(to_book)
    if already:
        counts.append(translate_plural("statement.count_already_one",
                                       "statement.count_already_other", already, language))
    if plan.duplicates:
        counts.append(translate_plural("statement.count_duplicates_one",
                                       "statement.count_duplicates_other", plan.duplicates,
                                       language))
    if plan.pending_entries or plan.other_debits:
        counts.append(translate_plural("statement.count_ignored_one",
                                       "statement.count_ignored_other",
                                       plan.pending_entries + plan.other_debits, language))
    return PreviewView(summary=summary, counts=" · ".join(counts), to_book=len(to_book)), rows


def entry_rows(found, language: str) -> list[EntryRowView]:
    rows = []
    for row in found.items:
        e = row.entry
        rows.append(EntryRowView(
            id=e.id, day=day(e.booked_on, language), counterparty=e.counterparty,
            amount=money(-e.amount_cents if e.is_return else e.amount_cents, language),
            outcome=e.outcome, outcome_label=label(OUTCOMES, EntryOutcome(e.outcome), language),
            invoice_number=row.invoice_number,
            invoice_href=f"/invoices/{e.invoice_id}" if e.invoice_id else "",
            note=_note(e.outcome, e.difference_cents, e.return_reason, "", e.fee_cents,
                       language),
            remittance=e.remittance,
            assignable=e.outcome == EntryOutcome.UNMATCHED.value))
    return rows


def invoice_choices(found: list[statements.OpenInvoice], language: str) -> list[Choice]:
    return [Choice(id=i.id, name=f"{i.number} · {i.recipient_name} · "
                                 f"{money(i.outstanding_cents, language)}") for i in found]
