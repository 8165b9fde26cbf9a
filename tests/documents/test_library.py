"""The members' library list: categories, search, sort, pages, "new since your last visit", and
a fixed number of SQL statements however many documents there are."""

from __future__ import annotations

import pytest

from harzportal.documents import library, presenter, service
from harzportal.documents.views import LibraryRowView
from tests.documents.helpers import category_id, library_view, publish, run, upload
from tests.service_calls import counted

pytestmark = pytest.mark.service


def titles(actor, **options) -> list[str]:
    return [row.title for row in library_view(actor, **options).items]


def test_a_row_tells_what_a_member_needs(actors, staff_actor):
    document = publish(staff_actor, title="Gefährdungsbeurteilung", name="Gefährdung.pdf",
                       content=b"%PDF-1.7\n" + bytes(1536 * 1024), tags="TRGS 400\nGefahrstoffe",
                       description="Wort " * 100, audience="function", audience_function="hse")

    listing = run(library.list_library, actors["hse"])

    assert listing.page.items[0].latest.number == 1
    row = presenter.library_row(listing.page.items[0], "de")
    assert row == LibraryRowView(
        id=document.id, href=f"/documents/{document.id}",
        download_href=f"/files/documents/{document.id}/latest", title="Gefährdungsbeurteilung",
        category="Arbeits- und Umweltschutz (HSE)",
        description=("Wort " * 60).strip() + " …", tags="TRGS 400, Gefahrstoffe",
        updated="28.11.2026", is_new=True, reason="Für HSE-Ansprechpartner",
        size="1,5 MB", display_name="Gefährdung.pdf")
    assert [(c.key, c.name) for c in presenter.categories(listing.categories, "de")] == [
        ("hse", "Arbeits- und Umweltschutz (HSE)"), ("data_protection", "Datenschutz"),
        ("templates", "Vorlagen"), ("minutes", "Protokolle")]
    dpo = run(library.list_library, actors["dpo"])
    assert presenter.categories(dpo.categories, "en")[0].name == "Health, safety and environment"


def test_documents_updated_since_the_last_visit_are_marked_new(actors, staff_actor, clock_now):
    old = publish(staff_actor, title="Alt")
    member = actors["plain"]
    assert titles(member) == ["Alt"]
    assert library_view(member).items[0].is_new is True  # never visited
    run(library.record_visit, member)

    clock_now.advance(days=2)
    publish(staff_actor, title="Neu")
    marks = {row.title: row.is_new for row in library_view(member).items}
    assert marks == {"Neu": True, "Alt": False}

    run(library.record_visit, member)
    clock_now.advance(days=1)
    run(service.add_version, staff_actor, old.id, upload(b"%PDF-1.7\nneu\n", "Alt2.pdf"),
        "Aktualisiert", False)
    marks = {row.title: row.is_new for row in library_view(member).items}
    assert marks == {"Neu": False, "Alt": True}

    run(library.record_visit, member)
    run(library.record_visit, member)  # twice (two tabs) is fine
    assert {row.is_new for row in library_view(member).items} == {False}
    other = library_view(actors["hse"]).items  # visits are per person
    assert {row.is_new for row in other} == {True}


@pytest.fixture
def shelf(staff_actor, clock_now):
    """Five documents, one a day, in three categories."""
    entries = [
        ("Betriebsanweisung Vorlage", "templates", "Vorlage nach GefStoffV", "GHS, Vorlage"),
        ("Unfallmeldung", "hse", "Wer meldet was an die BG", "Berufsgenossenschaft"),
        ("DSGVO-Leitfaden", "data_protection", "Pflichten für Mitglieder", "DSGVO"),
        ("Gefährdungsbeurteilung", "hse", "Arbeitshilfe mit CHECKLISTE", "TRGS 400"),
        ("Auftragsverarbeitung Muster", "templates", "Muster nach Art. 28", "AVV, DSGVO"),
    ]
    for title, category, description, tags in entries:
        clock_now.advance(days=1)
        publish(staff_actor, title=title, category_id=category_id(category),
                description=description, tags=tags)
    return [entry[0] for entry in entries]


def test_newest_first_by_default_and_by_title_on_request(actors, shelf):
    assert titles(actors["plain"]) == list(reversed(shelf))
    assert titles(actors["plain"], sort="title") == sorted(shelf, key=str.lower)
    assert titles(actors["plain"], sort="nonsense") == list(reversed(shelf))


@pytest.mark.parametrize(("search", "expected"), [
    ("dsgvo", {"DSGVO-Leitfaden", "Auftragsverarbeitung Muster"}),  # title and tags
    ("checkliste", {"Gefährdungsbeurteilung"}),  # description, any case
    ("GEFÄHRDUNG", {"Gefährdungsbeurteilung"}),
    ("vorlage gefstoffv", {"Betriebsanweisung Vorlage"}),  # every word must match
    ("vorlage dsgvo", set()),
    ("%", set()), ("_", set()),  # LIKE wildcards are plain characters
    ("", None),
])
def test_search_covers_title_description_and_tags(actors, shelf, search, expected):
    found = set(titles(actors["plain"], search=search))
    assert found == (set(shelf) if expected is None else expected)


def test_a_category_narrows_the_list(actors, shelf):
    assert titles(actors["plain"], category="hse") == ["Gefährdungsbeurteilung", "Unfallmeldung"]
    assert titles(actors["plain"], category="hse", search="bg") == ["Unfallmeldung"]
    assert titles(actors["plain"], category="unknown") == []


def test_the_list_is_paged_by_twenty(actors, staff_actor, clock_now):
    for number in range(45):
        clock_now.advance(minutes=1)
        publish(staff_actor, title=f"Dokument {number:02d}")

    third = library_view(actors["plain"], sort="title", page=3)

    assert (third.page, third.pages, third.total) == (3, 3, 45)
    assert [row.title for row in third.items] == [f"Dokument {n}" for n in range(40, 45)]
    assert library_view(actors["plain"], page=99).page == 3
    assert library_view(actors["plain"], page="x").page == 1
    empty = library_view(actors["plain"], search="nichts")
    assert (empty.page, empty.pages, empty.total, empty.items) == (1, 1, 0, ())


@pytest.mark.parametrize("person", ["plain", "hse", "staff"])
def test_the_list_costs_the_same_statements_for_3_and_for_45_documents(engine, actors,
                                                                       staff_actor, person):
    def publish_some(count, start):
        for number in range(start, start + count):
            audience = {"audience": "function", "audience_function": "hse"} if number % 3 else {}
            document = publish(staff_actor, title=f"Dokument {number}", **audience)
            if number % 4 == 0:
                run(service.add_version, staff_actor, document.id,
                    upload(f"%PDF-1.7\n{number}\n".encode(), "v2.pdf"), "Neu", False)

    def statements() -> int:
        with counted(engine) as seen:
            run(library.list_library, actors[person], search="dokument", sort="title")
        return len(seen)

    publish_some(3, 0)
    few = statements()
    publish_some(42, 3)
    many = statements()

    assert few == many <= 8
