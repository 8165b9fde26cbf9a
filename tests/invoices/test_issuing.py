"""Issuing: the annual fee run (preview, one invoice per member and year, mails, audit), manual
invoices, credit notes, and that an issued invoice never changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from harzportal import db
from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.invoices import collection, issuing, presenter
from harzportal.invoices.models import Invoice
from harzportal.invoices.views import RunPreviewView
from harzportal.organizations.models import Organization
from tests.invoices.conftest import TODAY
from tests.invoices.helpers import (
    EXEMPTION_NOTE,
    PERIOD,
    audit_events,
    billing_contact,
    fee_item,
    invoices,
    issue_manual,
    line,
    lines_of,
    load,
    member,
    outbox,
    run,
    snapshot,
)

pytestmark = pytest.mark.service

ISSUED_ON = TODAY.date()  # 15 January 2027 (10:00 in Germany)
NBSP = "\xa0"


@pytest.fixture
def schedule():
    """Chemical companies pay 600 € (up to 49 employees) or 1.200 € (50 and more), both exempt;
    logistics companies 1.000 € plus 19 % VAT. Universities have no fee."""
    return {"small": fee_item("chemical", 0, 49, 600),
            "large": fee_item("chemical", 50, None, 1200),
            "logistics": fee_item("logistics", 0, None, 1000, vat_rate_bp=1900)}


@pytest.fixture
def members(factories, schedule):
    return {
        "small": member(factories, name="Aller Chemie GmbH", employees=20),
        "logistics": member(factories, name="Brocken Logistik GmbH", kind="logistics"),
        "university": member(factories, name="Clausthal Hochschule", kind="university"),
        "large": member(factories, name="Dorf Chemie GmbH", employees=300),
        "left": member(factories, name="Ehemals Chemie GmbH", employees=10, status="left"),
    }


def preview(actor, year=2027) -> RunPreviewView:
    """The run's preview as the German screen shows it."""
    return presenter.run_preview(run(issuing.preview_annual_run, actor, year), "de")


# The annual run

def test_the_preview_lists_every_active_member_with_band_amount_and_state(staff_actor, members):
    view = preview(staff_actor)

    assert [(row.organization, row.kind, row.band, row.amount, row.state)
            for row in view.rows] == [
        ("Aller Chemie GmbH", "Chemische Industrie", "0–49 Beschäftigte", f"600,00{NBSP}€",
         "to_issue"),
        ("Brocken Logistik GmbH", "Logistik", "alle Größen", f"1.000,00{NBSP}€",
         "to_issue"),
        ("Clausthal Hochschule", "Hochschule", "—", "—", "no_fee"),
        ("Dorf Chemie GmbH", "Chemische Industrie", "ab 50 Beschäftigten", f"1.200,00{NBSP}€",
         "to_issue"),
    ]
    assert [row.state_label for row in view.rows] == [
        "Wird gestellt", "Wird gestellt", "Kein Beitrag in der Beitragsordnung", "Wird gestellt"]
    assert (view.to_issue, view.already) == (3, 0)


