"""Issuing invoices: the annual fee run, single manual invoices, and credit notes.

An issue writes number, invoice, lines, amounts and audit event in the caller's one short
transaction: either all of it lands or none, and the gapless-number lock (and a seminar's seat
lock) is held for milliseconds. The document (PDF with its e-invoice XML) is rendered afterwards
by a job (rendering.py), asked for after the commit; until it exists the invoice shows "wird
erstellt", cannot be downloaded, and its mails to the billing contacts are not queued yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.ids import is_id
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.roles import Role
from harzportal.invoices import debit_terms, fees, numbering, refunds
from harzportal.invoices.amounts import LineInput, compute_totals, stored_category
from harzportal.invoices.models import (
    FeeScheduleItem,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
)
from harzportal.invoices.wording import band_label
from harzportal.organizations.labels import kind_label
from harzportal.organizations.leitweg import LEITWEG_SCHEME
from harzportal.organizations.models import (
    ContactFunction,
    ContactFunctionAssignment,
    MembershipStatus,
    Organization,
)
from harzportal.settings import get as get_settings

PDF_AREA = "invoices"
# An invoice a credit note may cancel: open, or paid (then its credit note refunds the payments).
CANCELLABLE = (InvoiceStatus.ISSUED.value, InvoiceStatus.PAID.value)
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class IssueRequest:
    organization: Organization
    lines: list[LineInput]
    service_from: date
    service_to: date
    kind: str = InvoiceKind.INVOICE.value
    fee_year: int | None = None
    cancels: Invoice | None = None


def billing_recipients(session: Session, organization_id: int) -> list[User]:
    """The organization's active billing contacts; without any, its active org_managers."""
    users = list(session.exec(
        select(User).join(ContactFunctionAssignment, ContactFunctionAssignment.user_id == User.id)
        .where(User.organization_id == organization_id, User.is_active.is_(True),
               ContactFunctionAssignment.function == ContactFunction.BILLING.value)))
    if not users:
        users = list(session.exec(select(User).where(
            User.organization_id == organization_id, User.is_active.is_(True),
            User.role == Role.ORG_MANAGER.value)))
    return users


def pdf_filename(invoice: Invoice) -> str:
    return f"{invoice.number}.pdf"


def xrechnung_filename(invoice: Invoice) -> str:
    return f"{invoice.number}-xrechnung.xml"


def invoice_link(invoice: Invoice) -> str:
    """The invoice's page, as the mails about it link it."""
    return f"{get_settings().public_origin}/invoices/{invoice.id}"


def _public_buyer(organization: Organization, cancels: Invoice | None) -> dict[str, str]:
    """BT-10 and BT-49 as the invoice keeps them: a credit note those of the invoice it corrects,
    an invoice the organization's Leitweg-ID and e-invoice address (default: the Leitweg-ID,
    scheme 0204)."""
    if cancels is not None:
        return {"buyer_reference": cancels.buyer_reference,
                "buyer_einvoice_address": cancels.buyer_einvoice_address,
                "buyer_einvoice_scheme": cancels.buyer_einvoice_scheme}
    if not organization.leitweg_id:
        return {}
    return {"buyer_reference": organization.leitweg_id,
            "buyer_einvoice_address": organization.einvoice_address or organization.leitweg_id,
            "buyer_einvoice_scheme": organization.einvoice_scheme or LEITWEG_SCHEME}


def _debit_terms(session: Session, organization: Organization, request: IssueRequest,
                 issue_date: date, due_date: date, gross_cents: int) -> dict:
    """An invoice (not a credit note) of an organization with an active mandate is collected by
    SEPA debit: what its pre-notification states, fixed on the row at issue."""
    if request.kind != InvoiceKind.INVOICE.value or gross_cents <= 0:
        return {}
    mandate = debit_terms.active_mandate(session, organization.id)
    if mandate is None:
        return {}
    settings = get_settings()
    return {"debit_mandate_id": mandate.id, "debit_mandate_reference": mandate.reference,
            "debit_iban": mandate.iban, "debit_creditor_id": settings.sepa_creditor_id,
            "debit_collection_date": debit_terms.collection_date(
                issue_date, due_date, settings.sepa_prenotification_days)}


