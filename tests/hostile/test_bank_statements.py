"""Hostile bank statements: not XML, an XML bomb, an external entity, another message, a file of
50 MB, duplicated statement ids, amounts with many decimals or a sign, and random bytes. Each is
answered (a preview) or refused with a translated message, never an error, and a refused file
books nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harzportal.banking import camt, reading, statements
from harzportal.banking.models import BankEntry
from harzportal.core.errors import ValidationFailed
from harzportal.core.roles import Role
from tests.banking.statements import credit, schema_errors, statement
from tests.hostile.helpers import ACCEPTED, REFUSED, attempt, attempt_pure
from tests.invoices.helpers import rows

pytestmark = pytest.mark.service

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>&lol9;
</BkToCstmrStmt></Document>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>&secret;</MsgId></GrpHdr></BkToCstmrStmt></Document>"""
PAIN_008 = (b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:'
            b'pain.008.001.08"><CstmrDrctDbtInitn/></Document>')


def refusal_key(content) -> str:
    outcome, error = attempt_pure(camt.parse, content)
    assert outcome == REFUSED
    return error.message_key


@pytest.fixture
def staff(factories):
    return factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))


@pytest.mark.parametrize(("content", "key"), [
    (b"", "statement.empty"),
    (b"%PDF-1.7 not a statement", "statement.not_xml"),
    (b"<Document><unclosed>", "statement.not_xml"),
    (BOMB, "statement.doctype_refused"),
    (EXTERNAL, "statement.doctype_refused"),
    (PAIN_008, "statement.wrong_type"),
    (b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
     b"<BkToCstmrStmt/></Document>", "statement.no_statement"),
    ("a text, not bytes", "statement.empty"),
])
def test_files_that_are_no_statement_are_refused_with_a_message(content, key):
    assert refusal_key(content) == key


def test_an_external_entity_is_never_read():
    with pytest.raises(ValidationFailed) as raised:
        camt.parse(EXTERNAL)
    assert "root:" not in str(raised.value.values)


def test_a_50_mb_file_is_refused_before_it_is_parsed(monkeypatch):
    parsed = []
    monkeypatch.setattr(camt, "_parse_xml", lambda content: parsed.append(content))
    assert refusal_key(b"<" + b"x" * (50 * 1024 * 1024)) == "statement.too_large"
    assert parsed == []


def test_the_upload_reads_at_most_the_limit_and_one_byte():
    from harzportal.banking.state import _read_limited

    class Endless:
        requested: list[int] = []

        def read(self, size=-1):
            self.requested.append(size)
            return b"x" * size

    class Upload:
        file = Endless()

    with pytest.raises(ValidationFailed):
        _read_limited(Upload())
    assert Upload.file.requested == [camt.MAX_BYTES + 1]


@pytest.mark.parametrize(("amount", "cents"), [("1428.00", 142800), ("1428.00000", 142800),
                                               ("0.01", 1), ("1428", 142800)])
def test_amounts_are_exact_cents(amount, cents):
    assert camt.cents(amount) == cents


@pytest.mark.parametrize("amount", ["1428.001", "1428.000001", "-5.00", "+5.00", "1e3", "NaN",
                                    "1,50", " ", "99999999999999.00", "Infinity"])
def test_amounts_with_a_fraction_of_a_cent_or_a_sign_are_refused(amount):
    assert refusal_key(statement(credit(amount, "CNH-2027-0001"))) == "statement.amount_invalid"


def test_duplicated_statement_ids_in_one_file_give_each_entry_once(staff):
    content = statement(credit("10.00", "Spende"), times=3)
    assert schema_errors(content) == []
    outcome, plan = attempt(statements.preview_import, staff, content)
    assert outcome == ACCEPTED and len(plan.entries) == 1 and plan.duplicates == 2
    attempt(statements.book_import, staff, content, plan.sha256)
    assert len(rows(BankEntry)) == 1


@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_and_book_nothing(staff, content):
    outcome, _ = attempt(statements.book_import, staff, content, "x")
    assert outcome == REFUSED


@given(st.text(max_size=60), st.decimals(allow_nan=True, allow_infinity=True, places=None))
def test_random_remittances_and_amounts_are_answered_or_refused(staff, remittance, amount):
    content = statement(credit(str(amount), remittance.replace("\x00", "")))
    outcome, plan = attempt(statements.preview_import, staff, content)
    if outcome == ACCEPTED:
        assert all(entry.transaction.amount_cents > 0 for entry in plan.entries)


# MT940 (the kind is decided by the content: a file starting with :20:)

