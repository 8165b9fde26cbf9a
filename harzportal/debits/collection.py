"""Collection runs (staff): the invoices due for collection by SEPA debit, their totals per
scheme and collection date, the pain.008 file and its submission to the bank.

An invoice is due for collection when it was issued with a mandate (its row fixes mandate,
IBAN and collection date), is still open (issued, not fully paid), its mandate has not been
revoked and it is in no run yet. A run takes every such invoice of one scheme (CORE or B2B:
one pain.008 file has one local instrument) whose collection date falls on or before the run's
horizon; a collection date already past is moved to the next business day after today (the
interbank deadline, D-1 for both schemes since November 2016, is left to the bank).

The sequence type follows the mandate: FRST for a mandate none of whose invoices has been in a
run before, RCUR after that. The file is pain.008.001.08 (see docs/ARCHITECTURE.md, "SEPA
direct debit"), checked against its XSD by sepaxml before it is stored; the EndToEndId of each
transaction is the invoice number, which the bank statement import matches returns by.

An invoice is never in two runs: `debitrunitem.invoice_id` is unique. Two staff creating runs
at the same time: the second one's insert fails on that index and it says so (Conflict).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sepaxml import SepaDD
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.debits.models import (
    DebitRun,
    DebitRunItem,
    RunStatus,
    Scheme,
    SepaMandate,
    SequenceType,
)
from harzportal.invoices.debit_terms import add_business_days, next_business_day_on_or_after
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus
from harzportal.settings import get as get_settings

SCHEMA_VERSION = "pain.008.001.08"


@dataclass(frozen=True)
class DueDebit:
    invoice: Invoice
    mandate: SepaMandate
    sequence_type: SequenceType
    collection_date: date  # the invoice's, or the next business day when that is past

    @property
    def open_cents(self) -> int:
        return self.invoice.gross_cents - self.invoice.paid_cents


@dataclass(frozen=True)
class DebitGroup:
    """The total of one scheme, collection date and sequence type."""

    scheme: Scheme
    collection_date: date
    sequence_type: SequenceType
    count: int
    total_cents: int


@dataclass(frozen=True)
class CollectionPreview:
    debits: tuple[DueDebit, ...]
    groups: tuple[DebitGroup, ...]
    runs: tuple[DebitRun, ...]  # the latest runs, newest first


def earliest_collection(today: date) -> date:
    return add_business_days(today, 1)


HORIZON_DAYS = 30
MAX_HORIZON_DAYS = 366


def horizon(until: object = None) -> date:
    """The last collection date a run takes: by default 30 days ahead; staff may choose another
    day from today up to a year ahead."""
    today = clock.today()
    if until is None or until == "":
        return today + timedelta(days=HORIZON_DAYS)
    if not isinstance(until, date) or not today <= until <= today + timedelta(
            days=MAX_HORIZON_DAYS):
        raise ValidationFailed("debit.until_invalid", field="until")
    return until


def due_debits(session: Session, scheme: str | None = None, until: object = None
               ) -> list[DueDebit]:
    today = clock.today()
    last = horizon(until)
    collected_before = select(DebitRunItem.mandate_id)
    query = (select(Invoice, SepaMandate)
             .join(SepaMandate, SepaMandate.id == Invoice.debit_mandate_id)
             .outerjoin(DebitRunItem, DebitRunItem.invoice_id == Invoice.id)
             .where(Invoice.kind == InvoiceKind.INVOICE.value,
                    Invoice.status == InvoiceStatus.ISSUED.value,
                    Invoice.gross_cents > Invoice.paid_cents,
                    Invoice.debit_collection_date <= last,
                    SepaMandate.revoked_at.is_(None),
                    DebitRunItem.id.is_(None))
             .order_by(Invoice.debit_collection_date, Invoice.number))
    if scheme is not None:
        query = query.where(SepaMandate.scheme == scheme)
    rows = list(session.exec(query))
    mandate_ids = {mandate.id for _, mandate in rows}
    used = set(session.exec(collected_before.where(DebitRunItem.mandate_id.in_(mandate_ids)))
               ) if mandate_ids else set()
    earliest = earliest_collection(today)
    return [DueDebit(invoice=invoice, mandate=mandate,
                     sequence_type=(SequenceType.RECURRING if mandate.id in used
                                    else SequenceType.FIRST),
                     collection_date=next_business_day_on_or_after(
                         max(invoice.debit_collection_date, earliest)))
            for invoice, mandate in rows]


def _groups(debits: list[DueDebit]) -> tuple[DebitGroup, ...]:
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for debit in debits:
        key = (Scheme(debit.mandate.scheme), debit.collection_date, debit.sequence_type)
        totals[key][0] += 1
        totals[key][1] += debit.open_cents
    return tuple(DebitGroup(scheme, when, sequence, count, total)
                 for (scheme, when, sequence), (count, total) in sorted(totals.items()))


def preview(session: Session, actor: Actor, until: object = None) -> CollectionPreview:
    require(actor, Action.MANAGE_INVOICES)
    debits = due_debits(session, until=until)
    runs = tuple(session.exec(select(DebitRun).order_by(DebitRun.id.desc()).limit(20)))
    return CollectionPreview(debits=tuple(debits), groups=_groups(debits), runs=runs)


def _pain008(debits: list[DueDebit], scheme: str) -> tuple[bytes, str]:
    settings = get_settings()
    seller = settings.seller
    sepa = SepaDD({"name": seller.legal_name, "IBAN": seller.iban, "BIC": seller.bic,
                   "batch": True, "creditor_id": settings.sepa_creditor_id, "currency": "EUR",
                   "instrument": scheme}, schema=SCHEMA_VERSION, clean=True)
    for debit in debits:
        invoice, mandate = debit.invoice, debit.mandate
        payment = {"name": mandate.account_holder, "IBAN": mandate.iban,
                   "amount": debit.open_cents, "type": debit.sequence_type.value,
                   "collection_date": debit.collection_date, "mandate_id": mandate.reference,
                   "mandate_date": mandate.signed_on,
                   "description": f"{invoice.number} {seller.legal_name}",
                   "endtoend_id": invoice.number}
        if mandate.bic:
            payment["BIC"] = mandate.bic
        sepa.add_payment(payment)
    return sepa.export(validate=True, pretty_print=True), sepa.msg_id


def create_run(session: Session, actor: Actor, scheme: object, until: object = None
               ) -> DebitRun:
    """A run of every due invoice of `scheme` collected until `until`, with its pain.008 file
    (validated against the XSD)."""
    require(actor, Action.MANAGE_INVOICES)
    if scheme not in (Scheme.CORE.value, Scheme.B2B.value):
        raise ValidationFailed("debit.scheme_invalid", field="scheme")
    debits = due_debits(session, scheme, until)
    if not debits:
        raise Conflict("debit.run_nothing_due")
    xml, message_id = _pain008(debits, scheme)
    run = DebitRun(scheme=scheme, message_id=message_id[:35], schema_version=SCHEMA_VERSION,
                   total_cents=sum(debit.open_cents for debit in debits),
                   item_count=len(debits), file_xml=xml.decode("utf-8"),
                   created_by_user_id=actor.user_id)
    try:
        session.add(run)
        session.flush()
        session.add_all([DebitRunItem(run_id=run.id, invoice_id=debit.invoice.id,
                                      mandate_id=debit.mandate.id,
                                      sequence_type=debit.sequence_type.value,
                                      collection_date=debit.collection_date,
                                      amount_cents=debit.open_cents,
                                      end_to_end_id=debit.invoice.number)
                         for debit in debits])
        session.flush()
    except IntegrityError:  # another run took one of these invoices first
        raise Conflict("debit.run_running_elsewhere") from None
    audit.record(session, action="debit_run.created", object_type="debit_run", object_id=run.id,
                 actor_user_id=actor.user_id,
                 after={"scheme": scheme, "items": run.item_count,
                        "total_cents": run.total_cents, "message_id": run.message_id,
                        "invoices": [debit.invoice.number for debit in debits]},
                 client_ip=actor.client_ip)
    return run


def submit_run(session: Session, actor: Actor, run_id: object) -> DebitRun:
    """Mark the run's file as handed to the bank (once)."""
    require(actor, Action.MANAGE_INVOICES)
    run = get_or_not_found(session, DebitRun, run_id)
    claimed = session.exec(
        DebitRun.__table__.update()
        .where(DebitRun.id == run.id, DebitRun.status == RunStatus.CREATED.value)
        .values(status=RunStatus.SUBMITTED.value, submitted_at=clock.now(),
                submitted_by_user_id=actor.user_id))
    if claimed.rowcount != 1:
        raise Conflict("debit.run_submitted_already")
    session.refresh(run)
    audit.record(session, action="debit_run.submitted", object_type="debit_run",
                 object_id=run.id, actor_user_id=actor.user_id,
                 after={"message_id": run.message_id, "items": run.item_count},
                 client_ip=actor.client_ip)
    return run


def run_file(session: Session, actor: Actor, run_id: object) -> tuple[bytes, str]:
    """The run's pain.008 file as it was created, and its file name."""
    require(actor, Action.MANAGE_INVOICES)
    run = get_or_not_found(session, DebitRun, run_id)
    return run.file_xml.encode("utf-8"), f"lastschriften-{run.id}-{run.scheme.lower()}.xml"


@dataclass(frozen=True)
class RunDetail:
    run: DebitRun
    items: tuple[tuple[DebitRunItem, Invoice], ...]


def get_run(session: Session, actor: Actor, run_id: object) -> RunDetail:
    require(actor, Action.MANAGE_INVOICES)
    run = get_or_not_found(session, DebitRun, run_id)
    items = tuple(session.exec(select(DebitRunItem, Invoice)
                               .join(Invoice, Invoice.id == DebitRunItem.invoice_id)
                               .where(DebitRunItem.run_id == run.id)
                               .order_by(DebitRunItem.collection_date, Invoice.number)))
    if run.item_count != len(items):
        raise NotFound()
    return RunDetail(run=run, items=items)