def test_the_run_issues_one_fee_invoice_per_member_with_a_fee(staff_actor, members, schedule):
    assert run(issuing.issue_annual_run, staff_actor, 2027) == 3

    issued = {invoice.organization_id: invoice for invoice in invoices()}
    assert set(issued) == {members[key].id for key in ("small", "logistics", "large")}
    assert sorted(invoice.number for invoice in issued.values()) == [
        "CNH-2027-0001", "CNH-2027-0002", "CNH-2027-0003"]
    expected_amounts = {"small": (60000, 0, 60000), "large": (120000, 0, 120000),
                        "logistics": (100000, 19000, 119000)}  # 19 % of 1.000,00 € = 190,00 €
    for key, (net, vat, gross) in expected_amounts.items():
        invoice = issued[members[key].id]
        assert (invoice.kind, invoice.status, invoice.fee_year) == ("invoice", "issued", 2027)
        assert (invoice.service_from, invoice.service_to) == (date(2027, 1, 1), date(2027, 12, 31))
        assert invoice.issue_date == ISSUED_ON
        assert invoice.due_date == ISSUED_ON + timedelta(days=30) == date(2027, 2, 14)
        assert (invoice.net_cents, invoice.vat_cents, invoice.gross_cents) == (net, vat, gross)
        assert (invoice.recipient_name, invoice.recipient_street, invoice.recipient_postal_code,
                invoice.recipient_city) == (members[key].name, "Industriestraße 5", "38640",
                                            "Goslar")
        assert invoice.pdf_file and len(invoice.pdf_sha256) == 64
        [fee_line] = lines_of(invoice.id)
        item = schedule[key]
        assert fee_line.description.startswith("Mitgliedsbeitrag 2027 (")
        assert (fee_line.quantity_milli, fee_line.unit_price_cents, fee_line.vat_rate_bp,
                fee_line.vat_exempt, fee_line.exemption_note, fee_line.net_cents) == (
            1000, item.fee_cents, item.vat_rate_bp, item.vat_exempt, item.exemption_note, net)


def test_a_second_run_issues_nothing_and_the_preview_says_invoiced(staff_actor, members):
    assert run(issuing.issue_annual_run, staff_actor, 2027) == 3

    assert run(issuing.issue_annual_run, staff_actor, 2027) == 0

    assert len(invoices()) == 3
    view = preview(staff_actor)
    assert [row.state for row in view.rows] == ["invoiced", "invoiced", "no_fee",
                                                      "invoiced"]
    assert (view.to_issue, view.already) == (0, 3)
    assert [event.after for event in audit_events("invoice_run.completed")] == [
        {"issued": 3}, {"issued": 0}]


def test_members_that_left_or_have_no_fee_band_are_not_invoiced(staff_actor, members):
    run(issuing.issue_annual_run, staff_actor, 2027)

    invoiced = {invoice.organization_id for invoice in invoices()}
    assert members["left"].id not in invoiced
    assert members["university"].id not in invoiced
    previewed = [row.organization for row in preview(staff_actor).rows]
    assert "Ehemals Chemie GmbH" not in previewed


def test_each_fee_year_is_invoiced_separately(factories, staff_actor, schedule):
    organization = member(factories, employees=5)

    assert run(issuing.issue_annual_run, staff_actor, 2027) == 1
    assert run(issuing.issue_annual_run, staff_actor, 2028) == 1

    assert sorted(invoice.fee_year for invoice in invoices(
        Invoice.organization_id == organization.id)) == [2027, 2028]


@pytest.mark.parametrize("year", [1999, 2101, "2027", None, True, 2027.0])
def test_the_run_needs_a_plausible_year(staff_actor, year):
    for function in (issuing.preview_annual_run, issuing.issue_annual_run):
        with pytest.raises(ValidationFailed) as raised:
            run(function, staff_actor, year)
        assert raised.value.message_key == "invoice_run.year_invalid"


def test_only_staff_run_the_annual_invoices(factories, members):
    manager = factories.actor(factories.user(members["small"], role=Role.ORG_MANAGER))
    for function in (issuing.preview_annual_run, issuing.issue_annual_run):
        with pytest.raises(PermissionDenied):
            run(function, manager, 2027)
    assert invoices() == []


def test_the_preview_total_is_what_the_run_then_invoices(staff_actor, members):
    announced = run(issuing.preview_annual_run, staff_actor, 2027)
    shown = presenter.run_preview(announced, "de").total

    run(issuing.issue_annual_run, staff_actor, 2027)

    # 600,00 + 1.190,00 + 1.200,00 €
    assert sum(invoice.gross_cents for invoice in invoices()) == 299000
    assert announced.total_cents == 299000
    assert shown == f"2.990,00{NBSP}€"


