"""List pages select only the columns they show (`core.summaries`) and cost the same SQL
statements for a few rows and for many: the seminar catalogue and the staff's seminars, the
directory, the staff's organizations and accounts, member and staff invoices, circulars. A long
column no list shows (a description, a circular's text, the invoice's recipient address) never
appears in the list's SELECT."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert

from harzportal import db
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.invoices import service as invoices
from harzportal.organizations import directory
from harzportal.organizations import presenter as organizations_presenter
from harzportal.organizations import service as organizations
from harzportal.organizations.models import Organization
from harzportal.seminars import presenter as seminars_presenter
from harzportal.seminars import service as seminars
from harzportal.seminars.models import Seminar
from tests.invoices.test_list_queries import add_invoices
from tests.service_calls import counted, run

pytestmark = pytest.mark.service


def _add_seminars(count: int, first: int) -> None:
    starts = clock.now() + timedelta(days=10)
    with db.unit_of_work() as session:
        session.execute(insert(Seminar), [{
            "title": f"Seminar {number}", "topic": "hse", "description": "Lang " * 200,
            "starts_at": starts + timedelta(days=number),
            "ends_at": starts + timedelta(days=number, hours=6), "venue": "Goslar",
            "capacity": 20, "seats_taken": number % 21, "status": "published",
            "registration_opens_at": clock.now() - timedelta(days=1),
            "registration_deadline": starts, "search_text": f"seminar {number}",
            "created_at": clock.now(), "calendar_changed_at": clock.now()}
            for number in range(first, first + count)])


def _add_organizations(count: int, first: int) -> None:
    with db.unit_of_work() as session:
        session.execute(insert(Organization), [{
            "name": f"Mitglied {number:03d} GmbH", "kind": "chemical", "city": "Goslar",
            "postal_code": "38640", "federal_state": "NI", "description": "Lang " * 200,
            "competences": "Katalyse\nAnalytik", "search_text": f"mitglied {number:03d} gmbh",
            "created_at": clock.now()} for number in range(first, first + count)])


def _selects(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def _same_cost(call, grow, *, never: str):
    """`call()` costs the same statements before and after `grow()`, and none names `never`."""
    with counted(db.get_engine()) as few:
        small = call()
    grow()
    with counted(db.get_engine()) as many:
        large = call()
    assert len(many) == len(few), (few, many)
    for statement in _selects(many):
        assert never not in statement, statement
    return small, large


def test_the_seminar_lists_select_their_columns(factories):
    member = factories.actor(factories.user(factories.organization(), role=Role.ORG_MANAGER))
    staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))
    _add_seminars(3, 0)
    small, large = _same_cost(lambda: run(seminars.list_catalogue, member),
                              lambda: _add_seminars(40, 3), never="description")
    assert (small.total, large.total, len(large.items)) == (3, 43, seminars.PAGE_SIZE)
    rows = seminars_presenter.catalogue_page(large, "de").items
    assert rows[0].title == "Seminar 0" and rows[0].place == "Goslar" and rows[0].full is False
    staff_rows = seminars_presenter.staff_seminars_page(
        run(seminars.list_staff_seminars, staff, 1), "de").items
    assert staff_rows[0].title == "Seminar 42" and staff_rows[0].href.startswith("/admin/")
    with counted(db.get_engine()) as statements:
        run(seminars.list_staff_seminars, staff, 2)
    assert all("description" not in s for s in _selects(statements))


def test_the_directory_and_the_staff_organizations_select_their_columns(factories):
    own = factories.organization(name="Aaa Eigene GmbH")
    member = factories.actor(factories.user(own, role=Role.ORG_MANAGER))
    staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))
    _add_organizations(3, 0)
    small, large = _same_cost(lambda: run(directory.search_directory, member),
                              lambda: _add_organizations(40, 3), never="description")
    assert (small.total, large.total) == (4, 44)
    rows = organizations_presenter.directory_rows(large, "de").items
    assert (rows[1].name, rows[1].competences, rows[1].initials) == (
        "Mitglied 000 GmbH", "Katalyse, Analytik", "M0")
    with counted(db.get_engine()) as statements:
        shown = run(organizations.list_organizations, staff, page=2)
    assert len(_selects(statements)) == 3
    assert all("description" not in s for s in _selects(statements))
    assert shown.total == 44 and shown.items[0].organization.name.startswith("Mitglied")


def test_the_invoice_lists_select_their_columns(factories):
    organization = factories.organization()
    member = factories.actor(factories.user(organization, role=Role.ORG_MANAGER))
    staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))
    add_invoices(organization, 5, first=1)
    for call in (lambda: run(invoices.list_member_invoices, member, organization.id),
                 lambda: run(invoices.list_staff_invoices, staff)):
        with counted(db.get_engine()) as statements:
            call()
        for statement in _selects(statements):
            assert "recipient_name" not in statement and "pdf_file" not in statement, statement


def test_the_staff_account_list_never_loads_a_password_hash(factories):
    from harzportal.accounts.status import AccountStatus, account_status
    from harzportal.admin import service as admin
    organization = factories.organization()
    staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN, full_name="A Admin"))
    factories.user(organization, full_name="B Eingeladen", password_hash=None)
    factories.user(organization, full_name="C Aktiv")
    with counted(db.get_engine()) as few:
        listed = run(admin.list_users, staff)
    for number in range(30):
        factories.user(organization, full_name=f"D Person {number:02d}")
    with counted(db.get_engine()) as many:
        run(admin.list_users, staff, page=2)
    assert len(few) == len(many)
    by_name = {listing.user.full_name: listing for listing in listed.items}
    assert account_status(by_name["B Eingeladen"].user) == AccountStatus.INVITED
    assert account_status(by_name["C Aktiv"].user) == AccountStatus.ACTIVE
    assert by_name["C Aktiv"].organization_name == organization.name
    assert {listing.user.password_hash for listing in listed.items} <= {None, "set"}


def test_the_circular_list_selects_its_columns_not_the_texts(factories):
    from harzportal.circulars import presenter as circulars_presenter
    from harzportal.circulars import service as circulars
    from harzportal.circulars.models import Circular
    staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))
    with db.unit_of_work() as session:
        for number in range(3):
            session.add(Circular(subject_de=f"Rundschreiben {number}", subject_en="Circular",
                                 body_de="Text " * 300, body_en="Text", category="news",
                                 created_by_user_id=staff.user_id))
    with counted(db.get_engine()) as statements:
        found = run(circulars.list_circulars, staff)
    assert all("body_de" not in s and "body_en" not in s for s in _selects(statements))
    rows = circulars_presenter.circular_rows(found, "de").items
    assert sorted(row.subject for row in rows) == [f"Rundschreiben {n}" for n in range(3)]


def test_the_library_list_selects_its_columns(factories):
    from harzportal.documents import library
    member = factories.actor(factories.user(factories.organization(), role=Role.ORG_MANAGER))
    with counted(db.get_engine()) as statements:
        run(library.list_library, member)
    for statement in _selects(statements):
        assert "search_text" not in statement and "created_by_user_id" not in statement, statement
