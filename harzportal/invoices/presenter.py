"""The invoice screens in the reader's language: service results -> views (`invoices/views.py`).

Every number on these screens is formatted here, with Babel (`core.formatting`): the English
invoice shows `1.5`, `€100.00` and `19%`, the German one `1,5`, `100,00 €` and `19 %`.
"""

from __future__ import annotations

from decimal import Decimal

from harzportal.core import clock
from harzportal.core.formatting import day, decimal, money, percent
from harzportal.core.i18n import N_, label, translate, translate_plural
from harzportal.core.paging import Page
from harzportal.invoices.amounts import VatCategory
from harzportal.invoices.collection import reminder_filename
from harzportal.invoices.issuing import CANCELLABLE, RunPreview, RunState
from harzportal.invoices.models import (
    DocumentState,
    FeeScheduleItem,
    InvoiceKind,
    InvoiceLine,
    Refund,
    RefundMethod,
    RefundStatus,
)
from harzportal.invoices.proposals import ReminderProposal
from harzportal.invoices.refunds import mask_iban
from harzportal.invoices.routes import pdf_url, reminder_pdf_url, xrechnung_url
from harzportal.invoices.debit_terms import masked_iban
from harzportal.invoices.service import (
    DebitState,
    DisplayState,
    InvoiceDetail,
    InvoiceListing,
    MemberInvoices,
)
from harzportal.invoices.views import (
    FeeRowView,
    InvoiceDetailView,
    InvoiceLineView,
    InvoiceRowView,
    InvoiceView,
    NO_REFUND,
    PaymentView,
    RefundView,
    ReminderProposalView,
    ReminderView,
    RunPreviewView,
    RunRowView,
)
from harzportal.invoices.wording import band_label
from harzportal.organizations.labels import kind_label

STATE_LABELS = {
    DisplayState.OPEN: N_("invoice.state.open"),
    DisplayState.OVERDUE: N_("invoice.state.overdue"),
    DisplayState.PAID: N_("invoice.state.paid"),
    DisplayState.CANCELLED: N_("invoice.state.cancelled"),
    DisplayState.CREDIT_NOTE: N_("invoice.state.credit_note"),
}
DOCUMENT_NOTES = {DocumentState.PENDING.value: N_("invoice.document_pending"),
                  DocumentState.FAILED.value: N_("invoice.document_failed")}
KIND_LABELS = {InvoiceKind.INVOICE: N_("invoice.kind.invoice"),
               InvoiceKind.CREDIT_NOTE: N_("invoice.kind.credit_note")}
RUN_STATE_LABELS = {RunState.INVOICED: N_("invoice_run.state.invoiced"),
                    RunState.NO_FEE: N_("invoice_run.state.no_fee"),
                    RunState.TO_ISSUE: N_("invoice_run.state.to_issue")}
NOTHING = "—"  # an amount that does not apply


def _href(invoice_id: int) -> str:
    return f"/invoices/{invoice_id}"


def debit_note(listing: InvoiceListing, language: str) -> str:
    """How an invoice collected by SEPA debit stands, in the reader's language."""
    invoice = listing.invoice
    if listing.debit == DebitState.NONE:
        return ""
    values = {"date": day(invoice.debit_collection_date, language),
              "iban": masked_iban(invoice.debit_iban)}
    if listing.debit == DebitState.SUBMITTED:
        return translate("debit.note.submitted", language,
                         submitted=day(listing.debit_submitted_at.date(), language), **values)
    if listing.debit == DebitState.REVOKED:
        return translate("debit.note.revoked", language)
    if not listing.payable:
        return ""
    return translate("debit.note.scheduled", language, **values)


def invoice_row(listing: InvoiceListing, language: str) -> InvoiceRowView:
    invoice = listing.invoice
    return InvoiceRowView(
        id=invoice.id, href=_href(invoice.id), number=invoice.number,
        organization=listing.organization_name, issued=day(invoice.issue_date, language),
        due=day(invoice.due_date, language), amount=money(invoice.gross_cents, language),
        outstanding=money(invoice.gross_cents - invoice.paid_cents, language)
        if listing.payable else NOTHING,
        state=listing.state.value, state_label=label(STATE_LABELS, listing.state, language),
        debit_note=debit_note(listing, language))


def invoice_rows(page: Page[InvoiceListing], language: str) -> Page[InvoiceRowView]:
    return page.map(lambda listing: invoice_row(listing, language))