def test_a_member_in_a_free_band_is_not_announced_as_to_issue(factories, staff_actor):
    fee_item("other", 0, None, 0)
    member(factories, name="Ehrenmitglied e. V.", kind="other")
    announced = preview(staff_actor).to_issue

    issued = run(issuing.issue_annual_run, staff_actor, 2027)

    assert issued == 0
    assert announced == issued


# The billing address at issue

def test_the_invoice_keeps_the_billing_address_it_was_issued_to(factories, staff_actor,
                                                                 schedule):
    organization = member(factories, name="Aller Chemie GmbH", employees=20)
    run(issuing.issue_annual_run, staff_actor, 2027)
    [invoice] = invoices()
    before = snapshot(invoice.id)
    with db.unit_of_work() as session:
        moved = session.get(Organization, organization.id)
        moved.name, moved.street = "Aller Chemie AG", "Neue Straße 99"
        moved.postal_code, moved.city = "38100", "Braunschweig"
        session.add(moved)

    assert snapshot(invoice.id) == before
    assert (load(Invoice, invoice.id).recipient_name,
            load(Invoice, invoice.id).recipient_street) == ("Aller Chemie GmbH",
                                                            "Industriestraße 5")

    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)
    # The credit note goes to the address the corrected invoice went to.
    assert (credit_note.recipient_name, credit_note.recipient_street,
            credit_note.recipient_postal_code, credit_note.recipient_city) == (
        "Aller Chemie GmbH", "Industriestraße 5", "38640", "Goslar")


# Mails and audit

def test_every_billing_contact_gets_the_invoice_with_the_pdf_attached(factories, staff_actor,
                                                                      schedule):
    organization = member(factories, employees=20)
    billing = [billing_contact(factories, organization, email="buchhaltung@aller.example"),
               billing_contact(factories, organization, role=Role.ORG_MANAGER,
                               email="chefin@aller.example")]
    factories.user(organization, role=Role.ORG_MANAGER, email="manager@aller.example")
    factories.user(organization, role=Role.CONTACT, email="labor@aller.example")
    billing_contact(factories, organization, email="ehemalig@aller.example", is_active=False)

    run(issuing.issue_annual_run, staff_actor, 2027)

    [invoice] = invoices()
    mails = outbox()
    assert sorted(mail.recipient for mail in mails) == sorted(user.email for user in billing)
    for mail in mails:
        assert mail.kind == "invoice"
        assert invoice.number in mail.subject
        assert f"600,00{NBSP}€" in mail.body_text
        assert f"/invoices/{invoice.id}" in mail.body_text
        assert mail.attachments == [{
            "area": "invoices", "name": invoice.pdf_file, "sha256": invoice.pdf_sha256,
            "filename": f"{invoice.number}.pdf", "mime": "application/pdf"}]


def test_without_a_billing_contact_the_managers_get_the_invoice(factories, staff_actor,
                                                                schedule):
    organization = member(factories, employees=20)
    managers = [factories.user(organization, role=Role.ORG_MANAGER) for _ in range(2)]
    factories.user(organization, role=Role.CONTACT)
    factories.user(organization, role=Role.ORG_MANAGER, is_active=False)
    # A billing contact of another organization does not count for this one.
    billing_contact(factories, member(factories, kind="university"))

    run(issuing.issue_annual_run, staff_actor, 2027)

    [invoice] = invoices()
    assert sorted(mail.recipient for mail in outbox()) == sorted(user.email for user in managers)
    assert all(mail.attachments[0]["sha256"] == invoice.pdf_sha256 for mail in outbox())


def test_issuing_is_audited(factories, staff, staff_actor, schedule):
    organization = member(factories, employees=20)

    run(issuing.issue_annual_run, staff_actor, 2027)

    [invoice] = invoices()
    [issued] = audit_events("invoice.issued")
    assert (issued.object_type, issued.object_id, issued.actor_user_id,
            issued.organization_id) == ("invoice", str(invoice.id), staff.id, organization.id)
    assert issued.after == {"number": invoice.number, "gross_cents": 60000, "fee_year": 2027,
                            "cancels": None}
    [completed] = audit_events("invoice_run.completed")
    assert (completed.object_id, completed.after) == ("2027", {"issued": 1})


