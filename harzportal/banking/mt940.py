"""Reading SWIFT MT940 statements (the format German banks still export as `.sta`), into the
same `camt.Statement` the camt reader gives, so matching, preview, booking, the duplicate
protection and returns work unchanged.

The file is untrusted like a camt file: refused above `camt.MAX_BYTES` before it is read, decoded
as UTF-8 and else as cp1252 (undecodable bytes replaced, never an error), each `:86:` cut to
`MAX_DETAILS` characters before the `mt-940` library parses it, and every failure of the library
answered with one translated refusal. Amounts are Decimal and must be whole cents.

One statement is the block from a `:20:` to the next: `:25:` names the account (an IBAN, or
bank code/account number, turned into the German IBAN), `:28C:` the statement number; numbers
start again each year, so the statement's reference is the year of its opening balance and the
number (`2027/00015/001`). A `:61:` credit (C, or RD: a debit reversed) is read; a debit (D) is a
return when its GVC (the three digits starting the structured `:86:`) is a return code, else it
is another debit and not read. The `:86:` gives the counterparty (?32/?33), the remittance
(?20-?29 with SVWZ+ and the other tokens), the end-to-end id (EREF+); a return's fee is its
COAM+ (and OAMT+ the returned amount), its reason an ISO code in ?34 or the remittance.
An entry's key is the bank's reference of the `:61:` when it gives one, else the statement's
reference and the entry's position; both with the direction and amount, so the same file read
again gives the same keys.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date
from decimal import Decimal, InvalidOperation

import mt940 as mt940_library

from harzportal.banking.camt import (
    MAX_BYTES,
    AccountStatement,
    Statement,
    Transaction,
    keep_unseen,
)
from harzportal.core.errors import ValidationFailed
from harzportal.core.i18n import N_
from harzportal.core.text import single_line

MESSAGE_TYPE = "MT940"
MAX_DETAILS = 2048  # a structured :86: has at most ?00-?63, about 1 000 characters
# Geschäftsvorfallcodes of a returned SEPA debit (108 B2B, 109 core, 105/106 older forms) and of a
# returned transfer (159): the money the member had paid leaves the account again
RETURN_CODES = frozenset({"105", "106", "108", "109", "159"})
_START = re.compile(r"^\s*(\{[^}{]*\}\s*)*(\{4:\s*)?:20:", re.ASCII)  # maybe after SWIFT headers
_STATEMENT_START = re.compile(r"^:20:", re.MULTILINE)
_DETAILS = re.compile(r"^(:86:)(.*?)(?=^:\d\d[A-Z]?:|^-\s*$|\Z)", re.MULTILINE | re.DOTALL)
_REASON = re.compile(r"(?<![A-Z0-9])([A-Z]{2}\d{2})(?![A-Z0-9])")
_TOKEN_AMOUNT = re.compile(r"^(\d{1,12}(?:[,.]\d{1,5})?)(?!\d)")
_NO_REFERENCE = {"", "NONREF", "NOTPROVIDED"}

logging.getLogger("mt940").setLevel(logging.CRITICAL)  # it logs every line it cannot match


def _refused(key: str, **values) -> ValidationFailed:
    return ValidationFailed(key, field="file", **values)


def decode(content: bytes) -> str:
    """UTF-8 (with or without a BOM), else cp1252 as German banks write it."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_mt940(content: bytes) -> bool:
    """Whether the file starts like an MT940 statement (a `:20:`, maybe after SWIFT headers)."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_START.match(head.decode("latin-1")))


def cents(amount: object) -> int:
    """An MT940 amount (Decimal of the library, or the text `1428,00`) as exact cents."""
    try:
        value = Decimal(str(amount).replace(",", ".").strip())
    except InvalidOperation:
        raise _refused(N_("statement.amount_invalid"), amount=str(amount)[:40]) from None
    hundredfold = abs(value) * 100
    if not value.is_finite() or hundredfold != hundredfold.to_integral_value():
        raise _refused(N_("statement.amount_invalid"), amount=str(amount)[:40])
    return int(hundredfold)


def german_iban(account: str) -> str:
    """`:25:` as an IBAN: an IBAN as it is, `BLZ/Kontonummer` as the German IBAN of it."""
    value = account.replace(" ", "").upper()
    found = re.fullmatch(r"(\d{8})/(\d{1,10})(?:[A-Z]{3})?", value)
    if found is None:
        return value
    bban = found.group(1) + found.group(2).rjust(10, "0")
    check = 98 - int(bban + "131400") % 97  # D=13, E=14, then 00
    return f"DE{check:02d}{bban}"


def _parse_block(text: str) -> tuple[dict, list]:
    transactions = mt940_library.models.Transactions(
        processors={"post_transaction_details": [
            mt940_library.processors.transaction_details_post_processor]},
        options=mt940_library.Options(applicant_iban=True))
    try:
        found = transactions.parse(text)
    except Exception:  # noqa: BLE001 - a third-party parser on untrusted text: any failure
        raise _refused(N_("statement.mt940_invalid")) from None
    return transactions.data, list(found)


def _cut_details(text: str) -> str:
    return _DETAILS.sub(lambda m: m.group(1) + m.group(2)[:MAX_DETAILS] + "\n", text)


def parse(content: object) -> Statement:
    """The booked credits and returns of an MT940 file, or one ValidationFailed."""
    if not isinstance(content, bytes | bytearray) or not content:
        raise _refused(N_("statement.empty"))
    if len(content) > MAX_BYTES:
        raise _refused(N_("statement.too_large"), megabytes=MAX_BYTES // (1024 * 1024))
    content = bytes(content)
    text = decode(content)
    starts = [m.start() for m in _STATEMENT_START.finditer(text)]
    if not starts:
        raise _refused(N_("statement.mt940_invalid"))
    blocks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    statements, seen = [], set()
    counts = {"other_debits": 0, "duplicates": 0}
    for block in blocks:
        statements.append(_statement(_cut_details(block), seen, counts))
    return Statement(message_type=MESSAGE_TYPE, sha256=hashlib.sha256(content).hexdigest(),
                     statements=tuple(statements), pending_entries=0,
                     other_debits=counts["other_debits"], duplicates=counts["duplicates"])


def _day(value) -> date:
    if value is None:
        raise _refused(N_("statement.date_invalid"), value="")
    try:
        return date(value.year, value.month, value.day)
    except (AttributeError, TypeError, ValueError):
        raise _refused(N_("statement.date_invalid"), value=str(value)[:40]) from None


def _statement(block: str, seen: set, counts: dict) -> AccountStatement:
    data, entries = _parse_block(block)
    account = single_line(str(data.get("account_identification") or ""))
    number = single_line(str(data.get("statement_number") or ""))
    sequence = single_line(str(data.get("sequence_number") or ""))
    opening = data.get("final_opening_balance") or data.get("intermediate_opening_balance")
    if not account or not number or opening is None or ":62" not in block:
        raise _refused(N_("statement.no_statement"))
    opened = _day(getattr(opening, "date", None))
    ref = f"{opened.year}/{number}" + (f"/{sequence}" if sequence else "")
    iban = german_iban(account)
    transactions = []
    for position, entry in enumerate(entries, start=1):
        transaction = _transaction(entry.data, ref, position, counts)
        if transaction is not None:
            keep_unseen(transactions, transaction, iban, seen, counts)
    return AccountStatement(ref=ref[:35], iban=iban[:34], created_on=None,
                            transactions=tuple(transactions))


def _text(data: dict, key: str) -> str:
    return single_line(str(data.get(key) or ""))


def _transaction(data: dict, ref: str, position: int, counts: dict) -> Transaction | None:
    amount = data.get("amount")
    if amount is None or data.get("status") is None:
        raise _refused(N_("statement.amount_invalid"), amount="")
    mark = str(data["status"]).upper()
    value_cents = cents(amount.amount)
    structured = "transaction_details" not in data  # the library took the ?nn sub-fields apart
    gvc = _text(data, "transaction_code") if structured else ""
    credit = mark in ("C", "RD")
    returned = not credit and gvc in RETURN_CODES
    if not credit and not returned:
        counts["other_debits"] += 1
        return None
    remittance = _text(data, "purpose") if structured else _text(data, "transaction_details")
    end_to_end = _text(data, "end_to_end_reference")
    if end_to_end.upper() in _NO_REFERENCE:
        end_to_end = ""
    fee, reason = 0, ""
    if returned:
        if data.get("compensation_amount"):
            fee = cents(_amount_token(data["compensation_amount"]))
        value_cents = (cents(_amount_token(data["original_amount"]))
                       if data.get("original_amount") else value_cents - fee)
        found = _REASON.search(_text(data, "return_debit_notes")) or _REASON.search(remittance)
        reason = found.group(1) if found else ""
    if value_cents <= 0:
        return None
    bank_reference = _text(data, "bank_reference")
    base = bank_reference if bank_reference.upper() not in _NO_REFERENCE \
        else f"{ref}#{position}"
    return Transaction(
        key=f"MT940/{base}/{mark}{cents(amount.amount)}"[:200], is_return=returned,
        booked_on=_day(data.get("entry_date") or data.get("date")), amount_cents=value_cents,
        fee_cents=fee, currency=str(data.get("currency") or amount.currency or "").upper()[:3],
        return_reason=reason[:4], counterparty=_text(data, "applicant_name")[:140],
        remittance=remittance[:500], end_to_end_id=end_to_end[:35])


def _amount_token(text: str) -> str:
    """The amount of a COAM+/OAMT+ token (`3,00`, maybe followed by text or the currency)."""
    found = _TOKEN_AMOUNT.match(single_line(text))
    if found is None:
        raise _refused(N_("statement.amount_invalid"), amount=single_line(text)[:40])
    return found.group(1)
