"""Importing a bank statement: preview, then booking, of every credit and direct-debit return.

Matching (docs/ARCHITECTURE.md, "Bank statements"): a credit names an invoice by its number in
the end-to-end id (the SEPA collection's EndToEndId is the invoice number) or the remittance
information (`matching.invoice_numbers`). Exactly one open invoice named: the amount decides —
equal: booked (exact); less: booked and flagged (partial); more: the open amount booked and the
rest flagged (over). No invoice, several, or one that is not open: listed as unmatched for staff
to assign. A return (debit with return information) names the invoice the same way and reverses
the payment of its amount booked for it; the invoice is open again, the bank's fee is recorded
and the billing contacts are mailed. Every entry is stored under its unique key, so a second
import of the same statement books nothing. The preview and the booking run the same plan; the
booking runs it again inside its own transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.banking import camt, matching, reading
from harzportal.banking.models import BankEntry, BankStatement, EntryOutcome
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.formatting import day, money
from harzportal.core.i18n import N_, translate
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.invoices import collection
from harzportal.invoices.issuing import billing_recipients, invoice_link
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus, Payment
from harzportal.mail import service as mail
from harzportal.settings import get as get_settings

RETURN_MAIL_KEYS = (N_("mail.debit_return.subject"), N_("mail.debit_return.body"))
FLAGGED = (EntryOutcome.PARTIAL, EntryOutcome.OVER, EntryOutcome.UNMATCHED,
           EntryOutcome.RETURNED, EntryOutcome.RETURN_UNMATCHED)
PAGE_SIZE = 25

# Why a credit found no invoice (shown in the preview and the list)
NO_NUMBER = "none"
SEVERAL = "several"
NOT_OPEN = "not_open"
UNKNOWN = "unknown"
DATE = "date"
CURRENCY = "currency"


@dataclass(frozen=True)
class PlannedEntry:
    """What booking will do (or, once imported, did) with one transaction."""

    transaction: camt.Transaction
    statement_ref: str
    outcome: EntryOutcome
    invoice_id: int | None
    invoice_number: str
    organization_name: str
    booked_cents: int  # the payment booked (or reversed)
    difference_cents: int  # partial: still open; over: paid too much
    payment_id: int | None  # the payment a return reverses
    unmatched_reason: str  # one of the reasons above, for an unmatched entry
    already_imported: bool


@dataclass(frozen=True)
class ImportPlan:
    message_type: str
    sha256: str
    statement_refs: tuple[str, ...]
    entries: tuple[PlannedEntry, ...]
    pending_entries: int
    other_debits: int
    duplicates: int

    @property
    def to_book(self) -> tuple[PlannedEntry, ...]:
        return tuple(entry for entry in self.entries if not entry.already_imported)


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    number: str
    recipient_name: str
    outstanding_cents: int


@dataclass(frozen=True)
class EntryRow:
    entry: BankEntry
    invoice_number: str
    statement_ref: str


def _statement_known(session: Session, iban: str, ref: str) -> BankStatement | None:
    return session.exec(select(BankStatement).where(BankStatement.account_iban == iban,
                                                    BankStatement.statement_ref == ref)).first()


def _known_keys(session: Session, chosen: list[tuple[camt.AccountStatement, camt.Transaction]]
                ) -> set[tuple[str, str]]:
    """The (account, entry key) pairs of `chosen` imported before."""
    keys_by_account: dict[str, list[str]] = defaultdict(list)
    for statement, transaction in chosen:
        keys_by_account[statement.iban].append(transaction.key)
    known: set[tuple[str, str]] = set()
    for iban, keys in keys_by_account.items():
        for start in range(0, len(keys), 500):
            known.update((iban, key) for key in session.exec(
                select(BankEntry.entry_key).where(
                    BankEntry.account_iban == iban,
                    BankEntry.entry_key.in_(keys[start:start + 500]))))
    return known


class _Planner:
    """Runs through the transactions in order, keeping what earlier ones of the same file
    change (the open amount of an invoice paid twice, a payment already reversed)."""

    def __init__(self, session: Session):
        self.session = session
        self.prefix = get_settings().invoice_prefix
        self.today = clock.today()
        self.invoices: dict[str, Invoice | None] = {}
        self.outstanding: dict[int, int] = {}
        self.reversed: set[int] = set()

    def _invoice(self, number: str) -> Invoice | None:
        if number not in self.invoices:
            self.invoices[number] = self.session.exec(
                select(Invoice).where(Invoice.number == number,
                                      Invoice.kind == InvoiceKind.INVOICE.value)).first()
        return self.invoices[number]

    def _open(self, invoice: Invoice) -> int:
        if invoice.id not in self.outstanding:
            self.outstanding[invoice.id] = (
                invoice.gross_cents - invoice.paid_cents
                if invoice.status == InvoiceStatus.ISSUED.value else 0)
        return self.outstanding[invoice.id]

    def plan(self, transaction: camt.Transaction, ref: str, known: bool) -> PlannedEntry:
        numbers = matching.invoice_numbers(self.prefix, transaction.end_to_end_id,
                                           transaction.remittance)
        base = PlannedEntry(transaction=transaction, statement_ref=ref,
                            outcome=EntryOutcome.UNMATCHED, invoice_id=None, invoice_number="",
                            organization_name="", booked_cents=0, difference_cents=0,
                            payment_id=None, unmatched_reason=NO_NUMBER, already_imported=known)
        if transaction.is_return:
            base = replace(base, outcome=EntryOutcome.RETURN_UNMATCHED)
        if transaction.currency != "EUR":
            return replace(base, unmatched_reason=CURRENCY)
        if len(numbers) > 1:
            return replace(base, unmatched_reason=SEVERAL)
        if not numbers:
            return base
        invoice = self._invoice(numbers[0])
        if invoice is None:
            return replace(base, unmatched_reason=UNKNOWN, invoice_number=numbers[0])
        base = replace(base, invoice_id=invoice.id, invoice_number=invoice.number,
                       organization_name=invoice.recipient_name)
        if transaction.is_return:
            return self._return(base, invoice, known)
        outstanding = self._open(invoice)
        if outstanding <= 0:
            return replace(base, invoice_id=None, unmatched_reason=NOT_OPEN)
        if not invoice.issue_date <= transaction.booked_on <= self.today:
            return replace(base, invoice_id=None, unmatched_reason=DATE)
        booked = min(outstanding, transaction.amount_cents)
        if not known:
            self.outstanding[invoice.id] = outstanding - booked
        if transaction.amount_cents == outstanding:
            outcome, difference = EntryOutcome.EXACT, 0
        elif transaction.amount_cents < outstanding:
            outcome, difference = EntryOutcome.PARTIAL, outstanding - booked
        else:
            outcome, difference = EntryOutcome.OVER, transaction.amount_cents - outstanding
        return replace(base, outcome=outcome, booked_cents=booked, difference_cents=difference,
                       unmatched_reason="")

    def _return(self, base: PlannedEntry, invoice: Invoice, known: bool) -> PlannedEntry:
        amount = base.transaction.amount_cents
        payment = self.session.exec(
            select(Payment).where(Payment.invoice_id == invoice.id,
                                  Payment.amount_cents == amount, Payment.returned_on.is_(None),
                                  Payment.paid_on <= base.transaction.booked_on)
            .order_by(Payment.paid_on.desc(), Payment.id.desc())).all()
        payment = next((p for p in payment if p.id not in self.reversed), None)
        if payment is None or invoice.status == InvoiceStatus.CANCELLED.value:
            return replace(base, unmatched_reason=NOT_OPEN)
        if not known:
            self.reversed.add(payment.id)
            self.outstanding[invoice.id] = self._open(invoice) + amount
        return replace(base, outcome=EntryOutcome.RETURNED, booked_cents=amount,
                       payment_id=payment.id, unmatched_reason="")


def _transactions(parsed: camt.Statement) -> list[tuple[camt.AccountStatement, camt.Transaction]]:
    return [(statement, t) for statement in parsed.statements for t in statement.transactions]


def transaction_count(parsed: camt.Statement) -> int:
    return sum(len(statement.transactions) for statement in parsed.statements)


def plan_import(session: Session, parsed: camt.Statement, part: slice = slice(None)
                ) -> ImportPlan:
    """What booking the transactions of `part` (in the file's order; all by default) would do.
    Planning a later part after booking the earlier ones gives what planning the whole file
    at once gives: what they booked is in the database."""
    chosen = _transactions(parsed)[part]
    known = _known_keys(session, chosen)
    planner = _Planner(session)
    entries = tuple(planner.plan(t, statement.ref, (statement.iban, t.key) in known)
                    for statement, t in chosen)
    return ImportPlan(message_type=parsed.message_type, sha256=parsed.sha256,
                      statement_refs=tuple(dict.fromkeys(s.ref for s in parsed.statements)),
                      entries=entries, pending_entries=parsed.pending_entries,
                      other_debits=parsed.other_debits, duplicates=parsed.duplicates)


def preview_import(session: Session, actor: Actor, content: object) -> ImportPlan:
    """What booking this file would do; changes nothing."""
    require(actor, Action.MANAGE_INVOICES)
    return plan_import(session, reading.read(content))


def book_import(session: Session, actor: Actor, content: object,
                expected_sha256: object) -> ImportPlan:
    """Book the file the preview showed (`expected_sha256`, so a different file is never booked
    on the strength of another's preview), in one transaction. Entries imported before are left
    alone. (The page books through `import_job`, in parts.)"""
    require(actor, Action.MANAGE_INVOICES)
    parsed = reading.read(content)
    if parsed.sha256 != expected_sha256:
        raise Conflict("statement.preview_outdated")
    plan = book_part(session, actor, parsed)
    record_import(session, actor, parsed, outcome_counts(plan))
    return plan


def book_part(session: Session, actor: Actor, parsed: camt.Statement,
              part: slice = slice(None)) -> ImportPlan:
    """Book the transactions of `part` (all by default) of a file read with `reading.read`:
    the statement rows it needs, then each entry not imported before."""
    require(actor, Action.MANAGE_INVOICES)
    plan = plan_import(session, parsed, part)
    # Another import of the same statement committed meanwhile: its unique keys say so.
    try:
        statements: dict[tuple[str, str], BankStatement] = {}
        for statement in parsed.statements:
            key = (statement.iban, statement.ref)
            if key not in statements:
                row = _statement_known(session, *key)
                if row is None:
                    row = BankStatement(account_iban=statement.iban, statement_ref=statement.ref,
                                        message_type=parsed.message_type,
                                        created_on=statement.created_on, file_sha256=parsed.sha256,
                                        imported_by_user_id=actor.user_id)
                    session.add(row)
                    session.flush()
                statements[key] = row
        ibans = {s.ref: s.iban for s in parsed.statements}
        for planned in plan.to_book:
            iban = ibans[planned.statement_ref]
            _book(session, actor, planned, statements[(iban, planned.statement_ref)])
        session.flush()
    except IntegrityError:
        raise Conflict("statement.imported_meanwhile") from None
    return plan


def outcome_counts(plan: ImportPlan) -> dict[str, int]:
    """How many entries the plan books, by outcome, and how many it leaves as imported before
    (the audit event's facts; the import job adds up those of its parts)."""
    booked = plan.to_book
    return {"entries": len(booked), "already_imported": len(plan.entries) - len(booked),
            **{outcome.value: sum(1 for e in booked if e.outcome == outcome)
               for outcome in EntryOutcome}}


def flagged_count(counts: dict[str, int]) -> int:
    return sum(counts.get(outcome.value, 0) for outcome in FLAGGED)


def record_import(session: Session, actor: Actor, parsed: camt.Statement,
                  counts: dict[str, int]) -> None:
    audit.record(session, action="bank.statement_imported", object_type="bank_statement",
                 object_id=",".join(dict.fromkeys(s.ref for s in parsed.statements))[:100],
                 actor_user_id=actor.user_id,
                 after={"message_type": parsed.message_type, "sha256": parsed.sha256, **counts},
                 client_ip=actor.client_ip)


def _book(session: Session, actor: Actor, planned: PlannedEntry,
          statement: BankStatement) -> BankEntry:
    transaction = planned.transaction
    payment_id = None
    if planned.outcome in (EntryOutcome.EXACT, EntryOutcome.PARTIAL, EntryOutcome.OVER):
        payment = collection.record_payment(
            session, actor, planned.invoice_id, transaction.booked_on, planned.booked_cents,
            _reference(statement, transaction))
        session.flush()
        payment_id = payment.id
    elif planned.outcome == EntryOutcome.RETURNED:
        collection.reverse_payment(session, actor, planned.payment_id, transaction.booked_on,
                                   transaction.return_reason)
        payment_id = planned.payment_id
        _mail_return(session, planned)
    entry = BankEntry(statement_id=statement.id, account_iban=statement.account_iban,
                      entry_key=transaction.key, is_return=transaction.is_return,
                      booked_on=transaction.booked_on, amount_cents=transaction.amount_cents,
                      fee_cents=transaction.fee_cents, return_reason=transaction.return_reason,
                      counterparty=transaction.counterparty, remittance=transaction.remittance,
                      end_to_end_id=transaction.end_to_end_id, outcome=planned.outcome.value,
                      invoice_id=planned.invoice_id, payment_id=payment_id,
                      difference_cents=planned.difference_cents,
                      flagged=planned.outcome in FLAGGED)
    session.add(entry)
    return entry


def _reference(statement: BankStatement, transaction: camt.Transaction) -> str:
    return f"Kontoauszug {statement.statement_ref} {transaction.end_to_end_id or ''}".strip()


def return_reason_key(code: str) -> str:
    return RETURN_REASONS.get(code, N_("return_reason.other"))


RETURN_REASONS = {
    "AC01": N_("return_reason.AC01"), "AC04": N_("return_reason.AC04"),
    "AC06": N_("return_reason.AC06"), "AG01": N_("return_reason.AG01"),
    "AM04": N_("return_reason.AM04"), "MD01": N_("return_reason.MD01"),
    "MD06": N_("return_reason.MD06"), "MD07": N_("return_reason.MD07"),
    "MS02": N_("return_reason.MS02"), "MS03": N_("return_reason.MS03"),
    "SL01": N_("return_reason.SL01"),
}


def _mail_return(session: Session, planned: PlannedEntry) -> None:
    invoice = session.get(Invoice, planned.invoice_id)
    settings = get_settings()
    subject_key, body_key = RETURN_MAIL_KEYS
    for user in billing_recipients(session, invoice.organization_id):
        lang = user.preferred_language
        mail.enqueue(
            session, recipient=user.email, kind="debit_return", language=lang,
            subject=translate(subject_key, lang, number=invoice.number),
            body=translate(body_key, lang, name=user.full_name, number=invoice.number,
                           amount=money(planned.booked_cents, lang),
                           returned=day(planned.transaction.booked_on, lang),
                           reason=translate(return_reason_key(planned.transaction.return_reason),
                                            lang, code=planned.transaction.return_reason or "–"),
                           outstanding=money(invoice.gross_cents - invoice.paid_cents, lang),
                           iban=settings.seller.iban, link=invoice_link(invoice)))


# --- After the import: flagged entries, manual assignment ------------------------------------

def list_entries(session: Session, actor: Actor, flagged_only: bool = True,
                 page: object = 1) -> Page[EntryRow]:
    require(actor, Action.MANAGE_INVOICES)
    query = (select(BankEntry, Invoice.number, BankStatement.statement_ref)
             .join(BankStatement, BankStatement.id == BankEntry.statement_id)
             .outerjoin(Invoice, Invoice.id == BankEntry.invoice_id)
             .order_by(BankEntry.booked_on.desc(), BankEntry.id.desc()))
    counted = select(func.count()).select_from(BankEntry)
    if flagged_only:
        query = query.where(BankEntry.flagged.is_(True))
        counted = counted.where(BankEntry.flagged.is_(True))
    found = paginate(session, query, page, PAGE_SIZE, total=session.exec(counted).one())
    return found.map(lambda row: EntryRow(entry=row[0], invoice_number=row[1] or "",
                                          statement_ref=row[2]))


def list_open_invoices(session: Session, actor: Actor) -> list[OpenInvoice]:
    """The invoices a credit can be assigned to: issued, not fully paid."""
    require(actor, Action.MANAGE_INVOICES)
    rows = session.exec(select(Invoice).where(Invoice.kind == InvoiceKind.INVOICE.value,
                                              Invoice.status == InvoiceStatus.ISSUED.value)
                        .order_by(Invoice.issue_date, Invoice.number).limit(2000)).all()
    return [OpenInvoice(id=i.id, number=i.number, recipient_name=i.recipient_name,
                        outstanding_cents=i.gross_cents - i.paid_cents) for i in rows]


def _entry(session: Session, entry_id: object) -> BankEntry:
    return get_or_not_found(session, BankEntry, entry_id)


def assign_entry(session: Session, actor: Actor, entry_id: object,
                 invoice_id: object) -> BankEntry:
    """Book an unmatched credit as a payment of the invoice staff chose: the open amount at
    most; a partial or over-payment stays flagged."""
    require(actor, Action.MANAGE_INVOICES)
    entry = _entry(session, entry_id)
    if entry.is_return or entry.outcome != EntryOutcome.UNMATCHED.value:
        raise Conflict("bank_entry.not_unmatched")
    invoice = get_or_not_found(session, Invoice, invoice_id, "bank_entry.invoice_required")
    if invoice.kind != InvoiceKind.INVOICE.value:
        raise NotFound("bank_entry.invoice_required")
    if invoice.status != InvoiceStatus.ISSUED.value:
        raise Conflict("payment.not_open")
    if entry.booked_on < invoice.issue_date:
        raise ValidationFailed("bank_entry.before_invoice", field="invoice_id")
    claimed = session.exec(update(BankEntry).where(
        BankEntry.id == entry.id, BankEntry.outcome == EntryOutcome.UNMATCHED.value)
        .values(outcome=EntryOutcome.ASSIGNED.value))
    if claimed.rowcount != 1:
        raise Conflict("payment.changed_meanwhile")
    outstanding = invoice.gross_cents - invoice.paid_cents
    booked = min(outstanding, entry.amount_cents)
    statement = session.get(BankStatement, entry.statement_id)
    payment = collection.record_payment(session, actor, invoice.id, entry.booked_on, booked,
                                        f"Kontoauszug {statement.statement_ref} (zugeordnet)")
    session.flush()
    session.refresh(entry)
    entry.invoice_id, entry.payment_id = invoice.id, payment.id
    entry.difference_cents = abs(entry.amount_cents - outstanding)
    entry.flagged = entry.amount_cents != outstanding
    session.add(entry)
    audit.record(session, action="bank.entry_assigned", object_type="bank_entry",
                 object_id=entry.id, actor_user_id=actor.user_id,
                 organization_id=invoice.organization_id,
                 after={"invoice": invoice.number, "amount_cents": entry.amount_cents,
                        "booked_cents": booked, "flagged": entry.flagged},
                 client_ip=actor.client_ip)
    return entry


def mark_reviewed(session: Session, actor: Actor, entry_id: object) -> BankEntry:
    """Staff have dealt with a flagged entry (a refund arranged, a donation booked elsewhere)."""
    require(actor, Action.MANAGE_INVOICES)
    entry = _entry(session, entry_id)
    done = session.exec(update(BankEntry).where(BankEntry.id == entry.id,
                                                BankEntry.flagged.is_(True))
                        .values(flagged=False, reviewed_by_user_id=actor.user_id,
                                reviewed_at=clock.now()))
    if done.rowcount != 1:
        raise Conflict("bank_entry.not_flagged")
    session.refresh(entry)
    audit.record(session, action="bank.entry_reviewed", object_type="bank_entry",
                 object_id=entry.id, actor_user_id=actor.user_id,
                 after={"outcome": entry.outcome}, client_ip=actor.client_ip)
    return entry


def booked_on_range(entries: tuple[PlannedEntry, ...]) -> tuple[date | None, date | None]:
    days = [e.transaction.booked_on for e in entries]
    return (min(days), max(days)) if days else (None, None)