def outstanding_total(invoices: MemberInvoices, language: str) -> str:
    return money(invoices.outstanding_cents, language)


def quantity(quantity_milli: int, language: str) -> str:
    return decimal(Decimal(quantity_milli) / 1000, language)


def vat_rate(rate_bp: int, category: str, language: str) -> str:
    if category == VatCategory.NOT_TAXABLE:
        return translate("fees.not_taxable", language)
    if category == VatCategory.EXEMPT:
        return translate("fees.exempt", language)
    return percent(rate_bp, language)


def _vat_choice(item: FeeScheduleItem) -> str:
    """The editor's select value for a stored item (forms.VAT_CHOICES)."""
    if not item.vat_exempt:
        return str(item.vat_rate_bp)
    return "not_taxable" if item.vat_category == VatCategory.NOT_TAXABLE else "exempt"


def _line(line: InvoiceLine, language: str) -> InvoiceLineView:
    return InvoiceLineView(
        position=line.position, description=line.description,
        quantity=quantity(line.quantity_milli, language),
        unit_price=money(line.unit_price_cents, language),
        vat=vat_rate(line.vat_rate_bp, line.vat_category, language),
        net=money(line.net_cents, language))


def invoice_detail(detail: InvoiceDetail, language: str) -> InvoiceDetailView:
    row = invoice_row(detail.listing, language)
    invoice = detail.listing.invoice
    head = InvoiceView(
        id=row.id, number=row.number, kind=label(KIND_LABELS, invoice.kind, language),
        state=row.state, state_label=row.state_label,
        recipient=f"{invoice.recipient_name}, {invoice.recipient_street}, "
                  f"{invoice.recipient_postal_code} {invoice.recipient_city}",
        issued=row.issued,
        period=f"{day(invoice.service_from, language)} – {day(invoice.service_to, language)}",
        due=row.due, net=money(invoice.net_cents, language),
        vat=money(invoice.vat_cents, language), amount=row.amount,
        paid=money(invoice.paid_cents, language), outstanding=row.outstanding,
        related_number=detail.related_number,
        related_href=_href(detail.related_id) if detail.related_id else "",
        pdf_href=pdf_url(invoice.id, invoice.number)
        if invoice.document_state == DocumentState.READY.value else "",
        document_note=translate(DOCUMENT_NOTES[invoice.document_state], language)
        if invoice.document_state in DOCUMENT_NOTES else "",
        payable=detail.listing.payable,
        overdue=detail.listing.state == DisplayState.OVERDUE,
        leitweg_id=invoice.buyer_reference,
        xrechnung_href=xrechnung_url(invoice.id, invoice.number)
        if invoice.xml_file and invoice.document_state == DocumentState.READY.value else "",
        cancellable=invoice.kind == InvoiceKind.INVOICE.value and invoice.status in CANCELLABLE,
        needs_refund=invoice.paid_cents > 0, paid_input=_amount_input(invoice.paid_cents),
        debit_note=row.debit_note)
    return InvoiceDetailView(
        invoice=head,
        lines=tuple(_line(line, language) for line in detail.lines),
        payments=tuple(PaymentView(paid_on=day(payment.paid_on, language),
                                   amount=money(payment.amount_cents, language),
                                   reference=_payment_reference(payment, language))
                       for payment in detail.payments),
        reminders=tuple(_reminder(invoice, reminder, language) for reminder in detail.reminders),
        refund=refund_view(detail.refund, detail.settled_number, language)
        if detail.refund is not None else NO_REFUND)


REFUND_STATE_LABELS = {RefundStatus.PENDING: N_("refund.state.pending"),
                       RefundStatus.MADE: N_("refund.state.made")}


def refund_text(refund: Refund, language: str) -> str:
    """What the credit note says of the refund (pdf.refund_text), in the reader's language."""
    amount = money(refund.amount_cents, language)
    if refund.method == RefundMethod.SET_OFF.value:
        return translate("refund.text_set_off", language, amount=amount)
    return translate("refund.text_transfer", language, amount=amount,
                     due=day(refund.due_date, language), account=mask_iban(refund.iban))


