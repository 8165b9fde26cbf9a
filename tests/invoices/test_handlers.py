"""The invoice pages' State handlers, called directly with a valid session and forged ids:
another organization's invoice is never shown, members cannot run staff actions."""

from __future__ import annotations

import inspect

import pytest
import reflex as rx

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal import db
from harzportal.auth import sessions
from harzportal.auth.state import PortalState
from harzportal.core.roles import Role
from harzportal.invoices.admin_state import InvoiceRunState, StaffInvoicesState
from harzportal.invoices.models import Invoice
from harzportal.invoices.state import InvoicesState, InvoiceState
from tests.invoices.helpers import billing_contact, invoices, issue_manual, load, member

pytestmark = pytest.mark.service


def _state(state_class, user, monkeypatch, route_id=None):
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    monkeypatch.setattr(PortalState, "_route_id", lambda self: route_id)
    state = rx.State().get_substate(state_class.get_full_name().split("."))
    state.session_token = token
    return state


async def _call(state, name: str, *arguments):
    result = type(state).event_handlers[name].fn(state, *arguments)
    return await result if inspect.isawaitable(result) else result


def _shown(state) -> str:
    return repr({name: getattr(state, name) for name in state.base_vars
                 if not name.startswith("_")})


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
    state = _state(InvoiceState, world[who], monkeypatch, invoice.id)
    await _call(state, "load")
    assert state.loaded is False and state.error != ""
    assert invoice.number not in _shown(state) and "Harzer" not in _shown(state)


async def test_a_plain_contact_gets_no_invoice_list(world, monkeypatch):
    state = _state(InvoicesState, world["harzer_contact"], monkeypatch)
    await _call(state, "load")
    assert state.rows == [] and state.error != ""


async def test_the_own_manager_sees_the_invoice(world, monkeypatch):
    invoice = world["invoice"]
    state = _state(InvoiceState, world["harzer_manager"], monkeypatch, invoice.id)
    await _call(state, "load")
    assert state.loaded is True and state.invoice["number"] == invoice.number


@pytest.mark.parametrize("handler, arguments", [
    ("record_payment", ({"paid_on": "2027-01-15", "amount": "1.428,00", "reference": "x"},)),
    ("send_reminder", ()),
    ("cancel", ()),
])
async def test_members_cannot_run_staff_actions_on_an_invoice(world, monkeypatch, handler,
                                                              arguments):
    invoice = world["invoice"]
    state = _state(InvoiceState, world["harzer_manager"], monkeypatch, invoice.id)
    result = await _call(state, handler, *arguments)
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
    state = _state(state_class, world["harzer_manager"], monkeypatch)
    result = await _call(state, handler, *arguments)
    assert "/dashboard" in str(result)
    assert len(invoices()) == 1