# Manual invoices

def test_a_manual_invoice_with_mixed_vat(factories, staff_actor):
    organization = member(factories)
    billing_contact(factories, organization)

    invoice = issue_manual(staff_actor, organization, [
        line("Seminar Gefahrstoffrecht", 2000, 45000, 1900),     # 900,00 € at 19 %
        line("Tagungsband", 3000, 1990, 700),                    # 59,70 € at 7 %
        line("Mitgliedsbeitrag anteilig", 1000, 30000, 0, vat_exempt=True,
             exemption_note=EXEMPTION_NOTE),                     # 300,00 € exempt
    ])

    # VAT: 19 % of 900,00 € = 171,00 €; 7 % of 59,70 € = 4,179 € -> 4,18 €
    assert (invoice.net_cents, invoice.vat_cents, invoice.gross_cents) == (
        125970, 17518, 143488)
    assert (invoice.fee_year, invoice.service_from, invoice.service_to) == (None, *PERIOD)
    assert [(row.position, row.description, row.net_cents, row.vat_rate_bp, row.vat_exempt)
            for row in lines_of(invoice.id)] == [
        (1, "Seminar Gefahrstoffrecht", 90000, 1900, False),
        (2, "Tagungsband", 5970, 700, False),
        (3, "Mitgliedsbeitrag anteilig", 30000, 0, True)]
    assert [mail.kind for mail in outbox()] == ["invoice"]


def test_a_service_period_ending_before_it_starts_is_refused(factories, staff_actor):
    organization = member(factories)

    with pytest.raises(ValidationFailed) as raised:
        issue_manual(staff_actor, organization, period=(date(2027, 2, 1), date(2027, 1, 31)))

    assert (raised.value.message_key, raised.value.field) == ("invoice.period_invalid",
                                                              "service_to")
    assert invoices() == [] and outbox() == []
    # A one-day period is fine, and the refused invoice took no number.
    assert issue_manual(staff_actor, organization,
                        period=(date(2027, 1, 31), date(2027, 1, 31))).number == "CNH-2027-0001"


@pytest.mark.parametrize("organization_id", [999_999, 0, "1", None])
def test_a_manual_invoice_for_an_unknown_organization_is_refused(staff_actor, organization_id):
    with pytest.raises(NotFound):
        run(issuing.issue_manual_invoice, staff_actor, organization_id, [line()], *PERIOD)


def test_invalid_lines_issue_nothing(factories, staff_actor):
    organization = member(factories)

    with pytest.raises(ValidationFailed):
        issue_manual(staff_actor, organization, [line(), line(vat_rate_bp=1600)])

    assert invoices() == [] and outbox() == [] and audit_events() == []


# Credit notes

def test_cancelling_issues_a_credit_note_over_the_full_amount(factories, staff, staff_actor):
    organization = member(factories)
    billing_contact(factories, organization)
    invoice = issue_manual(staff_actor, organization, [line("Seminar", 2000, 45000, 1900),
                                                       line("Tagungsband", 1000, 1990, 700)])

    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    assert (credit_note.kind, credit_note.cancels_invoice_id) == ("credit_note", invoice.id)
    assert credit_note.number == "CNH-2027-0002"  # the same number range as the invoices
    assert (credit_note.net_cents, credit_note.vat_cents, credit_note.gross_cents) == (
        invoice.net_cents, invoice.vat_cents, invoice.gross_cents)
    assert (credit_note.organization_id, credit_note.service_from, credit_note.service_to) == (
        organization.id, invoice.service_from, invoice.service_to)
    assert [(row.description, row.quantity_milli, row.unit_price_cents, row.vat_rate_bp,
             row.net_cents) for row in lines_of(credit_note.id)] == [
        (row.description, row.quantity_milli, row.unit_price_cents, row.vat_rate_bp,
         row.net_cents) for row in lines_of(invoice.id)]
    assert load(Invoice, invoice.id).status == "cancelled"
    assert credit_note.pdf_sha256 and credit_note.pdf_sha256 != invoice.pdf_sha256
    assert [mail.kind for mail in outbox()] == ["invoice", "credit_note"]
    assert outbox()[1].attachments[0]["filename"] == f"{credit_note.number}.pdf"
    [audited] = audit_events("credit_note.issued")
    assert (audited.object_id, audited.actor_user_id, audited.after["cancels"]) == (
        str(credit_note.id), staff.id, invoice.number)