def refund_view(refund: Refund, settled_number: str, language: str) -> RefundView:
    made = ""
    if refund.made_on is not None:
        made = (translate("refund.made_set_off", language, day=day(refund.made_on, language),
                          number=settled_number)
                if refund.method == RefundMethod.SET_OFF.value
                else translate("refund.made_transfer", language,
                               day=day(refund.made_on, language)))
    return RefundView(id=refund.id, text=refund_text(refund, language), state=refund.status,
                      state_label=label(REFUND_STATE_LABELS, refund.status, language),
                      made_note=made, reference=refund.reference,
                      pending=refund.status == RefundStatus.PENDING.value)


def _reminder(invoice, reminder, language: str) -> ReminderView:
    return ReminderView(
        level=reminder.level,
        title=reminder.title or f"{translate('invoice.reminder_level', language)} {reminder.level}",
        sent=day(clock.as_utc(reminder.sent_at).date(), language),
        recipients=reminder.recipients, open_amount=money(reminder.open_cents, language),
        new_due=day(reminder.new_due_date, language) if reminder.new_due_date else "",
        pdf_href=reminder_pdf_url(reminder.id, reminder_filename(invoice, reminder.level))
        if reminder.pdf_file and reminder.document_state == DocumentState.READY.value else "",
        document_note=translate(DOCUMENT_NOTES[reminder.document_state], language)
        if reminder.document_state in DOCUMENT_NOTES else "")


def run_preview(preview: RunPreview, language: str) -> RunPreviewView:
    return RunPreviewView(
        rows=tuple(RunRowView(
            organization=candidate.organization.name,
            kind=kind_label(candidate.organization.kind, language),
            band=band_label(candidate.fee_item, language) if candidate.fee_item else NOTHING,
            amount=money(candidate.fee_item.fee_cents, language)
            if candidate.fee_item else NOTHING,
            state=candidate.state.value,
            state_label=label(RUN_STATE_LABELS, candidate.state, language),
            by_debit=bool(candidate.debit_scheme),
            payment=translate("debit.by_debit", language, scheme=candidate.debit_scheme)
            if candidate.debit_scheme else translate("debit.by_transfer", language))
            for candidate in preview.candidates),
        to_issue=preview.to_issue, already=preview.already,
        total=money(preview.total_cents, language))


def run_outcome(issued: int, year: int | str, language: str) -> str:
    """What the annual run did: "1 Rechnung für 2027 wurde gestellt …" or nothing new."""
    if not issued:
        return translate("invoice_run.nothing_new", language, count=issued, year=year)
    return translate_plural("invoice_run.issued_one", "invoice_run.issued_other", issued,
                            language, year=year)


def _amount_input(cents: int) -> str:
    """An amount as the editor's input takes it back (German: 1200,00)."""
    return f"{cents // 100},{cents % 100:02d}"


def fee_row(item: FeeScheduleItem, language: str) -> FeeRowView:
    return FeeRowView(
        id=item.id, kind=kind_label(item.kind, language), band=band_label(item, language),
        fee=money(item.fee_cents, language),
        vat=vat_rate(item.vat_rate_bp,
                     item.vat_category if item.vat_exempt else VatCategory.STANDARD, language),
        exemption_note=item.exemption_note, kind_value=item.kind,
        min_employees=str(item.min_employees),
        max_employees="" if item.max_employees is None else str(item.max_employees),
        fee_input=_amount_input(item.fee_cents),
        vat_rate=_vat_choice(item))


def fee_rows(items: tuple[FeeScheduleItem, ...], language: str) -> tuple[FeeRowView, ...]:
    return tuple(fee_row(item, language) for item in items)


def _payment_reference(payment, language: str) -> str:
    """A payment's reference; one the bank took back (Rücklastschrift, issue 18) says so."""
    if payment.returned_on is None:
        return payment.reference
    return translate("payment.returned_reference", language, reference=payment.reference,
                     day=day(payment.returned_on, language))


def reminder_proposal_rows(page: Page[ReminderProposal], language: str
                           ) -> Page[ReminderProposalView]:
    return page.map(lambda proposal: ReminderProposalView(
        invoice_id=proposal.invoice_id, href=f"/invoices/{proposal.invoice_id}",
        number=proposal.number, organization=proposal.organization,
        open_amount=money(proposal.open_cents, language),
        days_overdue=translate_plural("reminder_proposal.days_one",
                                      "reminder_proposal.days_other", proposal.days_overdue,
                                      language),
        level=proposal.level, level_name=proposal.level_name))
