"""The demo statement: valid camt.053.001.08, and booked on the demo network it pays four fees
exactly, one in part, leaves one credit unmatched and returns one direct debit."""

from __future__ import annotations

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.banking import statements
from harzportal.banking.demo_statement import STATEMENT_FILE, statement_for
from harzportal.banking.models import EntryOutcome
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.demo import accounts
from harzportal.demo import invoices as demo_invoices
from harzportal.demo.seed import seed_demo
from harzportal.invoices.models import Invoice, Payment
from harzportal.mail.models import OutboxEmail
from tests.banking.statements import schema_errors
from tests.service_calls import run

pytestmark = pytest.mark.service


def test_the_demo_file_and_its_moved_copies_are_valid_camt_053():
    assert schema_errors(STATEMENT_FILE.read_bytes()) == []
    assert schema_errors(statement_for(2031)) == []
    assert b"2025" not in statement_for(2031)


@pytest.fixture
def demo(engine, private_data_dir):
    with db.unit_of_work() as session:
        seed_demo(session)


def _staff() -> Actor:
    with db.unit_of_work() as session:
        admin = session.exec(select(User).where(User.email == accounts.ADMIN_EMAIL)).one()
    return Actor(user_id=admin.id, organization_id=None, role=Role.NETWORK_ADMIN)


def _invoice(name: str) -> Invoice:
    with db.unit_of_work() as session:
        return session.exec(select(Invoice).where(
            Invoice.recipient_name == name, Invoice.fee_year == clock.today().year - 1)).one()


def test_the_demo_statement_books_as_the_readme_says(demo):
    staff = _staff()
    returned = _invoice(demo_invoices.RETURNED_DEBIT)
    assert returned.status == "paid"
    with db.unit_of_work() as session:
        [payment] = session.exec(select(Payment).where(Payment.invoice_id == returned.id)).all()
        assert payment.reference == f"Lastschrift {returned.number}"  # demo/debits.py
    for name in demo_invoices.ON_STATEMENT:
        assert _invoice(name).status == "issued"
    content = statement_for(clock.today().year - 1)
    plan = run(statements.preview_import, staff, content)
    by_outcome = sorted((e.outcome.value, e.organization_name) for e in plan.entries)
    assert by_outcome == sorted([
        (EntryOutcome.EXACT.value, "Harzer Chemiewerke GmbH"),
        (EntryOutcome.EXACT.value, "Brocken Spezialchemie GmbH"),
        (EntryOutcome.EXACT.value, "Nordhäuser Feinchemie GmbH"),
        (EntryOutcome.EXACT.value, "Südharz Gips & Baustoffchemie KG"),
        (EntryOutcome.PARTIAL.value, "Clausthaler Zinkwerke GmbH"),
        (EntryOutcome.UNMATCHED.value, ""),
        (EntryOutcome.RETURNED.value, demo_invoices.RETURNED_DEBIT)])
    run(statements.book_import, staff, content, plan.sha256)
    assert _invoice("Harzer Chemiewerke GmbH").status == "paid"
    assert _invoice("Clausthaler Zinkwerke GmbH").paid_cents == 60000
    assert _invoice(demo_invoices.RETURNED_DEBIT).status == "issued"
    with db.unit_of_work() as session:
        mails = session.exec(select(OutboxEmail).where(OutboxEmail.kind == "debit_return")).all()
    assert mails and all(returned.number in mail.subject for mail in mails)
    again = run(statements.preview_import, staff, content)
    assert again.to_book == ()
