"""The other messages and versions: camt.052 (intraday report), camt.054 (notification) and the
older camt.053.001.02 are read like camt.053.001.08; an intraday report and then the day's
statement book an entry once."""

from __future__ import annotations

import pytest

from harzportal.banking import camt, matching, statements
from harzportal.banking.models import BankEntry
from tests.banking.statements import credit, statement
from tests.invoices.helpers import billing_contact, issue_manual, member, payments_of, rows, run

pytestmark = pytest.mark.service


def as_message(content: bytes, message: str, version: str = "08") -> bytes:
    container, part = {"camt.052": ("BkToCstmrAcctRpt", "Rpt"),
                       "camt.053": ("BkToCstmrStmt", "Stmt"),
                       "camt.054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn")}[message]
    text = content.decode().replace("camt.053.001.08", f"{message}.001.{version}")
    text = text.replace("BkToCstmrStmt", container).replace("<Stmt>", f"<{part}>")
    text = text.replace("</Stmt>", f"</{part}>")
    if version == "02":
        text = text.replace("<Sts><Cd>BOOK</Cd></Sts>", "<Sts>BOOK</Sts>")
    return text.encode()


@pytest.mark.parametrize(("message", "version"), [("camt.052", "08"), ("camt.054", "08"),
                                                  ("camt.053", "02"), ("camt.053", "13")])
def test_other_messages_and_versions_are_read(message, version):
    parsed = camt.parse(as_message(statement(credit("12.34", "CNH-2027-0001")), message,
                                   version))
    assert parsed.message_type == f"{message}.001.{version}"
    [transaction] = parsed.statements[0].transactions
    assert (transaction.amount_cents, transaction.remittance) == (1234, "CNH-2027-0001")


def test_pending_entries_and_other_debits_are_not_read():
    content = statement(credit("1.00", "x")).replace(b"<Cd>BOOK</Cd>", b"<Cd>PDNG</Cd>")
    parsed = camt.parse(content)
    assert parsed.statements[0].transactions == () and parsed.pending_entries == 1
    debit = statement(credit("1.00", "Kontogebühr")).replace(b"CRDT", b"DBIT")
    parsed = camt.parse(debit)
    assert parsed.statements[0].transactions == () and parsed.other_debits == 1


def test_an_intraday_report_and_then_the_statement_book_once(factories, staff_actor):
    organization = member(factories)
    billing_contact(factories, organization)
    invoice = issue_manual(staff_actor, organization)
    content = statement(credit("1428.00", invoice.number))
    for file in (as_message(content, "camt.052"), content):
        plan = run(statements.preview_import, staff_actor, file)
        run(statements.book_import, staff_actor, file, plan.sha256)
    assert len(payments_of(invoice.id)) == 1 and len(rows(BankEntry)) == 1


@pytest.mark.parametrize(("text", "found"), [
    ("CNH-2027-0012", ["CNH-2027-0012"]), ("cnh 2027 12", ["CNH-2027-0012"]),
    ("XCNH-2027-0012", []), ("CNH-2027-00123456789", []), ("Rg CNH2027/0012, CNH-2027-0013",
                                                          ["CNH-2027-0012", "CNH-2027-0013"]),
    ("", []), ("2027-0012", [])])
def test_invoice_numbers_are_found_tolerantly(text, found):
    assert matching.invoice_numbers("CNH", text) == found
