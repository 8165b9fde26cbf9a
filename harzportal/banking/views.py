"""The frozen views of the bank statement page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlannedRowView:
    day: str
    counterparty: str
    amount: str
    outcome: str  # EntryOutcome value (badge colour)
    outcome_label: str
    invoice_number: str
    note: str  # the difference, the return reason or why nothing matched
    remittance: str
    already: bool


@dataclass(frozen=True)
class PreviewView:
    summary: str
    counts: str
    to_book: int


EMPTY_PREVIEW = PreviewView(summary="", counts="", to_book=0)


@dataclass(frozen=True)
class EntryRowView:
    id: int
    day: str
    counterparty: str
    amount: str
    outcome: str
    outcome_label: str
    invoice_number: str
    invoice_href: str
    note: str
    remittance: str
    assignable: bool
