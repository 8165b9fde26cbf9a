"""The invoice pages' State handlers, called directly with a valid session and forged ids:
another organization's invoice is never shown, members cannot run staff actions."""

from __future__ import annotations

import pytest

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal.core.roles import Role
from harzportal.invoices.admin_state import InvoiceRunState, StaffInvoicesState
from harzportal.invoices.models import Invoice
from harzportal.invoices.state import InvoicesState, InvoiceState
from tests.handler_calls import call_handler, shown, signed_in_state
from tests.invoices.helpers import billing_contact, invoices, issue_manual, load, member

pytestmark = pytest.mark.service








@pytest.fixture
def world(factories, staff_actor):
    harzer = member(factories, name="Harzer Chemiewerke GmbH")
    oker = member(factories, name="Oker Recycling GmbH")
    return {
        "invoice": issue_manual(staff_actor, harzer),
        "oker_manager": factories.user(oker, role=Role.ORG_MANAGER),
        "oker_billing": billing_contact(factories, oker),
        "harzer_contact": factories.user(harzer, role=Role.CONTACT),
        "harzer_manager": factories.user(harzer, role=Role.ORG_MANAGER),
    }


@pytest.mark.parametrize("who", ["oker_manager", "oker_billing", "harzer_contact"])
async def test_the_invoice_page_shows_nothing_to_people_who_may_not_see_it(world, monkeypatch,
                                                                           who):
    invoice = world["invoice"]
    state = signed_in_state(InvoiceState, world[who], monkeypatch, invoice.id)
    await call_handler(state, "load")
    assert state.loaded is False and state.error != ""
    assert invoice.number not in shown(state) and "Harzer" not in shown(state)


async def test_a_plain_contact_gets_no_invoice_list(world, monkeypatch):
    state = signed_in_state(InvoicesState, world["harzer_contact"], monkeypatch)
    await call_handler(state, "load")
    assert state.rows == [] and state.error != ""


async def test_the_own_manager_sees_the_invoice(world, monkeypatch):
    invoice = world["invoice"]
    state = signed_in_state(InvoiceState, world["harzer_manager"], monkeypatch, invoice.id)
    await call_handler(state, "load")
    assert state.loaded is True and state.invoice.number == invoice.number


@pytest.mark.parametrize("handler, arguments", [
    ("record_payment", ({"paid_on": "2027-01-15", "amount": "1.428,00", "reference": "x"},)),
    ("send_reminder", ()),
    ("cancel", ()),
])
async def test_members_cannot_run_staff_actions_on_an_invoice(world, monkeypatch, handler,
                                                              arguments):
    invoice = world["invoice"]
    state = signed_in_state(InvoiceState, world["harzer_manager"], monkeypatch, invoice.id)
    result = await call_handler(state, handler, *arguments)
    assert "/dashboard" in str(result)
    after = load(Invoice, invoice.id)
    assert (after.status, after.paid_cents, after.reminder_level) == ("issued", 0, 0)
    assert len(invoices()) == 1  # no credit note


@pytest.mark.parametrize("state_class, handler, arguments", [
    (InvoiceRunState, "issue_all", ()),
    (StaffInvoicesState, "load", ()),
    (StaffInvoicesState, "go_to_page", (2,)),  # the paging shared by every staff list
])
async def test_members_cannot_reach_the_staff_invoice_screens(world, monkeypatch, state_class,
                                                              handler, arguments):
    state = signed_in_state(state_class, world["harzer_manager"], monkeypatch)
    result = await call_handler(state, handler, *arguments)
    assert "/dashboard" in str(result)
    assert len(invoices()) == 1
