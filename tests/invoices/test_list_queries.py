"""A list of invoices costs a fixed number of SQL statements, however many invoices there are."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from harzportal import db
from harzportal.core.roles import Role
from harzportal.invoices import service
from harzportal.invoices.models import Invoice, Payment
from tests.invoices.helpers import billing_contact, member, run
from tests.service_calls import counted

pytestmark = pytest.mark.service


def add_invoices(organization, count: int, first: int) -> None:
    """`count` invoices stored directly (no PDF), one issued per day, each partly paid."""
    with db.unit_of_work() as session:
        for number in range(first, first + count):
            issued = date(2026, 1, 1) + timedelta(days=number)
            invoice = Invoice(
                number=f"CNH-2026-{number:04d}", organization_id=organization.id,
                recipient_name=organization.name, issue_date=issued, service_from=issued,
                service_to=issued, due_date=issued + timedelta(days=30), net_cents=10000,
                vat_cents=1900, gross_cents=11900, paid_cents=1900)
            session.add(invoice)
            session.flush()
            session.add(Payment(invoice_id=invoice.id, paid_on=issued, amount_cents=1900))


@pytest.fixture
def organization(factories):
    return member(factories)


@pytest.mark.parametrize("role", ["manager", "billing", "staff"])
def test_the_member_list_costs_the_same_statements_for_5_and_for_60_invoices(
        engine, factories, organization, staff, role):
    person = {"manager": lambda: factories.user(organization, role=Role.ORG_MANAGER),
              "billing": lambda: billing_contact(factories, organization),
              "staff": lambda: staff}[role]()
    actor = factories.actor(person)
    member(factories, name="Andere GmbH")  # another organization's invoices do not count
    add_invoices(organization, 5, first=1)

    with counted(engine) as few:
        small = run(service.list_member_invoices, actor, organization.id)
    add_invoices(organization, 55, first=6)
    with counted(engine) as many:
        large = run(service.list_member_invoices, actor, organization.id, 2)

    assert (small.page.total, len(small.page.items)) == (5, 5)
    assert (large.page.total, large.page.pages, large.page.page, len(large.page.items)) == (
        60, 3, 2, service.PAGE_SIZE)
    # Newest first: page 2 of 60 holds numbers 40 down to 21.
    assert [listing.invoice.number for listing in large.page.items] == [
        f"CNH-2026-{number:04d}" for number in range(40, 20, -1)]
    assert large.outstanding_cents == 600000  # 60 x 100,00 € still open
    assert len(many) == len(few), (few, many)
    assert len(few) <= 6, few


def test_the_staff_list_costs_the_same_statements_for_5_and_for_60_invoices(
        engine, organization, staff_actor):
    add_invoices(organization, 5, first=1)
    with counted(engine) as few:
        small = run(service.list_staff_invoices, staff_actor, state="overdue")
    add_invoices(organization, 55, first=6)
    with counted(engine) as many:
        large = run(service.list_staff_invoices, staff_actor, state="overdue", page=3)

    assert (small.total, large.total, len(large.items)) == (5, 60, 20)
    assert {listing.organization_name for listing in large.items} == {organization.name}
    assert len(many) == len(few), (few, many)