def issue(session: Session, actor: Actor, request: IssueRequest) -> Invoice:
    """Issue one invoice or credit note (the caller has checked the permission)."""
    totals = compute_totals(request.lines)
    organization = request.organization
    # A credit note goes to the address the corrected invoice went to.
    address = request.cancels or Invoice(
        recipient_name=organization.name, recipient_street=organization.street,
        recipient_postal_code=organization.postal_code, recipient_city=organization.city)
    today = clock.today()
    due_date = today + timedelta(days=get_settings().invoice_payment_days)
    invoice = Invoice(
        number=numbering.next_number(session, today.year), kind=request.kind,
        organization_id=organization.id, recipient_name=address.recipient_name,
        recipient_street=address.recipient_street,
        recipient_postal_code=address.recipient_postal_code,
        recipient_city=address.recipient_city, issue_date=today, service_from=request.service_from,
        service_to=request.service_to,
        due_date=due_date,
        net_cents=totals.net_cents, vat_cents=totals.vat_cents, gross_cents=totals.gross_cents,
        fee_year=request.fee_year, created_by_user_id=actor.user_id,
        cancels_invoice_id=request.cancels.id if request.cancels else None,
        **_public_buyer(organization, request.cancels),
        **_debit_terms(session, organization, request, today, due_date, totals.gross_cents))
    session.add(invoice)
    session.flush()
    lines = [InvoiceLine(invoice_id=invoice.id, position=position, description=line.description,
                         quantity_milli=line.quantity_milli,
                         unit_price_cents=line.unit_price_cents, vat_rate_bp=line.vat_rate_bp,
                         vat_exempt=line.vat_exempt, exemption_note=line.exemption_note,
                         vat_category=line.category, net_cents=net)
             for position, (line, net) in enumerate(zip(request.lines, totals.line_net_cents,
                                                         strict=True), start=1)]
    session.add_all(lines)
    audit.record(session, action=f"{request.kind}.issued", object_type="invoice",
                 object_id=invoice.id, actor_user_id=actor.user_id,
                 organization_id=organization.id,
                 after={"number": invoice.number, "gross_cents": invoice.gross_cents,
                        "fee_year": invoice.fee_year,
                        "cancels": request.cancels.number if request.cancels else None}
                 | ({"debit_mandate": invoice.debit_mandate_reference,
                     "debit_collection_date": invoice.debit_collection_date.isoformat()}
                    if invoice.debit_mandate_reference else {}),
                 client_ip=actor.client_ip)
    _render_later(session, invoice)
    return invoice


def _render_later(session: Session, invoice: Invoice) -> None:
    from harzportal.invoices import rendering  # rendering imports this module

    rendering.render_later(session, invoice)


# The annual fee run --------------------------------------------------------------------------

def _check_year(year: object) -> int:
    if not is_id(year) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed("invoice_run.year_invalid", field="year")
    return year


def annual_candidates(session: Session, year: int):
    """(organization, fee item or None, already invoiced) for every active member."""
    items = fees.schedule(session)
    invoiced = set(session.exec(select(Invoice.organization_id).where(Invoice.fee_year == year)))
    organizations = session.exec(select(Organization)
                                 .where(Organization.status == MembershipStatus.ACTIVE.value)
                                 .order_by(Organization.name)).all()
    return [(o, fees.band_for(items, o), o.id in invoiced) for o in organizations]


class RunState(StrEnum):
    """An active member in the annual run: invoiced already, no fee (no band, or a band of
    0 €), or to be invoiced now; the preview and the run follow the same rule."""

    INVOICED = "invoiced"
    NO_FEE = "no_fee"
    TO_ISSUE = "to_issue"


def run_state(item: FeeScheduleItem | None, invoiced: bool) -> RunState:
    if invoiced:
        return RunState.INVOICED
    return RunState.NO_FEE if item is None or item.fee_cents == 0 else RunState.TO_ISSUE


@dataclass(frozen=True)
class RunCandidate:
    organization: Organization
    fee_item: FeeScheduleItem | None
    state: RunState
    debit_scheme: str = ""  # the scheme of the organization's active SEPA mandate, "" without


@dataclass(frozen=True)
class RunPreview:
    candidates: tuple[RunCandidate, ...]
    total_cents: int  # what the run would invoice, VAT included

    @property
    def to_issue(self) -> int:
        return sum(1 for candidate in self.candidates if candidate.state == RunState.TO_ISSUE)

    @property
    def already(self) -> int:
        return sum(1 for candidate in self.candidates if candidate.state == RunState.INVOICED)


def preview_annual_run(session: Session, actor: Actor, year: object) -> RunPreview:
    require(actor, Action.MANAGE_INVOICES)
    year = _check_year(year)
    candidates, total = [], 0
    schemes = debit_terms.active_schemes(session)
    for organization, item, invoiced in annual_candidates(session, year):
        state = run_state(item, invoiced)
        if state == RunState.TO_ISSUE:
            total += compute_totals([fee_line(item, organization, year)]).gross_cents
        candidates.append(RunCandidate(organization, item, state,
                                       schemes.get(organization.id, "")))
    return RunPreview(candidates=tuple(candidates), total_cents=total)


