"""What the invoice screens show: frozen, typed views, every text already in the reader's
language (built by `invoices/presenter.py`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InvoiceRowView:
    """One invoice in a list (the member's and the staff's)."""

    id: int
    href: str  # the invoice's page
    number: str
    organization: str  # only the staff's list fills it
    issued: str
    due: str
    amount: str
    outstanding: str  # "—" once nothing can be paid any more
    state: str  # open / overdue / paid / cancelled / credit_note: the badge's colour
    state_label: str
    debit_note: str = ""  # "Lastschrift am …" / "Lastschrift eingereicht am …"; "" by transfer


@dataclass(frozen=True)
class InvoiceView:
    """The head of one invoice's page."""

    id: int
    number: str
    kind: str
    state: str
    state_label: str
    recipient: str
    issued: str
    period: str
    due: str
    net: str
    vat: str
    amount: str
    paid: str
    outstanding: str
    related_number: str  # the credit note of an invoice or the invoice a credit note corrects
    related_href: str  # "" without one
    pdf_href: str  # "" while the document is not ready (document_note says why)
    document_note: str  # "" when the PDF exists; "wird erstellt" or that it failed
    payable: bool  # open or overdue: payments and reminders can be recorded
    overdue: bool
    leitweg_id: str = ""  # a public-sector buyer's (BT-10), "" for everyone else
    xrechnung_href: str = ""  # its XRechnung XML, "" without one
    cancellable: bool = False  # an open or paid invoice: staff may cancel it
    needs_refund: bool = False  # something was paid: cancelling asks how it is refunded
    paid_input: str = ""  # what was paid, as the refund form's amount starts (German: 500,00)
    debit_note: str = ""  # how the SEPA debit stands, "" for an invoice paid by transfer


EMPTY_INVOICE = InvoiceView(id=0, number="", kind="", state="", state_label="", recipient="",
                            issued="", period="", due="", net="", vat="", amount="", paid="",
                            outstanding="", related_number="", related_href="", pdf_href="", document_note="",
                            payable=False, overdue=False)


@dataclass(frozen=True)
class InvoiceLineView:
    position: int
    description: str
    quantity: str
    unit_price: str
    vat: str  # the rate, or "steuerfrei"
    net: str


@dataclass(frozen=True)
class PaymentView:
    paid_on: str
    amount: str
    reference: str


@dataclass(frozen=True)
class ReminderView:
    level: int
    title: str  # the level's name when it was sent ("1. Mahnung")
    sent: str
    recipients: str
    open_amount: str
    new_due: str
    pdf_href: str  # "" for a reminder sent before reminders had their own PDF, or not ready
    document_note: str  # "" when the PDF exists (or never will); "wird erstellt" or failed


@dataclass(frozen=True)
class RefundView:
    """How a cancelled paid invoice's payment comes back (on the invoice and its credit note)."""

    id: int  # 0: no refund
    text: str  # "Den bereits gezahlten Betrag von 500,00 € überweisen wir bis zum … "
    state: str  # pending / made: the badge's colour
    state_label: str
    made_note: str  # "Überwiesen am …", "" while pending
    reference: str
    pending: bool


NO_REFUND = RefundView(id=0, text="", state="", state_label="", made_note="", reference="",
                       pending=False)


@dataclass(frozen=True)
class InvoiceDetailView:
    invoice: InvoiceView
    lines: tuple[InvoiceLineView, ...]
    payments: tuple[PaymentView, ...]
    reminders: tuple[ReminderView, ...]
    refund: RefundView = NO_REFUND


@dataclass(frozen=True)
class RunRowView:
    """One active member in the preview of the annual invoice run."""

    organization: str
    kind: str
    band: str
    amount: str
    state: str  # invoiced / no_fee / to_issue: the badge's colour
    state_label: str
    by_debit: bool = False  # the organization has an active SEPA mandate: collected by debit
    payment: str = ""  # "Lastschrift (CORE)" / "Überweisung"


@dataclass(frozen=True)
class RunPreviewView:
    rows: tuple[RunRowView, ...]
    to_issue: int
    already: int
    total: str




@dataclass(frozen=True)
class FeeRowView:
    """One band of the fee schedule, as the table shows it and as its editor starts."""

    id: int  # 0: a new band
    kind: str
    band: str
    fee: str
    vat: str
    exemption_note: str
    # The editor's starting values (form input, not display text)
    kind_value: str
    min_employees: str
    max_employees: str
    fee_input: str
    vat_rate: str  # "1900", "700" or "exempt"


NEW_FEE = FeeRowView(id=0, kind="", band="", fee="", vat="", exemption_note="",
                     kind_value="chemical", min_employees="0", max_employees="", fee_input="",
                     vat_rate="exempt")


@dataclass(frozen=True)
class ReminderProposalView:
    """One invoice whose next reminder level is due (the staff's Mahnvorschläge)."""

    invoice_id: int
    href: str  # the invoice's page
    number: str
    organization: str
    open_amount: str
    days_overdue: str  # "38 Tage"
    level: int  # the level the button sends
    level_name: str  # "Zahlungserinnerung", "1. Mahnung", …
