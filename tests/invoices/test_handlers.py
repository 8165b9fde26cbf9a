"""The invoice pages' State handlers, called directly with a valid session and forged ids:
another organization's invoice is never shown, members cannot run staff actions."""

from __future__ import annotations

from datetime import timedelta

import pytest

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.choices import Choice
from harzportal.core.roles import Role
from harzportal.invoices.admin_state import (
    FeesState,
    InvoiceRunState,
    ManualInvoiceState,
    StaffInvoicesState,
)
from harzportal.invoices.models import Invoice
from harzportal.invoices.proposal_state import ReminderProposalsState
from harzportal.invoices.state import InvoicesState, InvoiceState
from harzportal.invoices.views import NEW_FEE
from harzportal.jobruns import watch
from harzportal.organizations.models import Organization
from tests.handler_calls import call_handler, shown, signed_in_state
from tests.invoices.conftest import TODAY
from tests.invoices.helpers import (
    EXEMPTION_NOTE,
    billing_contact,
    fee_item,
    invoices,
    issue_manual,
    load,
    member,
)

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
    ("cancel_with_refund", ({"method": "set_off", "refund_amount": "1.428,00"},)),
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
    (ReminderProposalsState, "load", ()),
    (ReminderProposalsState, "send_page", ()),
])
async def test_members_cannot_reach_the_staff_invoice_screens(world, monkeypatch, state_class,
                                                              handler, arguments):
    state = signed_in_state(state_class, world["harzer_manager"], monkeypatch)
    result = await call_handler(state, handler, *arguments)
    assert "/dashboard" in str(result)
    assert len(invoices()) == 1


async def test_members_cannot_send_a_proposed_reminder(world, monkeypatch):
    invoice = world["invoice"]
    with clock.fixed_at(TODAY + timedelta(days=40)):  # 10 days after the due date
        state = signed_in_state(ReminderProposalsState, world["harzer_manager"], monkeypatch)
        result = await call_handler(state, "send", invoice.id, 1)
    assert "/dashboard" in str(result) and state.rows == []
    assert load(Invoice, invoice.id).reminder_level == 0


# The staff's screens, through their handlers

async def test_staff_send_the_proposals_one_by_one_and_a_page_at_once(factories, staff,
                                                                      staff_actor, world,
                                                                      monkeypatch):
    oker = load(Organization, load(User, world["oker_manager"].id).organization_id)
    others = [issue_manual(staff_actor, oker) for _ in range(2)]
    first = world["invoice"]
    with clock.fixed_at(TODAY + timedelta(days=40)):
        state = signed_in_state(ReminderProposalsState, staff, monkeypatch)
        await call_handler(state, "load")
        assert [(row.number, row.level_name, row.days_overdue) for row in state.rows] == [
            (invoice.number, "Zahlungserinnerung", "10 Tagen") for invoice in [first, *others]]

        await call_handler(state, "send", first.id, 1)
        assert state.message == "„Zahlungserinnerung“ wurde an die Rechnungsempfänger verschickt."
        assert [row.number for row in state.rows] == [invoice.number for invoice in others]
        await call_handler(state, "send", first.id, 1)  # a second click: nothing more is sent
        assert state.error.startswith("Diese Mahnung ist nicht mehr vorgeschlagen")

        await call_handler(state, "send_page")
        assert (state.message, state.error, state.rows) == ("2 Mahnungen verschickt.", "", [])
    assert [load(Invoice, invoice.id).reminder_level for invoice in [first, *others]] == [
        1, 1, 1]


async def test_the_manual_invoice_form_offers_the_active_members(factories, staff,
                                                                 monkeypatch):
    harzer = member(factories, name="Harzer Chemiewerke GmbH")
    member(factories, name="Ehemals Chemie GmbH", status="left")
    state = signed_in_state(ManualInvoiceState, staff, monkeypatch)

    await call_handler(state, "load")

    assert state.organization_choices == [Choice(harzer.id, harzer.name)]


