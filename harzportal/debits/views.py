"""The frozen views of the SEPA debit screens (the states hold these, formatted)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MandateView:
    id: int
    reference: str
    scheme: str  # CORE / B2B
    scheme_label: str
    account_holder: str
    iban: str  # masked: DE…1234
    bank: str  # "COBADEFFXXX (Commerzbank)" or ""
    granted: str  # "02.12.2026, Maria Manager"
    revoked: str  # "" while active
    pdf_href: str


EMPTY_MANDATE = MandateView(id=0, reference="", scheme="", scheme_label="", account_holder="",
                            iban="", bank="", granted="", revoked="", pdf_href="")


@dataclass(frozen=True)
class MandateTextView:
    """The mandate text of one scheme in the reader's language."""

    scheme: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DebitGroupView:
    scheme: str
    collection_date: str
    sequence_type: str
    count: str
    total: str


@dataclass(frozen=True)
class DueDebitView:
    invoice_number: str
    invoice_href: str
    debtor: str
    mandate_reference: str
    iban: str  # masked
    scheme: str
    sequence_type: str
    collection_date: str
    amount: str


@dataclass(frozen=True)
class DebitRunView:
    id: int
    created: str
    scheme: str
    item_count: str
    total: str
    status: str  # created / submitted: the badge's colour
    status_label: str
    submitted: str  # "" until submitted
    file_href: str
    submittable: bool
