"""Gapless invoice numbers per year, also when transactions roll back or issuers run at once."""

from __future__ import annotations

import pytest

from harzportal import db
from harzportal.core.errors import Conflict
from harzportal.invoices import issuing, numbering
from harzportal.invoices.models import Invoice
from tests.invoices.helpers import (
    PERIOD,
    at_once,
    audit_events,
    fee_item,
    invoices,
    issue_manual,
    line,
    member,
    run,
)

pytestmark = pytest.mark.service


def expected_numbers(year: int, count: int) -> list[str]:
    return [f"CNH-{year}-{number:04d}" for number in range(1, count + 1)]


def test_numbers_count_up_per_year(engine):
    assert [run(numbering.next_number, 2027) for _ in range(3)] == expected_numbers(2027, 3)
    assert run(numbering.next_number, 2028) == "CNH-2028-0001"
    assert run(numbering.next_number, 2027) == "CNH-2027-0004"


def test_a_rolled_back_transaction_gives_its_number_back(engine):
    assert run(numbering.next_number, 2027) == "CNH-2027-0001"

    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        assert numbering.next_number(session, 2027) == "CNH-2027-0002"
        raise RuntimeError("the invoice failed after taking its number")

    assert run(numbering.next_number, 2027) == "CNH-2027-0002"


def test_an_issue_that_fails_after_taking_its_number_leaves_no_gap(factories, staff_actor):
    organization = member(factories)

    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        issuing.issue_manual_invoice(session, staff_actor, organization.id, [line()], *PERIOD)
        raise RuntimeError("the mail could not be queued")

    assert invoices() == []
    assert issue_manual(staff_actor, organization).number == "CNH-2027-0001"


def test_eight_issuers_at_once_get_eight_distinct_numbers_without_a_gap(factories,
                                                                         staff_actor):
    organization = member(factories)

    def issue(_index, session):
        return issuing.issue_manual_invoice(session, staff_actor, organization.id, [line()],
                                            *PERIOD).number

    outcomes = at_once(8, issue)

    assert sorted(outcomes, key=str) == expected_numbers(2027, 8), outcomes
    assert sorted(invoice.number for invoice in invoices()) == expected_numbers(2027, 8)


def test_two_annual_runs_at_once_invoice_every_member_once(factories, staff_actor):
    fee_item("chemical", 0, None, 600)
    organizations = [member(factories, name=f"Werk {letter} GmbH") for letter in "ABC"]

    outcomes = at_once(2, lambda _index, session: issuing.issue_annual_run(session, staff_actor,
                                                                           2027))

    winner = [outcome for outcome in outcomes if outcome == 3]
    loser = [outcome for outcome in outcomes if outcome != 3]
    assert len(winner) == 1, outcomes
    assert loser == [0] or (isinstance(loser[0], Conflict)
                            and loser[0].message_key == "invoice_run.running_elsewhere"), outcomes
    issued = invoices(Invoice.fee_year == 2027)
    assert sorted(invoice.organization_id for invoice in issued) == sorted(
        organization.id for organization in organizations)
    assert sorted(invoice.number for invoice in issued) == expected_numbers(2027, 3)
    assert len(audit_events("invoice_run.completed")) == (2 if loser == [0] else 1)
    assert len(audit_events("invoice.issued")) == 3
