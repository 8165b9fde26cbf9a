"""Hostile bank statements: not XML, an XML bomb, an external entity, another message, a file of
50 MB, duplicated statement ids, amounts with many decimals or a sign, and random bytes. Each is
answered (a preview) or refused with a translated message, never an error, and a refused file
books nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harzportal.banking import camt, statements
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
