"""Who sees which document: everyone, organizations of chosen kinds, contacts with a function.
A document outside one's audience does not exist: NotFound from every service."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import delete

from harzportal import db
from harzportal.core.errors import NotFound
from harzportal.documents import library
from harzportal.organizations.models import ContactFunctionAssignment
from tests.documents.helpers import document_view, library_view, publish, run

pytestmark = pytest.mark.service

# Who sees which document (staff see everything).
MATRIX = {
    "for_all":       {"staff", "hse", "plain", "logistics_manager", "dpo"},
    "for_producers": {"staff", "hse", "plain", "logistics_manager"},
    "for_hse":       {"staff", "hse"},
    "for_dpo":       {"staff", "dpo"},
}
PEOPLE = ("staff", "hse", "plain", "logistics_manager", "dpo")


@pytest.fixture
def documents(staff_actor):
    return {
        "for_all": publish(staff_actor, title="Unfallmeldung: Ablauf"),
        "for_producers": publish(staff_actor, title="Notfallplan Vorlage", audience="kinds",
                                 audience_kinds=["chemical", "logistics"]),
        "for_hse": publish(staff_actor, title="Gefährdungsbeurteilung", audience="function",
                           audience_function="hse"),
        "for_dpo": publish(staff_actor, title="Datenpannen melden", audience="function",
                           audience_function="data_protection"),
    }


@pytest.mark.parametrize("person", PEOPLE)
def test_the_library_lists_exactly_the_documents_of_ones_audiences(actors, documents, person):
    view = run(library.list_library, actors[person]).page

    expected = {documents[name].title for name, audience in MATRIX.items() if person in audience}
    assert {entry.document.title for entry in view.items} == expected
    assert view.total == len(expected)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("document", list(MATRIX))
def test_a_document_outside_ones_audience_does_not_exist(actors, documents, person, document):
    actor, document_id = actors[person], documents[document].id

    if person in MATRIX[document]:
        assert run(library.get_document, actor, document_id).document.title == \
            documents[document].title
        assert run(library.open_download, actor, document_id, None).path.is_file()
    else:
        with pytest.raises(NotFound):
            run(library.get_document, actor, document_id)
        with pytest.raises(NotFound):
            run(library.open_download, actor, document_id, None)


def test_the_kinds_list_matches_whole_kinds_only(actors, staff_actor, factories, people):
    """"business_development" must not let a "development" pattern (or LIKE's _) match others."""
    document = publish(staff_actor, title="Förderprogramme", audience="kinds",
                       audience_kinds="business_development")
    agency = factories.organization(name="Wirtschaftsförderung Harz", kind="business_development")
    agency_contact = factories.actor(factories.user(agency))

    assert run(library.get_document, agency_contact, document.id)
    for person in ("hse", "plain", "logistics_manager", "dpo"):
        with pytest.raises(NotFound):
            run(library.get_document, actors[person], document.id)


def test_a_function_taken_away_takes_the_documents_with_it(actors, documents, people):
    with db.unit_of_work() as session:
        session.exec(delete(ContactFunctionAssignment).where(
            ContactFunctionAssignment.user_id == people["hse"].id))

    with pytest.raises(NotFound):
        run(library.get_document, actors["hse"], documents["for_hse"].id)


@pytest.mark.parametrize(("document", "language", "reason"), [
    ("for_all", "de", ""),
    ("for_hse", "de", "Für HSE-Ansprechpartner"),
    ("for_hse", "en", "For HSE contacts"),
    ("for_dpo", "de", "Für Datenschutzbeauftragte"),
    ("for_producers", "de", "Für Mitglieder der Branchen: Chemische Industrie, Logistik"),
    ("for_producers", "en", "For members in the sectors: Chemical industry, Logistics"),
])
def test_a_restricted_document_says_for_whom_it_is(factories, staff, documents, document,
                                                   language, reason):
    actor = dataclasses.replace(factories.actor(staff), language=language)

    row = next(r for r in library_view(actor).items if r.id == documents[document].id)
    assert row.reason == reason
    assert document_view(actor, documents[document].id)[0].reason == reason


@pytest.mark.parametrize("document_id", [0, -1, 999999, "x", None, "1; DROP TABLE document"])
def test_unknown_ids_are_not_found(actors, documents, document_id):
    with pytest.raises(NotFound):
        run(library.get_document, actors["hse"], document_id)
    with pytest.raises(NotFound):
        run(library.open_download, actors["hse"], document_id, None)