async def test_the_annual_run_tells_how_many_invoices_it_issued(factories, staff, monkeypatch):
    fee_item("chemical", 0, None, 600)
    member(factories, name="Harzer Chemiewerke GmbH")
    state = signed_in_state(InvoiceRunState, staff, monkeypatch)
    await call_handler(state, "load")
    assert (state.to_issue, [row.state for row in state.rows]) == (1, ["to_issue"])

    await call_handler(state, "issue_all")  # the run is a job (here run at once, after commit)
    assert (state.run.kind, state.run.subject, state.run.total) == ("Rechnungslauf", "2027", 1)

    await call_handler(state, "watch_run")  # the background event the page follows it with

    assert (state.run.progress, state.run.state, state.run.percent) == ("1 von 1", "done", 100)
    assert state.message == "1 Rechnung für 2027 gestellt."
    assert (state.to_issue, state.already, state.error) == (0, 1, "")


async def test_the_fee_editor_starts_from_the_row_or_empty(staff, monkeypatch):
    item = fee_item("chemical", 50, None, 1200, vat_rate_bp=1900)
    state = signed_in_state(FeesState, staff, monkeypatch)
    await call_handler(state, "load")
    [row] = state.rows

    await call_handler(state, "open_editor", item.id)
    assert (state.editing, state.dialog_open) == (row, True)
    assert (row.fee_input, row.vat_rate, row.min_employees, row.max_employees) == (
        "1200,00", "1900", "50", "")
    await call_handler(state, "open_editor", 0)
    assert state.editing == NEW_FEE

    await call_handler(state, "save", {"kind": "logistics", "min_employees": "0", "fee": "10",
                                       "vat_rate": "exempt", "exemption_note": EXEMPTION_NOTE})
    assert (state.message, state.dialog_open) == ("Die Beitragsordnung wurde gespeichert.", False)
    assert [row.kind for row in state.rows] == ["Chemische Industrie", "Logistik"]


async def test_the_staff_list_ignores_an_unknown_filter(world, staff, monkeypatch):
    state = signed_in_state(StaffInvoicesState, staff, monkeypatch)

    number = world["invoice"].number
    await call_handler(state, "apply_filter", {"state": "everything", "search": f" {number} "})

    assert (state.state_filter, state.search) == ("all", number)
    assert [row.number for row in state.rows] == [world["invoice"].number]


# Cancelling a paid invoice with a refund, through the handlers

REFUND_FORM = {"method": "transfer", "refund_amount": "1.428,00",
               "account_holder": "Harzer Chemiewerke GmbH", "iban": "DE89 3704 0044 0532 0130 00"}


def speaking(user, language: str):
    """The user with `language` as preferred language (what the session's actor speaks)."""
    from harzportal import db
    from harzportal.accounts.models import User
    with db.unit_of_work() as session:
        row = session.get(User, user.id)
        row.preferred_language = language
        session.add(row)
    return user


@pytest.fixture
def paid(world, staff_actor):
    from datetime import date

    from harzportal.invoices import collection
    from tests.invoices.helpers import run
    invoice = world["invoice"]
    run(collection.record_payment, staff_actor, invoice.id, date(2027, 1, 15), 142800, "SEPA")
    return invoice


@pytest.mark.parametrize("language, form, message", [
    ("de", REFUND_FORM | {"iban": "DE89 3704 0044 0532 0130 01"},
     "Diese IBAN ist ungültig. Bitte prüfen Sie Länge und Prüfziffer."),
    ("en", REFUND_FORM | {"iban": "DE89 3704 0044 0532 0130 01"},
     "This IBAN is not valid. Please check its length and check digits."),
    ("de", REFUND_FORM | {"refund_amount": "1.500,00"},
     "Erstattet werden kann höchstens der gezahlte Betrag (1.428,00\xa0€)."),
    ("en", REFUND_FORM | {"refund_amount": "1.500,00"},
     "At most the amount paid (€1,428.00) can be refunded."),
    ("de", {"refund_amount": "1.428,00"},
     "Wählen Sie, wie der bereits gezahlte Betrag erstattet wird: Überweisung oder Verrechnung."),
])
async def test_bad_refund_input_shows_a_translated_message(paid, staff, monkeypatch, language,
                                                           form, message):
    state = signed_in_state(InvoiceState, speaking(staff, language), monkeypatch, paid.id)
    await call_handler(state, "load")
    assert (state.invoice.cancellable, state.invoice.needs_refund) == (True, True)

    await call_handler(state, "cancel_with_refund", form)

    assert state.action_error == message
    assert load(Invoice, paid.id).status == "paid" and len(invoices()) == 1


