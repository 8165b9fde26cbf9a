"""The bank page's handlers: members reach none of them; staff upload, preview and book through
them, and a second booking of the same file books nothing."""

from __future__ import annotations

import io

import pytest

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal.banking.models import BankEntry
from harzportal.banking.state import BankStatementState
from harzportal.core.roles import Role
from harzportal.invoices.models import Invoice, Payment
from tests.banking.statements import credit, statement
from tests.handler_calls import call_handler, signed_in_state
from tests.invoices.helpers import billing_contact, issue_manual, load, member, rows

pytestmark = pytest.mark.service


class _Upload:
    def __init__(self, content: bytes):
        self.file = io.BytesIO(content)
        self.filename = "auszug.xml"


@pytest.fixture
def world(factories, staff_actor, staff):
    harzer = member(factories, name="Harzer Chemiewerke GmbH")
    manager = billing_contact(factories, harzer, role=Role.ORG_MANAGER)
    invoice = issue_manual(staff_actor, harzer)
    return {"staff": staff, "manager": manager, "invoice": invoice,
            "content": statement(credit("1428.00", invoice.number), credit("5.00", "Spende",
                                                                           ref="R2"))}


@pytest.mark.parametrize("handler", ["load", "upload", "book", "assign", "mark_reviewed",
                                     "watch_run"])
async def test_members_reach_no_bank_handler(world, monkeypatch, handler):
    state = signed_in_state(BankStatementState, world["manager"], monkeypatch)
    arguments = {"upload": ([_Upload(world["content"])],), "assign": (
        {"entry_id": "1", "invoice_id": str(world["invoice"].id)},),
        "mark_reviewed": (1,)}.get(handler, ())
    result = await call_handler(state, handler, *arguments)
    assert "/dashboard" in str(result)
    assert state.planned == [] and rows(BankEntry) == [] and rows(Payment) == []


async def test_staff_upload_preview_and_book(world, monkeypatch):
    state = signed_in_state(BankStatementState, world["staff"], monkeypatch)
    await call_handler(state, "load")
    await call_handler(state, "upload", [_Upload(world["content"])])
    assert state.error == "" and state.preview.to_book == 2
    assert [row.outcome for row in state.planned] == ["exact", "unmatched"]
    assert load(Invoice, world["invoice"].id).paid_cents == 0
    await call_handler(state, "book")  # a job, run at once in the tests
    await call_handler(state, "watch_run")
    assert "Gebucht" in state.message and state.planned == []
    assert load(Invoice, world["invoice"].id).status == "paid"
    [unmatched] = state.entries
    await call_handler(state, "upload", [_Upload(world["content"])])
    assert state.preview.to_book == 0 and all(row.already for row in state.planned)
    await call_handler(state, "mark_reviewed", unmatched.id)
    assert state.entries == []


async def test_a_refused_file_shows_a_message_and_keeps_nothing(world, monkeypatch):
    state = signed_in_state(BankStatementState, world["staff"], monkeypatch)
    await call_handler(state, "upload", [_Upload(b"<not xml")])
    assert state.error == "Die Datei ist weder lesbares XML (camt) noch ein MT940-Auszug." \
        and state.planned == []
    await call_handler(state, "book")
    assert state.error == "Bitte zuerst einen Kontoauszug hochladen."
    assert rows(BankEntry) == []
