"""MT940 statements (German banks' `.sta` with the structured :86:) book exactly like the
equivalent camt.053: credits named by EREF+ or SVWZ+, a partial payment, an unknown credit, a
bank fee that is no return, and a returned direct debit (GVC 109) with its fee."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from harzportal.banking import mt940, reading, statements
from harzportal.banking.models import BankEntry, BankStatement, EntryOutcome
from harzportal.invoices.models import Invoice
from tests.banking.statements import IBAN, credit, debit_return, statement
from tests.invoices.helpers import (
    billing_contact,
    issue_manual,
    load,
    member,
    payments_of,
    rows,
    run,
)

pytestmark = pytest.mark.service

BLZ, ACCOUNT = IBAN[4:12], IBAN[12:]  # the same account as the camt test statements


@dataclass
class Line:
    """One :61: with its :86:."""

    mark: str  # C or D
    amount: str  # MT940 style: 1428,00
    gvc: str
    posting: str
    eref: str = ""
    svwz: str = ""
    name: str = "Harzer Chemiewerke GmbH"
    reason: str = ""  # ?34
    bank_ref: str = ""
    tokens: str = ""  # further SVWZ tokens (OAMT+/COAM+)


def details(line: Line) -> str:
    remittance = []
    if line.eref:
        remittance.append(f"EREF+{line.eref}")
    if line.tokens:
        remittance.append(line.tokens)
    if line.svwz:
        remittance.append(f"SVWZ+{line.svwz}")
    fields = [f"{line.gvc}?00{line.posting}?10931"]
    text = " ".join(remittance)
    for index, start in enumerate(range(0, len(text), 27)):
        fields.append(f"?{20 + index}{text[start:start + 27]}")
    fields.append("?30BYLADEM1001?31DE89370400440532013000")
    fields.append(f"?32{line.name[:27]}")
    if len(line.name) > 27:
        fields.append(f"?33{line.name[27:54]}")
    if line.reason:
        fields.append(f"?34{line.reason}")
    return "\r\n".join(fields)


def mt940_file(*lines: Line, number: str = "00003/001", day: str = "270115",
               encoding: str = "cp1252", newline: str = "\r\n") -> bytes:
    body = [":20:STARTUMSE", f":25:{BLZ}/{ACCOUNT}", f":28C:{number}",
            f":60F:C{day}EUR10000,00"]
    for line in lines:
        reference = f"NONREF//{line.bank_ref}" if line.bank_ref else "NONREF"
        kind = "NTRF" if line.mark == "C" else "NRTI"
        body.append(f":61:{day}{day[2:]}{line.mark}{line.amount}{kind}{reference}")
        body.append(f":86:{details(line)}")
    body += [f":62F:C{day}EUR12000,00", "-"]
    return newline.join(body).replace("\r\n", newline).encode(encoding) + newline.encode()


@pytest.fixture
def invoices(factories, staff_actor):
    organization = member(factories, name="Harzer Chemiewerke GmbH")
    billing_contact(factories, organization, email="buchhaltung@harzer-chemie.example")
    return issue_manual(staff_actor, organization), issue_manual(staff_actor, organization)


def month(first, second, kind):
    """The month's statement: the first invoice paid by its collection (EREF+), a part of the
    second by transfer (SVWZ+), a donation nobody can match, and the account's fee."""
    if kind == "mt940":
        return mt940_file(
            Line("C", "1428,00", "171", "SEPA-LASTSCHRIFT", eref=first.number,
                 svwz="Mitgliedsbeitrag 2027"),
            Line("C", "428,00", "166", "GUTSCHR. ÜBERWEISUNG",
                 svwz=f"Rechnung {second.number} Teilzahlung", name="Müller & Söhne Chemie"),
            Line("C", "50,00", "166", "GUTSCHR. ÜBERWEISUNG", svwz="Spende Sommerfest"),
            Line("D", "12,50", "805", "ABSCHLUSS", svwz="Kontoführung Januar"))
    fee = credit("12.50", "Kontoführung Januar", ref="FEE1")
    fee.debit = True
    return statement(credit("1428.00", "Mitgliedsbeitrag 2027", ref="A",
                            end_to_end=first.number),
                     credit("428.00", f"Rechnung {second.number} Teilzahlung", ref="B"),
                     credit("50.00", "Spende Sommerfest", ref="C"), fee)


def the_return(first, kind):
    if kind == "mt940":
        return mt940_file(Line("D", "1431,00", "109", "RÜCKLASTSCHRIFT", eref=first.number,
                               tokens="OAMT+1428,00 COAM+3,00", svwz="Lastschrift Beitrag",
                               reason="MD06"), number="00004/001", day="270120")
    return statement(debit_return("1431.00", first.number, instructed="1428.00", fee="3.00",
                                  reason="MD06"), statement_id="2027-01-0002")


def book(actor, content):
    plan = run(statements.preview_import, actor, content)
    return run(statements.book_import, actor, content, plan.sha256)


def booked(plan):
    return [(e.outcome, e.booked_cents, e.difference_cents) for e in plan.to_book]


