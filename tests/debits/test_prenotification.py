"""An invoice issued while the organization has an active mandate: the pre-notification
instead of the payment request, no GiroCode, payment means 59 with BT-89/90/91 in the XML, and
what it states fixed on the row (a later revocation changes no document)."""

from __future__ import annotations

from datetime import date

import pytest

from harzportal.core import clock
from harzportal.debits import mandates
from harzportal.invoices import debit_terms, issuing, presenter, service
from harzportal.invoices.einvoice import NS
from tests.debits.helpers import IBAN_COMPACT, grant, member_with_manager, run
from tests.invoices.documents import embedded_xml, girocodes, pdf_text, valid_cii
from tests.invoices.helpers import fee_item, issue_manual, line, snapshot

pytestmark = pytest.mark.service


def values(root, path: str) -> list[str]:
    return [element.text for element in root.xpath(path, namespaces=NS)]


@pytest.mark.parametrize("issued, due, days, expected", [
    # due date later than the period: the due date (a Sunday: the Monday after)
    (date(2027, 1, 15), date(2027, 2, 14), 5, date(2027, 2, 15)),
    # due at once: five business days after Friday 15 January = Friday 22 January
    (date(2027, 1, 15), date(2027, 1, 15), 5, date(2027, 1, 22)),
    # across Easter 2027 (Good Friday 26 March, Easter Monday 29 March): TARGET2 closed
    (date(2027, 3, 24), date(2027, 3, 24), 2, date(2027, 3, 30)),
    # across Christmas and New Year
    (date(2027, 12, 23), date(2027, 12, 23), 3, date(2027, 12, 28)),
    (date(2027, 12, 30), date(2027, 12, 30), 1, date(2027, 12, 31)),
    (date(2027, 12, 31), date(2027, 12, 31), 1, date(2028, 1, 3)),
])
def test_the_collection_date_is_the_due_date_but_never_before_the_period(issued, due, days,
                                                                          expected):
    assert debit_terms.collection_date(issued, due, days) == expected


def test_masked_iban_shows_country_and_last_four_only():
    assert debit_terms.masked_iban("DE89 3704 0044 0532 0130 00") == "DE…3000"
    assert debit_terms.masked_iban("DE12") == "…"


@pytest.fixture
def debited(factories, staff_actor):
    organization, manager = member_with_manager(factories, name="Harzer Chemiewerke GmbH")
    mandate = grant(factories.actor(manager), scheme="B2B")
    invoice = issue_manual(staff_actor, organization)
    return organization, manager, mandate, invoice


def test_the_invoice_keeps_mandate_iban_creditor_and_collection_date(debited):
    _, _, mandate, invoice = debited
    assert invoice.debit_mandate_id == mandate.id
    assert invoice.debit_mandate_reference == mandate.reference
    assert invoice.debit_iban == IBAN_COMPACT
    assert invoice.debit_creditor_id == "DE98ZZZ09999999999"
    assert invoice.debit_collection_date == date(2027, 2, 15)  # due 14.02. (a Sunday)


def test_the_pdf_carries_the_pre_notification_and_no_girocode(debited, invoice_store):
    _, _, mandate, invoice = debited
    content = (invoice_store / invoice.pdf_file).read_bytes()
    text = pdf_text(content)
    assert ("Der Betrag wird am 15.02.2027 per SEPA-Lastschrift von Ihrem Konto DE…3000 "
            f"eingezogen, Mandatsreferenz {mandate.reference}, Gläubiger-ID "
            "DE98ZZZ09999999999.") in text
    assert "Bitte überweisen Sie 1.428,00 €" not in text
    assert IBAN_COMPACT not in text
    assert girocodes(content) == []