def test_an_invoice_is_cancelled_only_once(factories, staff_actor):
    invoice = issue_manual(staff_actor, member(factories))
    run(issuing.cancel_invoice, staff_actor, invoice.id)

    with pytest.raises(Conflict) as raised:
        run(issuing.cancel_invoice, staff_actor, invoice.id)

    assert raised.value.message_key == "invoice.cannot_cancel"
    assert [row.kind for row in invoices()] == ["invoice", "credit_note"]


@pytest.mark.parametrize("paid", [1, 142800], ids=["partly", "fully"])
def test_a_paid_invoice_is_cancelled_only_with_a_refund(factories, staff_actor, paid):
    """A paid invoice can be corrected (tests/invoices/test_refunds.py); without saying how the
    payment comes back the cancel is refused and nothing is written."""
    invoice = issue_manual(staff_actor, member(factories))
    run(collection.record_payment, staff_actor, invoice.id, ISSUED_ON, paid, "Überweisung")

    with pytest.raises(ValidationFailed) as raised:
        run(issuing.cancel_invoice, staff_actor, invoice.id)

    assert raised.value.message_key == "refund.method_required"
    assert load(Invoice, invoice.id).status == ("issued" if paid == 1 else "paid")
    assert [row.kind for row in invoices()] == ["invoice"]


def test_a_credit_note_itself_cannot_be_cancelled(factories, staff_actor):
    invoice = issue_manual(staff_actor, member(factories))
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    for unknown in (credit_note.id, 999_999, None):
        with pytest.raises(NotFound):
            run(issuing.cancel_invoice, staff_actor, unknown)
    # A numeric string is read as the id it spells (core.lookup): the cancelled invoice itself.
    with pytest.raises(Conflict):
        run(issuing.cancel_invoice, staff_actor, str(invoice.id))
    assert [row.kind for row in invoices()] == ["invoice", "credit_note"]


# Immutability

def test_payments_reminders_and_cancelling_never_change_what_was_issued(factories, staff_actor,
                                                                        invoice_store):
    organization = member(factories)
    billing_contact(factories, organization)
    paid = issue_manual(staff_actor, organization)
    cancelled = issue_manual(staff_actor, organization, [line("Tagungsband", 3000, 1990, 700)])
    kept = {invoice.id: snapshot(invoice.id) for invoice in (paid, cancelled)}
    files = {invoice.id: (invoice_store / invoice.pdf_file).read_bytes()
             for invoice in (paid, cancelled)}

    with clock.fixed_at(TODAY + timedelta(days=31)):  # overdue: a reminder may go out
        run(collection.send_reminder, staff_actor, paid.id)
        run(collection.record_payment, staff_actor, paid.id, ISSUED_ON, 100000, "Teil 1")
        run(collection.record_payment, staff_actor, paid.id, ISSUED_ON, 42800, "Teil 2")
    run(issuing.cancel_invoice, staff_actor, cancelled.id)

    assert (load(Invoice, paid.id).status, load(Invoice, cancelled.id).status) == (
        "paid", "cancelled")
    for invoice in (paid, cancelled):
        assert snapshot(invoice.id) == kept[invoice.id]
        assert (invoice_store / invoice.pdf_file).read_bytes() == files[invoice.id]
