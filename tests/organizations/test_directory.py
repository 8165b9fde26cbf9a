"""The member directory: search and filters over active members, listed contacts only."""

from __future__ import annotations

import pytest

from harzportal import db
from harzportal.core.errors import NotFound
from harzportal.core.roles import Role
from harzportal.organizations import directory, presenter, service
from harzportal.organizations.models import Organization
from harzportal.organizations.profile import apply_values
from harzportal.organizations.views import DirectoryContactView
from tests.factories import actor_for
from tests.organizations.helpers import run

pytestmark = pytest.mark.service


@pytest.fixture
def member(factories):
    """Create an organization with competences, its search text built as the portal builds it."""

    def create(name: str, *, competences=(), **fields) -> Organization:
        created = factories.organization(name=name, street="Am Werk 1", **fields)
        with db.unit_of_work() as session:
            organization = session.get(Organization, created.id)
            apply_values(organization, {"competences": list(competences)})
            session.add(organization)
        return organization

    return create


@pytest.fixture
def reader(factories):
    """Any signed-in contact; their organization has left, so it shows in none of the lists."""
    return actor_for(factories.user(factories.organization(name="Zwischenlager Leser e.V.",
                                                           status="left")))


@pytest.fixture
def network(member):
    return {
        "chemie": member("Harzer Chemiewerke GmbH", city="Goslar", kind="chemical",
                         federal_state="NI", competences=["Katalyse", "Analytik"]),
        "recycling": member("Oker Recycling GmbH", city="Goslar", kind="recycling",
                            federal_state="NI", competences=["Batterierecycling"]),
        "hochschule": member("TU Clausthal", city="Clausthal-Zellerfeld", kind="university",
                             federal_state="NI", competences=["Katalyse", "Werkstoffe"]),
        "metall": member("Mansfelder Metall AG", city="Hettstedt", kind="metallurgical",
                         federal_state="ST", competences=["Kupfer"]),
        "ehemalig": member("Alte Katalyse Hütte AG", city="Goslar", kind="chemical",
                           federal_state="NI", competences=["Katalyse"], status="left"),
    }


def names(reader, **query) -> list[str]:
    return [row.name for row in run(directory.search_directory, reader, **query).items]


def test_a_competence_finds_the_members_that_have_it(reader, network):
    assert names(reader, search="Katalyse") == ["Harzer Chemiewerke GmbH", "TU Clausthal"]


def test_search_ignores_case(reader, network):
    assert names(reader, search="KUPFER") == ["Mansfelder Metall AG"]


@pytest.mark.parametrize(("search", "expected"), [
    ("Clausthal-Zellerfeld", ["TU Clausthal"]),
    ("goslar", ["Harzer Chemiewerke GmbH", "Oker Recycling GmbH"]),
    ("Oker", ["Oker Recycling GmbH"]),
    ("Goslar Katalyse", ["Harzer Chemiewerke GmbH"]),  # every word must match
    ("Brockenhaus", []),
])
def test_search_by_city_and_name(reader, network, search, expected):
    assert names(reader, search=search) == expected


def test_filters_by_kind_and_federal_state(reader, network):
    assert names(reader, kind="recycling") == ["Oker Recycling GmbH"]
    assert names(reader, federal_state="ST") == ["Mansfelder Metall AG"]
    assert names(reader, kind="chemical", federal_state="ST") == []


def test_former_members_are_not_listed(reader, network):
    assert "Alte Katalyse Hütte AG" not in names(reader)

    with pytest.raises(NotFound):
        run(directory.get_directory_entry, reader, network["ehemalig"].id)


def test_an_entry_lists_only_active_contacts_who_opted_in(factories, reader, network):
    organization = network["chemie"]
    listed = factories.user(organization, full_name="Anna Krüger", listed_in_directory=True)
    factories.user(organization, full_name="Bernd Unsichtbar", listed_in_directory=False)
    factories.user(organization, full_name="Carla Ausgeschieden", listed_in_directory=True,
                   is_active=False)

    entry = run(directory.get_directory_entry, reader, organization.id)

    assert entry.organization.name == organization.name
    assert [user.id for user in entry.contacts] == [listed.id]
    assert presenter.directory_contacts(entry) == [DirectoryContactView(
        name="Anna Krüger", job_title="", email=listed.email, phone="")]


def test_thirteen_members_make_two_pages(reader, member):
    for number in range(1, 14):
        member(f"Mitglied {number:02d}")

    first = run(directory.search_directory, reader, page=1)
    second = run(directory.search_directory, reader, page=2)

    assert (first.total, first.pages, len(first.items)) == (13, 2, directory.PAGE_SIZE)
    assert (second.total, second.page) == (13, 2)
    assert [row.name for row in second.items] == ["Mitglied 13"]


@pytest.mark.parametrize(("search", "expected"), [
    ("%", ["100% Recycling GmbH"]),
    ("_", ["Harz_Chemie GmbH"]),
    ("100%", ["100% Recycling GmbH"]),
    ("z_c", ["Harz_Chemie GmbH"]),  # "_" is no wildcard: "Harzer Chemie" does not match
])
def test_like_wildcards_in_the_search_match_literally(reader, member, search, expected):
    member("100% Recycling GmbH")
    member("Harz_Chemie GmbH")
    member("Harzer Chemie AG")

    assert names(reader, search=search) == expected


def test_staff_organization_search_treats_wildcards_literally(factories, member):
    member("100% Recycling GmbH")
    member("Harzer Chemie AG")
    staff = actor_for(factories.user(None, role=Role.NETWORK_ADMIN))

    shown = run(service.list_organizations, staff, search="%")

    assert [entry.organization.name for entry in shown.items] == ["100% Recycling GmbH"]