def test_the_xml_has_payment_means_59_with_bt_89_90_91(debited, invoice_store):
    _, _, mandate, invoice = debited
    _name, xml = embedded_xml((invoice_store / invoice.pdf_file).read_bytes())
    root = valid_cii(xml)
    settlement = "//ram:ApplicableHeaderTradeSettlement"
    assert values(root, f"{settlement}/ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode"
                  ) == ["59"]
    assert values(root, f"{settlement}/ram:CreditorReferenceID") == ["DE98ZZZ09999999999"]
    assert values(root, f"{settlement}/ram:SpecifiedTradePaymentTerms/"
                        "ram:DirectDebitMandateID") == [mandate.reference]
    assert values(root, f"{settlement}/ram:SpecifiedTradeSettlementPaymentMeans/"
                        "ram:PayerPartyDebtorFinancialAccount/ram:IBANID") == [IBAN_COMPACT]
    assert values(root, f"{settlement}/ram:SpecifiedTradeSettlementPaymentMeans/"
                        "ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == []


def test_without_a_mandate_the_invoice_asks_for_a_transfer(factories, staff_actor,
                                                           invoice_store):
    organization, _ = member_with_manager(factories)
    invoice = issue_manual(staff_actor, organization)
    assert invoice.debit_mandate_id is None and invoice.debit_collection_date is None
    _name, xml = embedded_xml((invoice_store / invoice.pdf_file).read_bytes())
    assert values(valid_cii(xml), "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode"
                  ) == ["58"]


def test_a_revoked_mandate_changes_no_issued_invoice_and_no_later_one_is_debited(
        debited, factories, staff_actor):
    organization, manager, mandate, invoice = debited
    before = snapshot(invoice.id)
    run(mandates.revoke, factories.actor(manager), mandate.id)
    assert snapshot(invoice.id) == before
    later = issue_manual(staff_actor, organization)
    assert later.debit_mandate_id is None
    detail = run(service.get_invoice, factories.actor(manager), invoice.id)
    assert detail.listing.debit == service.DebitState.REVOKED
    assert presenter.invoice_detail(detail, "de").invoice.debit_note.startswith(
        "Mandat widerrufen")


def test_a_credit_note_is_never_debited(debited, staff_actor):
    _, _, _, invoice = debited
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)
    assert credit_note.debit_mandate_id is None


def test_the_annual_run_issues_debited_invoices_and_the_members_list_says_so(
        factories, staff_actor):
    fee_item("chemical", 0, None, 600)
    organization, manager = member_with_manager(factories)
    grant(factories.actor(manager))
    run(issuing.issue_annual_run, staff_actor, 2027)
    listing = run(service.list_member_invoices, factories.actor(manager), organization.id)
    row = presenter.invoice_rows(listing.page, "de").items[0]
    assert row.debit_note == "Lastschrift am 15.02.2027 von DE…3000"
    row_en = presenter.invoice_rows(listing.page, "en").items[0]
    assert row_en.debit_note == "Direct debit on 15 Feb 2027 from DE…3000"


def test_the_pre_notification_period_is_a_setting(factories, staff_actor, monkeypatch):
    from harzportal import settings

    monkeypatch.setenv("HARZPORTAL_INVOICE_PAYMENT_DAYS", "0")
    monkeypatch.setenv("HARZPORTAL_SEPA_PRENOTIFICATION_DAYS", "10")
    settings.reload()
    organization, manager = member_with_manager(factories)
    grant(factories.actor(manager))
    invoice = issue_manual(staff_actor, organization, [line()])
    assert invoice.debit_collection_date == date(2027, 1, 29)  # ten business days
    assert clock.today() == date(2027, 1, 15)


def test_the_annual_run_preview_says_who_will_be_debited(factories, staff_actor):
    fee_item("chemical", 0, None, 600)
    debited, manager = member_with_manager(factories, name="Aller Chemie GmbH")
    member_with_manager(factories, name="Brocken Chemie GmbH")
    grant(factories.actor(manager), scheme="B2B")
    preview = run(issuing.preview_annual_run, staff_actor, 2027)
    assert {c.organization.name: c.debit_scheme for c in preview.candidates} == {
        "Aller Chemie GmbH": "B2B", "Brocken Chemie GmbH": ""}
    rows_view = invoice_presenter_run(preview)
    assert [(row.organization, row.by_debit, row.payment) for row in rows_view] == [
        ("Aller Chemie GmbH", True, "Lastschrift (B2B)"),
        ("Brocken Chemie GmbH", False, "Überweisung")]


def invoice_presenter_run(preview):
    return presenter.run_preview(preview, "de").rows