async def test_staff_cancel_a_paid_invoice_and_the_member_reads_how_it_is_refunded(
        world, paid, staff, monkeypatch):
    state = signed_in_state(InvoiceState, staff, monkeypatch, paid.id)
    await call_handler(state, "load")
    assert state.invoice.paid_input == "1428,00"

    await call_handler(state, "cancel_with_refund", REFUND_FORM)

    assert (state.action_error, state.message) == (
        "", "Die Rechnung wurde mit einer Rechnungskorrektur storniert.")
    assert state.refund.pending and state.invoice.cancellable is False
    for language, text in (
            ("de", "Den bereits gezahlten Betrag von 1.428,00\xa0€ überweisen wir bis zum "
                   "29.01.2027 auf Ihr Konto DE…3000."),
            ("en", "We will transfer the amount already paid, €1,428.00, to your account "
                   "DE…3000 by 29 Jan 2027.")):
        member_state = signed_in_state(InvoiceState, speaking(world["harzer_manager"],
                                                              language), monkeypatch, paid.id)
        await call_handler(member_state, "load")
        assert member_state.refund.text == text
        assert member_state.refund.state_label == {"de": "Erstattung ausstehend",
                                                   "en": "Refund pending"}[language]
        assert "DE89370400440532013000" not in shown(member_state)
    outsider = signed_in_state(InvoiceState, world["oker_manager"], monkeypatch, paid.id)
    await call_handler(outsider, "load")
    assert outsider.refund.id == 0 and "DE…3000" not in shown(outsider)
    refused = await call_handler(member_state, "mark_refund_made",
                                 {"made_on": "2027-01-15", "reference": "x"})
    assert "/dashboard" in str(refused)

    await call_handler(state, "mark_refund_made", {"made_on": "2027-01-15", "reference": "SEPA 1"})

    assert state.message == "Die Erstattung ist als erledigt vermerkt."
    assert (state.refund.pending, state.refund.state_label, state.refund.made_note) == (
        False, "Erstattet", "Überwiesen am 15.01.2027")


async def test_a_member_cannot_follow_or_start_a_run(factories, staff, monkeypatch):
    """The background event that follows a run, and the start, refuse a member of an
    organization (its session is checked under the state's lock before anything is read)."""
    from harzportal.invoices import annual_run
    from harzportal.jobruns.models import JobRun
    from tests.invoices.helpers import rows, run

    fee_item("chemical", 0, None, 600)
    organization = member(factories, name="Harzer Chemiewerke GmbH")
    run(annual_run.start_annual_run, factories.actor(staff), 2027)
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    state = signed_in_state(InvoiceRunState, manager, monkeypatch)
    state.run = state.run.__class__(**{**state.run.__dict__, "id": rows(JobRun)[0].id})

    followed = await call_handler(state, "watch_run")
    started = await call_handler(state, "issue_all")

    assert "/dashboard" in str(followed) and "/dashboard" in str(started)
    assert state.run.progress == "" and state.message == ""
    assert len(rows(JobRun)) == 1


async def test_a_watched_run_stops_reading_once_the_session_is_revoked(staff, monkeypatch):
    """The progress watch reads the run every tick as the person of the connection's session
    *now*: signed out in another tab (or deactivated), the next tick reads nothing more."""
    import asyncio

    from harzportal import db
    from harzportal.accounts import sessions
    from harzportal.invoices import annual_run
    from harzportal.jobruns import service as runs

    with db.unit_of_work() as session:
        active = runs.start(session, kind=annual_run.KIND, subject="2027", started_by=staff.id,
                            total=19, key="2027")
        run_id = active.id
    state = signed_in_state(InvoiceRunState, staff, monkeypatch)
    state.run = state.run.__class__(**{**state.run.__dict__, "id": run_id})
    monkeypatch.setattr(watch, "WATCH_SECONDS", 0.01)
    reads = []
    read_progress = runs.progress

    def counted_progress(session, actor, wanted):
        reads.append(wanted)
        if len(reads) == 2:
            sessions.end_user_sessions(session, staff.id)
        return read_progress(session, actor, wanted)

    monkeypatch.setattr(runs, "progress", counted_progress)

    await asyncio.wait_for(call_handler(state, "watch_run"), timeout=5)

    assert len(reads) == 2
