"""Reading ISO 20022 bank statements: camt.053 (statement), camt.052 (intraday report) and
camt.054 (debit/credit notification), any version 001.02 to 001.13.

The file is untrusted: it is refused above `MAX_BYTES` before it is parsed; lxml parses it
without resolving entities, without loading a DTD and without network access, and a document
with a DOCTYPE is refused outright (no entity of any kind, so no billion laughs and no external
entity). Amounts are read as Decimal and must be whole cents; they are never floats.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from harzportal.core.errors import ValidationFailed
from harzportal.core.i18n import N_
from harzportal.core.text import single_line

MAX_BYTES = 10 * 1024 * 1024  # a month of an association's statement is a few hundred kB
_NAMESPACE = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.001\.(0[2-9]|1[0-3])$")
# message → (its element below Document, the element of one account's statement in it)
_MESSAGES = {"camt.053": ("BkToCstmrStmt", "Stmt"), "camt.052": ("BkToCstmrAcctRpt", "Rpt"),
             "camt.054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn")}
_AMOUNT = re.compile(r"^\d{1,13}(\.\d{1,5})?$")
NOT_PROVIDED = "NOTPROVIDED"


@dataclass(frozen=True)
class Transaction:
    """One credit or one direct-debit return of a booked entry (a batch entry gives several)."""

    key: str  # unique per account: the bank's references (see `_key`)
    is_return: bool
    booked_on: date
    amount_cents: int  # credit: the amount; return: the returned amount without the fee
    fee_cents: int
    currency: str
    return_reason: str
    counterparty: str
    remittance: str
    end_to_end_id: str


@dataclass(frozen=True)
class AccountStatement:
    ref: str
    iban: str
    created_on: date | None
    transactions: tuple[Transaction, ...]


@dataclass(frozen=True)
class Statement:
    message_type: str  # e.g. camt.053.001.08
    sha256: str
    statements: tuple[AccountStatement, ...]
    pending_entries: int  # entries not yet booked by the bank (PDNG, INFO): not read
    other_debits: int  # debits that are no return (fees, transfers): not ours to book
    duplicates: int  # entries named twice in the file (the same statement twice, …)


def keep_unseen(transactions: list[Transaction], transaction: Transaction, iban: str,
                seen: set[tuple[str, str]], counts: dict[str, int]) -> None:
    """Add the transaction unless the file already had it (a statement repeated inside one
    file): the same account and key count once, as a duplicate."""
    if (iban, transaction.key) in seen:
        counts["duplicates"] += 1
        return
    seen.add((iban, transaction.key))
    transactions.append(transaction)


def _refused(key: str, **values) -> ValidationFailed:
    return ValidationFailed(key, field="file", **values)


def _parse_xml(content: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(content, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise _refused(N_("statement.not_xml")) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _refused(N_("statement.doctype_refused"))
    return root


def parse(content: object) -> Statement:
    """The booked credits and returns of a camt file, or one ValidationFailed naming the
    problem (too large, not XML, a DOCTYPE, another message, an amount that is no whole cents)."""
    if not isinstance(content, bytes | bytearray) or not content:
        raise _refused(N_("statement.empty"))
    if len(content) > MAX_BYTES:
        raise _refused(N_("statement.too_large"), megabytes=MAX_BYTES // (1024 * 1024))
    root = _parse_xml(bytes(content))
    namespace, _, local = root.tag.rpartition("}")
    found = _NAMESPACE.match(namespace.lstrip("{"))
    if local != "Document" or found is None:
        raise _refused(N_("statement.wrong_type"))
    message, version = found.group(1), found.group(2)
    container, part = _MESSAGES[message]
    reader = _Reader(namespace.lstrip("{"))
    body = reader.child(root, container)
    if body is None:
        raise _refused(N_("statement.wrong_type"))
    statements, seen = [], set()
    counts = {"pending": 0, "other_debits": 0, "duplicates": 0}
    for element in reader.children(body, part):
        statements.append(reader.statement(element, seen, counts))
    if not statements:
        raise _refused(N_("statement.no_statement"))
    return Statement(message_type=f"{message}.001.{version}",
                     sha256=hashlib.sha256(content).hexdigest(), statements=tuple(statements),
                     pending_entries=counts["pending"], other_debits=counts["other_debits"],
                     duplicates=counts["duplicates"])


def cents(text: object) -> int:
    """An ISO 20022 amount (`123.45`, up to 5 decimals) as exact integer cents; anything else,
    a negative sign or a fraction of a cent is refused."""
    value = (text or "").strip() if isinstance(text, str) else ""
    if not _AMOUNT.match(value):
        raise _refused(N_("statement.amount_invalid"), amount=value[:40])
    try:
        amount = Decimal(value) * 100
    except InvalidOperation:
        raise _refused(N_("statement.amount_invalid"), amount=value[:40]) from None
    if amount != amount.to_integral_value():
        raise _refused(N_("statement.amount_invalid"), amount=value[:40])
    return int(amount)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise _refused(N_("statement.date_invalid"), value=text.strip()[:40]) from None


class _Reader:
    """Paths below the message's namespace (`Ntry/Amt`), namespace-exact."""

    def __init__(self, namespace: str):
        self.ns = namespace

    def _path(self, path: str) -> str:
        return "/".join(f"{{{self.ns}}}{step}" for step in path.split("/"))

    def child(self, element, path: str):
        return element.find(self._path(path))

    def children(self, element, path: str) -> list:
        return element.findall(self._path(path))

    def text(self, element, *paths: str) -> str:
        """The first non-empty text of the paths, as one clean line."""
        for path in paths:
            found = element.find(self._path(path))
            if found is not None and (found.text or "").strip():
                return single_line(found.text)
        return ""

    def amount(self, element, path: str) -> tuple[int, str] | None:
        found = element.find(self._path(path))
        if found is None:
            return None
        return cents(found.text), (found.get("Ccy") or "").strip().upper()

    def statement(self, element, seen: set[str], counts: dict) -> AccountStatement:
        ref = self.text(element, "Id")
        iban = self.text(element, "Acct/Id/IBAN", "Acct/Id/Othr/Id").replace(" ", "").upper()
        if not ref or not iban:
            raise _refused(N_("statement.no_statement"))
        created = _day(self.text(element, "CreDtTm"))
        transactions = []
        for position, entry in enumerate(self.children(element, "Ntry"), start=1):
            status = self.text(entry, "Sts/Cd", "Sts")
            if status != "BOOK":
                counts["pending"] += 1
                continue
            for transaction in self.entry(entry, ref, position, counts):
                keep_unseen(transactions, transaction, iban, seen, counts)
        return AccountStatement(ref=ref[:35], iban=iban[:34], created_on=created,
                                transactions=tuple(transactions))

    def _fee(self, element) -> int:
        records = self.children(element, "Chrgs/Rcrd")
        if records:
            return sum(cents(self.text(record, "Amt")) for record in records)
        for path in ("Chrgs/TtlChrgsAndTaxAmt", "Chrgs/Amt"):  # version 08+, version 02
            total = self.amount(element, path)
            if total is not None:
                return total[0]
        return 0

    def _fee_included(self, element) -> bool:
        return any(self.text(record, "ChrgInclInd").lower() == "true"
                   for record in self.children(element, "Chrgs/Rcrd"))

    def entry(self, entry, ref: str, position: int, counts: dict) -> list[Transaction]:
        amount = self.amount(entry, "Amt")
        if amount is None:
            raise _refused(N_("statement.amount_invalid"), amount="")
        direction = self.text(entry, "CdtDbtInd")
        reversal = self.text(entry, "RvslInd").lower() == "true"
        booked_on = _day(self.text(entry, "BookgDt/Dt", "BookgDt/DtTm", "ValDt/Dt"))
        if booked_on is None:
            raise _refused(N_("statement.date_invalid"), value="")
        details = self.children(entry, "NtryDtls/TxDtls")
        base = self.text(entry, "AcctSvcrRef", "NtryRef") or f"{ref}#{position}"
        if not details:
            details = [None]
        found = []
        for index, detail in enumerate(details, start=1):
            source = detail if detail is not None else entry
            returned = direction == "DBIT" and (
                reversal or (detail is not None and self.child(detail, "RtrInf") is not None))
            if direction == "DBIT" and not returned:
                counts["other_debits"] += 1
                continue
            if direction not in ("CRDT", "DBIT"):
                raise _refused(N_("statement.wrong_type"))
            value = None
            if detail is not None:
                value = (self.amount(detail, "Amt") or self.amount(detail, "AmtDtls/TxAmt/Amt"))
            if value is None:
                if len(details) > 1:
                    raise _refused(N_("statement.amount_invalid"), amount="")
                value = amount
            value_cents, currency = value
            fee = self._fee(source)
            if fee == 0 and detail is not None and len(details) == 1:
                fee = self._fee(entry)  # the charges of a single return on its entry
            if returned:
                instructed = self.amount(detail, "AmtDtls/InstdAmt/Amt") if detail is not None \
                    else None
                if instructed is not None:
                    value_cents = instructed[0]
                elif self._fee_included(source):
                    value_cents -= fee
            if value_cents <= 0:
                continue
            end_to_end = self.text(detail, "Refs/EndToEndId") if detail is not None else ""
            if end_to_end.upper() == NOT_PROVIDED:
                end_to_end = ""
            own_ref = ((self.text(detail, "Refs/AcctSvcrRef", "Refs/TxId") if detail is not None
                        else "") or end_to_end or str(index))
            parts = [single_line(e.text) for e in source.iterfind(self._path("RmtInf/Ustrd"))]
            parts += [single_line(e.text)
                      for e in source.iterfind(self._path("RmtInf/Strd/CdtrRefInf/Ref"))]
            if detail is None:
                parts.append(self.text(entry, "AddtlNtryInf"))
            remittance = " ".join(part for part in parts if part)
            party = "" if detail is None else self.text(
                detail, "RltdPties/Dbtr/Pty/Nm", "RltdPties/Dbtr/Nm", "RltdPties/Cdtr/Pty/Nm",
                "RltdPties/Cdtr/Nm")
            found.append(Transaction(
                key=f"{base}/{own_ref}"[:200], is_return=returned, booked_on=booked_on,
                amount_cents=value_cents, fee_cents=fee, currency=currency or amount[1],
                return_reason=(self.text(detail, "RtrInf/Rsn/Cd") if detail is not None
                               else "")[:4],
                counterparty=party[:140], remittance=remittance[:500],
                end_to_end_id=end_to_end[:35]))
        return found