@pytest.mark.parametrize("kind", ["camt", "mt940"])
def test_an_mt940_month_books_like_the_camt_month(staff_actor, invoices, kind):
    first, second = invoices
    plan = book(staff_actor, month(first, second, kind))
    assert booked(plan) == [(EntryOutcome.EXACT, 142800, 0),
                            (EntryOutcome.PARTIAL, 42800, 100000),
                            (EntryOutcome.UNMATCHED, 0, 0)]
    assert plan.other_debits == 1
    assert (load(Invoice, first.id).status, load(Invoice, second.id).paid_cents) == (
        "paid", 42800)
    plan = book(staff_actor, the_return(first, kind))
    assert booked(plan) == [(EntryOutcome.RETURNED, 142800, 0)]
    assert (load(Invoice, first.id).status, load(Invoice, first.id).paid_cents) == ("issued", 0)
    [returned] = [e for e in rows(BankEntry) if e.is_return]
    assert (returned.amount_cents, returned.fee_cents, returned.return_reason,
            returned.account_iban) == (142800, 300, "MD06", IBAN)
    assert payments_of(first.id)[0].returned_on is not None


def test_the_mt940_fields_are_read(invoices):
    first, second = invoices
    parsed = mt940.parse(month(first, second, "mt940"))
    assert parsed.message_type == "MT940" and parsed.other_debits == 1
    [account] = parsed.statements
    assert (account.ref, account.iban) == ("2027/00003/001", IBAN)
    paid, part, gift = account.transactions
    assert (paid.end_to_end_id, paid.remittance, paid.amount_cents) == (
        first.number, "Mitgliedsbeitrag 2027", 142800)
    assert part.counterparty == "Müller & Söhne Chemie"  # cp1252 decoded
    assert part.remittance == f"Rechnung {second.number} Teilzahlung"
    assert gift.booked_on.isoformat() == "2027-01-15" and not gift.is_return
    assert len({t.key for t in account.transactions}) == 3


def test_importing_the_same_mt940_twice_books_nothing_twice(staff_actor, invoices):
    first, second = invoices
    content = month(first, second, "mt940")
    book(staff_actor, content)
    again = book(staff_actor, content)
    assert again.to_book == () and all(e.already_imported for e in again.entries)
    assert len(rows(BankEntry)) == 3 and len(rows(BankStatement)) == 1
    assert len(payments_of(first.id)) == 1 and len(payments_of(second.id)) == 1
    return_file = the_return(first, "mt940")
    book(staff_actor, return_file)
    book(staff_actor, return_file)
    assert len([e for e in rows(BankEntry) if e.is_return]) == 1


def test_the_bank_reference_keys_an_entry_and_statement_numbers_of_another_year_differ(
        invoices):
    first, _ = invoices
    line = Line("C", "1428,00", "166", "GUTSCHRIFT", eref=first.number, bank_ref="BK4711")
    [one] = mt940.parse(mt940_file(line)).statements[0].transactions
    [two] = mt940.parse(mt940_file(Line("C", "1,00", "166", "X"), line)).statements[0] \
        .transactions[1:]
    assert one.key == two.key  # the same bank reference, wherever the entry stands
    plain = Line("C", "1428,00", "166", "GUTSCHRIFT", eref=first.number)
    this_year = mt940.parse(mt940_file(plain)).statements[0]
    next_year = mt940.parse(mt940_file(plain, day="280115")).statements[0]
    assert this_year.ref != next_year.ref
    assert this_year.transactions[0].key != next_year.transactions[0].key


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_encodings_and_line_ends_read_the_same(invoices, encoding, newline):
    first, second = invoices
    line = Line("C", "428,00", "166", "GUTSCHR. ÜBERWEISUNG", svwz=f"Rechnung {second.number}",
                name="Müller & Söhne Chemie")
    [transaction] = mt940.parse(mt940_file(line, encoding=encoding, newline=newline)) \
        .statements[0].transactions
    assert transaction.counterparty == "Müller & Söhne Chemie"
    assert transaction.remittance == f"Rechnung {second.number}"


def test_the_kind_is_decided_by_the_content(invoices):
    first, second = invoices
    assert reading.read(month(first, second, "mt940")).message_type == "MT940"
    assert reading.read(month(first, second, "camt")).message_type == "camt.053.001.08"
    assert reading.read(b"\xef\xbb\xbf\r\n" + month(first, second, "mt940")).message_type \
        == "MT940"


def test_a_free_text_86_and_a_reversed_debit_are_read():
    content = (":20:X\n:25:DE02120300000000202051\n:28C:7\n:60F:C270101EUR0,00\n"
               ":61:270102RD5,00NTRFNONREF\n:86:Erstattung CNH-2027-0001\n"
               ":62F:C270102EUR5,00\n-\n").encode()
    [account] = mt940.parse(content).statements
    [transaction] = account.transactions
    assert (account.iban, transaction.amount_cents, transaction.remittance) == (
        "DE02120300000000202051", 500, "Erstattung CNH-2027-0001")


def test_german_iban_from_bank_code_and_account():
    assert mt940.german_iban("37040044/532013000") == "DE89370400440532013000"
    assert mt940.german_iban("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000"


def test_a_file_with_swift_header_blocks_is_read(invoices):
    first, second = invoices
    body = month(first, second, "mt940").replace(b"\r\n-\r\n", b"\r\n-}\r\n")
    content = (b"{1:F01BYLADEMMAXXX0000000000}{2:O9401200270115BYLADEMMXXXX0000000000}{4:\r\n"
               + body)
    [account] = reading.read(content).statements
    assert account.ref == "2027/00003/001" and len(account.transactions) == 3