def fee_line(item, organization: Organization, year: int) -> LineInput:
    """The fee line as the invoice (a German document) states it."""
    band, kind = band_label(item, "de"), kind_label(organization.kind, "de")
    return LineInput(description=f"Mitgliedsbeitrag {year} ({kind}, {band})",
                     quantity_milli=1000, unit_price_cents=item.fee_cents,
                     vat_rate_bp=item.vat_rate_bp, vat_exempt=item.vat_exempt,
                     exemption_note=item.exemption_note,
                     vat_category=stored_category(item.vat_exempt, item.vat_category))


def issue_annual_run(session: Session, actor: Actor, year: object) -> int:
    """Issue the year's fee invoice to every active member that has none yet; returns how many.
    A second run for the same year issues nothing (and the unique index backs that up)."""
    require(actor, Action.MANAGE_INVOICES)
    year = _check_year(year)
    issued = 0
    try:
        for organization, item, invoiced in annual_candidates(session, year):
            if run_state(item, invoiced) != RunState.TO_ISSUE:
                continue
            issue(session, actor, IssueRequest(
                organization=organization, lines=[fee_line(item, organization, year)],
                service_from=date(year, 1, 1), service_to=date(year, 12, 31), fee_year=year))
            issued += 1
        session.flush()
    except IntegrityError:  # another run for this year committed first: this one issues nothing
        raise Conflict("invoice_run.running_elsewhere") from None
    audit.record(session, action="invoice_run.completed", object_type="invoice_run",
                 object_id=year, actor_user_id=actor.user_id, after={"issued": issued},
                 client_ip=actor.client_ip)
    return issued


# Manual invoices and credit notes --------------------------------------------------------------

def issue_manual_invoice(session: Session, actor: Actor, organization_id: object,
                         lines: list[LineInput], service_from: date, service_to: date) -> Invoice:
    require(actor, Action.MANAGE_INVOICES)
    organization = get_or_not_found(session, Organization, organization_id)
    if service_to < service_from:
        raise ValidationFailed("invoice.period_invalid", field="service_to")
    return issue(session, actor, IssueRequest(organization=organization, lines=lines,
                                              service_from=service_from, service_to=service_to))


def cancel_invoice(session: Session, actor: Actor, invoice_id: object,
                   refund: refunds.RefundRequest | None = None) -> Invoice:
    """Cancel an invoice with a credit note over its full amount (GoBD: the invoice itself
    stays unchanged except for its status). If anything was paid, `refund` says how that amount
    comes back (refunds.py): the credit note states it and a Refund row records it."""
    require(actor, Action.MANAGE_INVOICES)
    invoice = get_or_not_found(session, Invoice, invoice_id)
    if invoice.kind != InvoiceKind.INVOICE.value:
        raise NotFound()
    if invoice.status not in CANCELLABLE:
        raise Conflict("invoice.cannot_cancel")
    paid = invoice.paid_cents
    promised = refunds.checked(refund, paid, actor.language) if paid > 0 else None
    # Conditional update: a payment booked meanwhile (or a second cancel) changes the row.
    claimed = session.exec(
        Invoice.__table__.update()
        .where(Invoice.id == invoice.id, Invoice.status.in_(CANCELLABLE),
               Invoice.paid_cents == paid)
        .values(status=InvoiceStatus.CANCELLED.value))
    if claimed.rowcount != 1:
        raise Conflict("invoice.cannot_cancel")
    lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)
                         .order_by(InvoiceLine.position)).all()
    organization = session.get(Organization, invoice.organization_id)
    credit_note = issue(session, actor, IssueRequest(
        organization=organization, kind=InvoiceKind.CREDIT_NOTE.value, cancels=invoice,
        service_from=invoice.service_from, service_to=invoice.service_to,
        lines=[LineInput(description=line.description, quantity_milli=line.quantity_milli,
                         unit_price_cents=line.unit_price_cents, vat_rate_bp=line.vat_rate_bp,
                         vat_exempt=line.vat_exempt, exemption_note=line.exemption_note,
                         vat_category=stored_category(line.vat_exempt, line.vat_category))
               for line in lines]))
    if promised is not None:
        refunds.record(session, actor, invoice, credit_note, promised)
    return credit_note
