"""The accountant's export: DATEV Buchungsstapel (EXTF) and plain CSV, staff only."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from harzportal import settings
from harzportal.banking import datev, routes, statements
from harzportal.core.errors import PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.invoices import issuing
from tests.banking.statements import credit, debit_return, statement
from tests.invoices.helpers import billing_contact, issue_manual, member, run
from tests.route_calls import route_client, signed_in

pytestmark = pytest.mark.service

PERIOD = (date(2027, 1, 1), date(2027, 12, 31))


@pytest.fixture
def organization(factories):
    return member(factories, name="=HYPERLINK(\"x\") Chemie GmbH")


@pytest.fixture
def booked(staff_actor, organization, factories):
    billing_contact(factories, organization)
    invoice = issue_manual(staff_actor, organization)
    second = issue_manual(staff_actor, organization)
    run(issuing.cancel_invoice, staff_actor, second.id)
    for content in (statement(credit("1428.00", invoice.number)),
                    statement(debit_return("1431.00", invoice.number, instructed="1428.00"),
                              statement_id="2027-01-0002")):
        plan = run(statements.preview_import, staff_actor, content)
        run(statements.book_import, staff_actor, content, plan.sha256)
    return invoice, second


def _lines(content: bytes) -> list[list[str]]:
    return [line.split(";") for line in content.decode("cp1252").split("\r\n") if line]


def test_the_datev_batch_has_the_extf_header_and_the_125_columns(staff_actor, booked,
                                                                  monkeypatch):
    monkeypatch.setenv("HARZPORTAL_DATEV_CONSULTANT", "29098")
    monkeypatch.setenv("HARZPORTAL_DATEV_CLIENT", "55003")
    settings.reload()
    content, name = run(datev.datev_csv, staff_actor, *PERIOD)
    assert name == "EXTF_Buchungsstapel_20270101_20271231.csv"
    header, columns, *bookings = _lines(content)
    assert len(header) == 31
    assert header[:5] == ['"EXTF"', "700", "21", '"Buchungsstapel"', "13"]
    assert (header[10], header[11], header[12], header[13]) == ("29098", "55003", "20270101", "4")
    assert (header[14], header[15], header[21], header[26]) == (
        "20270101", "20271231", '"EUR"', '"49"')
    assert len(columns) == 125 and columns[0] == "Umsatz (ohne Soll/Haben-Kz)"
    assert columns[13] == "Buchungstext"
    assert all(len(row) == 125 for row in bookings)
    assert content.decode("cp1252")  # Windows-1252, no byte order mark
    assert not content.startswith(b"\xef\xbb\xbf")


def test_every_kind_of_booking_with_its_accounts(staff_actor, booked, organization):
    invoice, cancelled = booked
    content, _ = run(datev.datev_csv, staff_actor, *PERIOD)
    debtor = str(10000 + organization.id)
    found = sorted((row[0], row[6], row[7], row[10].strip('"')) for row in _lines(content)[2:])
    assert found == sorted([
        ("1428,00", debtor, "2110", f"{invoice.number}"),  # the invoice
        ("1428,00", debtor, "2110", f"{cancelled.number}"),  # the cancelled one
        ("1428,00", "2110", debtor, found_credit_note(found)),  # its credit note
        ("1428,00", "0945", debtor, invoice.number),  # the payment
        ("1428,00", debtor, "0945", invoice.number),  # the return
        ("3,00", "2450", "0945", invoice.number),  # the return fee
    ])
    assert all(row[1] == '"S"' and row[9] == "1501" for row in _lines(content)[2:])


def found_credit_note(found) -> str:
    numbers = {row[3] for row in found}
    return sorted(numbers)[-1]  # the credit note is numbered after both invoices


def test_configured_accounts_are_used(staff_actor, booked, organization, monkeypatch):
    monkeypatch.setenv("HARZPORTAL_DATEV_ACCOUNTS", "bank=1810;debtors=20000")
    settings.reload()
    content, _ = run(datev.datev_csv, staff_actor, *PERIOD)
    accounts = {(row[6], row[7]) for row in _lines(content)[2:]}
    assert ("1810", str(20000 + organization.id)) in accounts


def test_the_plain_csv_is_formula_safe(staff_actor, booked):
    text, name = run(datev.plain_csv, staff_actor, *PERIOD)
    assert name == "buchungen_20270101_20271231.csv"
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Datum", "Art", "Beleg"]
    assert {row[1] for row in rows[1:]} == {"invoice", "credit_note", "payment", "return",
                                            "return_fee"}
    assert all(not cell.startswith("=") for row in rows for cell in row)
    assert any(row[3].startswith("'=HYPERLINK") for row in rows[1:])


@pytest.mark.parametrize("period", [(date(2027, 2, 1), date(2027, 1, 1)),
                                    (date(2026, 12, 1), date(2027, 1, 31)), (None, None)])
def test_a_period_must_lie_in_one_year(staff_actor, period):
    with pytest.raises(ValidationFailed):
        run(datev.datev_csv, staff_actor, *period)


@pytest.mark.parametrize("role", [Role.CONTACT, Role.ORG_MANAGER])
def test_members_get_no_export(factories, organization, role):
    person = factories.actor(factories.user(organization, role=role))
    for work in (datev.datev_csv, datev.plain_csv):
        with pytest.raises(PermissionDenied):
            run(work, person, *PERIOD)


@pytest.fixture
def client():
    yield from route_client(routes.ROUTES)


def test_the_routes_serve_staff_and_answer_404_to_everyone_else(client, factories, staff,
                                                                 organization, booked):
    query = {"from": "2027-01-01", "to": "2027-12-31"}
    assert client.get(routes.DATEV_URL, params=query).status_code == 404
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    assert signed_in(client, manager).get(routes.DATEV_URL, params=query).status_code == 404
    assert client.get(routes.PLAIN_URL, params=query).status_code == 404
    assert client.get(routes.DEMO_STATEMENT_URL).status_code == 404
    as_staff = signed_in(client, staff)
    answer = as_staff.get(routes.DATEV_URL, params=query)
    assert answer.status_code == 200 and answer.content.startswith(b'"EXTF";700')
    assert "windows-1252" in answer.headers["content-type"]
    assert "attachment" in answer.headers["content-disposition"]
    assert as_staff.get(routes.PLAIN_URL, params=query).status_code == 200
    assert as_staff.get(routes.DATEV_URL, params={"from": "x"}).status_code == 404
    demo = as_staff.get(routes.DEMO_STATEMENT_URL)
    assert demo.status_code == 200 and b"camt.053.001.08" in demo.content
