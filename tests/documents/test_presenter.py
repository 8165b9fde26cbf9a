"""A document's page in German and English: dates, moments, file sizes and numbers in Babel's
formats of the reader's language, labels from the catalogue; and the page's State holds those
typed views."""

from __future__ import annotations

import pytest

from harzportal.documents import library, presenter, service
from harzportal.documents.state import DocumentState, LibraryState
from harzportal.documents.views import DocumentView, LibraryRowView, VersionView
from tests.documents.helpers import document_view, publish, run, upload
from tests.handler_calls import call_handler, signed_in_state

pytestmark = pytest.mark.service

MB_AND_A_HALF = b"%PDF-1.7\n" + bytes(1536 * 1024)


@pytest.fixture
def document(staff_actor, clock_now):
    published = publish(staff_actor, title="Gefährdungsbeurteilung", name="Gefährdung.pdf",
                        content=MB_AND_A_HALF, audience="kinds",
                        audience_kinds=["chemical", "logistics"], review_date="2027-06-30",
                        language="en", tags="TRGS 400\nGefahrstoffe")
    clock_now.advance(days=2, hours=1)
    run(service.add_version, staff_actor, published.id,
        upload(b"%PDF-1.7\n" + bytes(1200 * 1024), "Gefährdung2.pdf"), "Neue TRGS", False)
    return published


@pytest.mark.parametrize(("language", "expected"), [
    ("de", {"category": "Arbeits- und Umweltschutz (HSE)", "language": "Englisch",
            "updated": "30.11.2026", "review_date": "30.06.2027",
            "reason": "Für Mitglieder der Branchen: Chemische Industrie, Logistik",
            "uploaded": ("30.11.2026, 11:00:00", "28.11.2026, 10:00:00"),
            "sizes": ("1,2 MB", "1,5 MB")}),
    ("en", {"category": "Health, safety and environment", "language": "English",
            "updated": "30 Nov 2026", "review_date": "30 Jun 2027",
            "reason": "For members in the sectors: Chemical industry, Logistics",
            "uploaded": ("30 Nov 2026, 11:00:00", "28 Nov 2026, 10:00:00"),
            "sizes": ("1.2 MB", "1.5 MB")}),
])
def test_the_document_page_in_the_reader_s_language(actors, document, language, expected):
    detail = run(library.get_document, actors["hse"], document.id)
    view, versions = presenter.document(detail, language), presenter.versions(detail, language)

    assert isinstance(view, DocumentView) and all(isinstance(v, VersionView) for v in versions)
    assert (view.category, view.language, view.updated, view.review_date, view.reason) == (
        expected["category"], expected["language"], expected["updated"],
        expected["review_date"], expected["reason"])
    assert view.tags == "TRGS 400, Gefahrstoffe"
    assert tuple(v.uploaded for v in versions) == expected["uploaded"]
    assert tuple(v.size for v in versions) == expected["sizes"]
    assert [v.number for v in versions] == [2, 1]
    assert document_view(actors["hse"], document.id)[0] == presenter.document(detail, "de")


@pytest.mark.parametrize(("size", "german", "english"), [
    (512, "512 B", "512 B"), (1536, "2 KB", "2 KB"), (1_030_000, "1.006 KB", "1,006 KB"),
    (1024 * 1024 * 12 // 10, "1,2 MB", "1.2 MB"), (1024 * 1024 * 1500, "1.500 MB", "1,500 MB"),
])
def test_file_sizes_in_babel_s_formats(size, german, english):
    assert (presenter.size_label(size, "de"), presenter.size_label(size, "en")) == (german,
                                                                                   english)


def test_the_staff_list_numbers_in_babel_s_formats(staff_actor, document):
    entry = run(service.list_staff_documents, staff_actor).items[0]
    entry = type(entry)(entry.document, entry.category, versions=2, downloads=1234)
    assert (presenter.staff_row(entry, "de").downloads,
            presenter.staff_row(entry, "en").downloads) == ("1.234", "1,234")
    assert presenter.staff_row(entry, "en").audience_label == \
        "For members in the sectors: Chemical industry, Logistics"


async def test_the_pages_states_hold_typed_views(people, document, monkeypatch):
    library_state = signed_in_state(LibraryState, people["hse"], monkeypatch)
    await call_handler(library_state, "load")
    assert len(library_state.rows) == 1 and isinstance(library_state.rows[0], LibraryRowView)
    assert library_state.rows[0].is_new is True and library_state.rows[0].size == "1,2 MB"
    await call_handler(library_state, "apply_filter", {"category": "nope", "sort": "title",
                                                       "search": "  TRGS\x00 400 "})
    assert (library_state.category, library_state.sort, library_state.search) == (
        "", "title", "TRGS 400")
    assert library_state.total == 1

    page = signed_in_state(DocumentState, people["hse"], monkeypatch, route_id=document.id)
    await call_handler(page, "load")
    assert page.loaded and page.document.title == "Gefährdungsbeurteilung"
    assert page.document.href == f"/files/documents/{document.id}/latest"
    assert [v.withdrawn for v in page.versions] == [False, False]
