"""The SEPA debit screens in the reader's language: results -> views (`debits/views.py`)."""

from __future__ import annotations

from harzportal.core.formatting import day, money
from harzportal.core.i18n import N_, label
from harzportal.debits.collection import CollectionPreview, DebitGroup, DueDebit
from harzportal.debits.mandates import MandateDetail
from harzportal.debits.models import DebitRun, RunStatus, Scheme
from harzportal.debits.routes import mandate_pdf_url, run_file_url
from harzportal.debits.views import (
    DebitGroupView,
    DebitRunView,
    DueDebitView,
    MandateTextView,
    MandateView,
)
from harzportal.debits.wording import TITLE, mandate_text
from harzportal.invoices.debit_terms import masked_iban

SCHEME_LABELS = {Scheme.CORE: N_("debit.scheme.core"), Scheme.B2B: N_("debit.scheme.b2b")}
RUN_STATUS_LABELS = {RunStatus.CREATED: N_("debit.run.status.created"),
                     RunStatus.SUBMITTED: N_("debit.run.status.submitted")}


def mandate(detail: MandateDetail, language: str) -> MandateView:
    m = detail.mandate
    return MandateView(
        id=m.id, reference=m.reference, scheme=m.scheme,
        scheme_label=label(SCHEME_LABELS, Scheme(m.scheme), language),
        account_holder=m.account_holder, iban=detail.masked_iban,
        bank=f"{m.bic} ({m.bank_name})" if m.bic and m.bank_name else m.bic,
        granted=f"{day(m.signed_on, language)}, {m.granted_by_name}" if m.granted_by_name
        else day(m.signed_on, language),
        revoked=day(m.revoked_at.date(), language) if m.revoked_at else "",
        pdf_href=mandate_pdf_url(m.id, m.reference))


def mandate_texts(creditor: str, language: str, prenotification_days: int
                  ) -> list[MandateTextView]:
    lang = language if language in TITLE else "de"
    return [MandateTextView(scheme=scheme.value, title=TITLE[lang][scheme.value],
                            paragraphs=mandate_text(scheme.value, creditor, lang,
                                                    prenotification_days))
            for scheme in Scheme]


def _group(group: DebitGroup, language: str) -> DebitGroupView:
    return DebitGroupView(scheme=group.scheme.value,
                          collection_date=day(group.collection_date, language),
                          sequence_type=group.sequence_type.value, count=str(group.count),
                          total=money(group.total_cents, language))


def _due(debit: DueDebit, language: str) -> DueDebitView:
    return DueDebitView(
        invoice_number=debit.invoice.number, invoice_href=f"/invoices/{debit.invoice.id}",
        debtor=debit.mandate.account_holder, mandate_reference=debit.mandate.reference,
        iban=masked_iban(debit.mandate.iban), scheme=debit.mandate.scheme,
        sequence_type=debit.sequence_type.value,
        collection_date=day(debit.collection_date, language),
        amount=money(debit.open_cents, language))


def run_row(run: DebitRun, language: str) -> DebitRunView:
    return DebitRunView(
        id=run.id, created=day(run.created_at.date(), language), scheme=run.scheme,
        item_count=str(run.item_count), total=money(run.total_cents, language), status=run.status,
        status_label=label(RUN_STATUS_LABELS, RunStatus(run.status), language),
        submitted=day(run.submitted_at.date(), language) if run.submitted_at else "",
        file_href=run_file_url(run.id, run.scheme),
        submittable=run.status == RunStatus.CREATED.value)


def collection_preview(preview: CollectionPreview, language: str
                       ) -> tuple[list[DebitGroupView], list[DueDebitView], list[DebitRunView],
                                  dict[str, str]]:
    """Groups, due debits, runs, and the total per scheme ("" for a scheme with none due)."""
    totals = {scheme.value: sum(g.total_cents for g in preview.groups if g.scheme == scheme)
              for scheme in Scheme}
    return ([_group(group, language) for group in preview.groups],
            [_due(debit, language) for debit in preview.debits],
            [run_row(run, language) for run in preview.runs],
            {scheme: money(cents, language) if cents else "" for scheme, cents in totals.items()})
