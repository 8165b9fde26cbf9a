"""Who sees an organization's invoices: its managers, its billing contacts, and staff; nobody
else, also not with a forged id. The PDF and CSV routes answer everyone else the same 404."""

from __future__ import annotations

import warnings

import pytest

from harzportal.core.errors import NotFound, PermissionDenied
from harzportal.core.roles import Role
from harzportal.invoices import routes, service
from harzportal.shell.state import SESSION_COOKIE
from tests.invoices.helpers import billing_contact, invoice_row, issue_manual, member, run

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx is what the project has
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient
from tests.route_calls import route_client, signed_in

pytestmark = pytest.mark.service

ALLOWED = ("manager", "billing", "staff")
DENIED = ("plain_contact", "other_manager", "other_billing")


@pytest.fixture
def people(factories, staff):
    own = member(factories, name="Harzer Chemiewerke GmbH")
    other = member(factories, name="Oker Recycling GmbH", kind="recycling")
    return {
        "own": own, "other": other, "staff": staff,
        "manager": factories.user(own, role=Role.ORG_MANAGER),
        "billing": billing_contact(factories, own),
        "plain_contact": factories.user(own, role=Role.CONTACT),
        "other_manager": factories.user(other, role=Role.ORG_MANAGER),
        "other_billing": billing_contact(factories, other),
    }


@pytest.fixture
def invoice(people):
    """An invoice of the own organization with a stored file (not rendered: who may see it does
    not depend on what it says)."""
    return invoice_row(people["own"], "CNH-2027-0001", pdf=b"%PDF-1.7\n% Rechnung CNH-2027-0001\n")


# The services

@pytest.mark.parametrize("person", ALLOWED)
def test_managers_billing_contacts_and_staff_see_the_invoices(factories, people, invoice,
                                                               invoice_store, person):
    actor = factories.actor(people[person])

    listed = run(service.list_member_invoices, actor, people["own"].id)
    shown = run(service.get_invoice, actor, invoice.id)
    content, filename = run(service.invoice_pdf, actor, invoice.id)

    assert [listing.invoice.number for listing in listed.page.items] == [invoice.number]
    assert listed.outstanding_cents == 142800
    assert listed.page.total == 1
    assert shown.listing.invoice.number == invoice.number
    assert (content, filename) == ((invoice_store / invoice.pdf_file).read_bytes(),
                                   f"{invoice.number}.pdf")


@pytest.mark.parametrize("person", DENIED)
def test_everyone_else_is_refused_even_with_the_right_ids(factories, people, invoice, person):
    actor = factories.actor(people[person])

    for call in ((service.list_member_invoices, people["own"].id),
                 (service.get_invoice, invoice.id),
                 (service.invoice_pdf, invoice.id)):
        # A plain contact is refused; for another organization the invoices do not exist.
        with pytest.raises(NotFound if person.startswith("other") else PermissionDenied):
            run(*call[:1], actor, *call[1:])


def test_a_billing_function_only_counts_in_the_own_organization(factories, people, invoice):
    """The other organization's billing contact sees its own invoices and not the first's."""
    theirs = invoice_row(people["other"], "CNH-2027-0002")
    actor = factories.actor(people["other_billing"])

    listed = run(service.list_member_invoices, actor, people["other"].id)

    assert [listing.invoice.number for listing in listed.page.items] == [theirs.number]
    with pytest.raises(NotFound):  # another organization's objects are answered as missing
        run(service.list_member_invoices, actor, people["own"].id)


# The PDF route

@pytest.fixture
def client():
    yield from route_client(routes.ROUTES)


def assert_not_found(response, reference):
    assert response.status_code == 404
    assert response.content == reference.content == b"Not Found"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == reference.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("person", ALLOWED)
def test_the_pdf_is_downloaded_by_those_who_may_see_it(client, people, invoice, invoice_store,
                                                       person):
    response = signed_in(client, people[person]).get(routes.pdf_url(invoice.id, invoice.number))

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="{invoice.number}.pdf"')
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]
    assert response.content == (invoice_store / invoice.pdf_file).read_bytes()


def test_an_issued_pdf_is_served_byte_for_byte(client, people, staff_actor, invoice_store):
    issued = issue_manual(staff_actor, people["own"])

    response = signed_in(client, people["billing"]).get(routes.pdf_url(issued.id, issued.number))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert response.content == (invoice_store / issued.pdf_file).read_bytes()


def test_a_pdf_whose_file_was_tampered_with_is_not_served(client, people, invoice,
                                                          invoice_store):
    unknown = signed_in(client, people["staff"]).get(routes.pdf_url(invoice.id + 1000, "x"))
    (invoice_store / invoice.pdf_file).write_bytes(b"%PDF-1.7\n% Rechnung gefaelscht\n")

    assert_not_found(client.get(routes.pdf_url(invoice.id, invoice.number)), unknown)


@pytest.mark.parametrize("person", [None, *DENIED])
def test_everyone_else_gets_the_same_404_as_for_a_missing_invoice(client, people, invoice,
                                                                   person):
    if person is not None:
        signed_in(client, people[person])
    unknown = signed_in(TestClient(client.app), people["staff"]).get(
        routes.pdf_url(invoice.id + 1000, "CNH-2027-9999"))

    assert_not_found(client.get(routes.pdf_url(invoice.id, invoice.number)), unknown)


@pytest.mark.parametrize("path", ["abc", "0", "-1", "1.5", "%20"])
def test_an_id_that_is_no_id_gets_the_same_404(client, people, invoice, path):
    unknown = signed_in(client, people["staff"]).get(routes.pdf_url(invoice.id + 1000, "x"))

    assert_not_found(client.get(f"{routes.URL_PREFIX}{path}/x.pdf"), unknown)


def test_a_forged_session_cookie_gets_the_same_404(client, people, invoice):
    unknown = signed_in(client, people["staff"]).get(routes.pdf_url(invoice.id + 1000, "x"))
    client.cookies.set(SESSION_COOKIE, "forged-token-" + "x" * 40)

    assert_not_found(client.get(routes.pdf_url(invoice.id, invoice.number)), unknown)


def test_an_id_beyond_the_integer_range_gets_the_same_404(client, people, invoice):
    unknown = signed_in(client, people["staff"]).get(routes.pdf_url(invoice.id + 1000, "x"))

    assert_not_found(client.get(routes.pdf_url(2**63, "x")), unknown)


# The CSV export route

def test_staff_download_the_csv_export(client, people, invoice):
    response = signed_in(client, people["staff"]).get(routes.EXPORT_URL, params={"year": "2027"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="rechnungen-2027.csv"')
    assert response.headers["x-content-type-options"] == "nosniff"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffArt;Nummer;")
    assert f";{invoice.number};" in text


@pytest.mark.parametrize("person", [None, "manager", "billing", "plain_contact"])
def test_members_get_404_for_the_csv_export(client, people, invoice, person):
    if person is not None:
        signed_in(client, people[person])
    unknown = TestClient(client.app).get(routes.pdf_url(invoice.id + 1000, "x"))

    assert_not_found(client.get(routes.EXPORT_URL), unknown)


def test_an_impossible_export_year_is_no_server_error(client, people, invoice):
    response = signed_in(client, people["staff"]).get(routes.EXPORT_URL,
                                                      params={"year": "10000"})

    assert response.status_code in (200, 404)