def mt940_sample() -> bytes:
    from tests.banking.test_mt940 import Line, mt940_file

    return mt940_file(
        Line("C", "1428,00", "171", "SEPA-LASTSCHRIFT", eref="CNH-2027-0001", svwz="Beitrag"),
        Line("D", "1431,00", "109", "RÜCKLASTSCHRIFT", eref="CNH-2027-0001",
             tokens="OAMT+1428,00 COAM+3,00", reason="MD06"))


def mt940_refusal_key(content) -> str:
    outcome, error = attempt_pure(reading.read, content)
    assert outcome == REFUSED
    return error.message_key


@pytest.mark.parametrize("cut", range(0, 420, 7))
def test_a_truncated_mt940_is_answered_or_refused_and_books_nothing_half(staff, cut):
    content = mt940_sample()[:cut]
    outcome, result = attempt(statements.preview_import, staff, content)
    if outcome == ACCEPTED:  # cut inside the last lines: what is complete is read
        assert all(entry.transaction.amount_cents > 0 for entry in result.entries)


@pytest.mark.parametrize(("content", "key"), [
    (b":20:X\n:25:DE02120300000000202051\n", "statement.no_statement"),
    (b":20:X\n:25:DE02120300000000202051\n:28C:1\n:60F:C270101EUR0,00\n:61:2701",
     "statement.mt940_invalid"),
    (b":20:X\n:25:DE02120300000000202051\n:28C:1\n:60F:C270101EUR0,00\n:61:27010"
     b"2C5,00NTRFNONREF\n:86:x\n:62F:C27", "statement.mt940_invalid"),
    (b":20:", "statement.no_statement"),
    (b":21:not a start\n", "statement.not_xml"),
])
def test_incomplete_mt940_records_are_refused_with_a_message(content, key):
    assert mt940_refusal_key(content) == key


def test_a_huge_86_is_cut_and_read_quickly():
    import time

    huge = b":86:166?20SVWZ+" + b"Rechnung CNH-2027-0001 " * 400_000
    content = mt940_sample().replace(b":86:171?00SEPA-LASTSCHRIFT", huge, 1)
    assert len(content) > 8 * 1024 * 1024
    started = time.monotonic()
    outcome, parsed = attempt_pure(reading.read, content)
    assert time.monotonic() - started < 10
    assert outcome == ACCEPTED
    assert all(len(t.remittance) <= 500 for t in parsed.statements[0].transactions)


@pytest.mark.parametrize("amount", ["1428,001", "0,005", "1,2,3", "1428,00000001"])
def test_mt940_amounts_with_a_fraction_of_a_cent_are_refused(amount):
    content = mt940_sample().replace(b"C1428,00NTRF", f"C{amount}NTRF".encode())
    assert mt940_refusal_key(content) in ("statement.amount_invalid", "statement.mt940_invalid")


def test_mt940_amounts_with_three_zero_decimals_are_whole_cents():
    content = mt940_sample().replace(b"C1428,00NTRF", b"C1428,000NTRF")
    assert reading.read(content).statements[0].transactions[0].amount_cents == 142800


def test_mixed_line_endings_read_like_clean_ones():
    clean = reading.read(mt940_sample())
    lines = mt940_sample().split(b"\r\n")
    mixed = b"".join(line + (b"\r\n", b"\n", b"\r")[index % 3] for index, line in enumerate(lines))
    assert reading.read(mixed).statements == clean.statements


def test_an_mt940_above_the_limit_is_refused_before_it_is_read(monkeypatch):
    from harzportal.banking import mt940

    monkeypatch.setattr(mt940, "_parse_block", lambda text: pytest.fail("parsed"))
    content = mt940_sample() + b" " * (camt.MAX_BYTES + 1)
    assert mt940_refusal_key(content) == "statement.too_large"


@given(st.binary(max_size=1500))
def test_garbage_after_an_mt940_start_is_refused_or_read_and_never_fails(staff, tail):
    content = b":20:STARTUMSE\r\n" + tail
    outcome, _ = attempt(statements.book_import, staff, content, "x")
    assert outcome == REFUSED


@given(st.text(max_size=80))
def test_random_86_texts_are_answered_or_refused(staff, text):
    content = mt940_sample().replace(b"SVWZ+Beitrag", ("SVWZ+" + text).encode("utf-8"))
    outcome, plan = attempt(statements.preview_import, staff, content)
    if outcome == ACCEPTED:
        assert all(entry.transaction.amount_cents > 0 for entry in plan.entries)
