"""Versions: every upload is a new version with a change note; the newest one that is not
withdrawn is the default; older ones stay downloadable; a withdrawn one is gone for members and
downloadable by no one."""

from __future__ import annotations

import pytest

from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.core.errors import NotFound, PermissionDenied, ValidationFailed
from harzportal.documents import library, service
from harzportal.documents.models import Document, DocumentVersion
from harzportal.documents.views import VersionView
from tests.documents import files
from tests.documents.helpers import document_view, library_view, publish, rows, run, upload

pytestmark = pytest.mark.service

FIRST, SECOND, THIRD = (files.pdf(f"Fassung {n}") for n in (1, 2, 3))


@pytest.fixture
def versions(staff_actor, clock_now):
    """A document for everyone with three versions, uploaded a day apart."""
    document = publish(staff_actor, content=FIRST, name="Fassung1.pdf", title="Betriebsanweisung")
    clock_now.advance(days=1)
    second = run(service.add_version, staff_actor, document.id, upload(SECOND, "Fassung2.pdf"),
                 "Abschnitt 4 ergänzt", False)
    clock_now.advance(days=1)
    third = run(service.add_version, staff_actor, document.id, upload(THIRD, "Fassung3.pdf"),
                "Neue TRGS berücksichtigt", False)
    first = rows(DocumentVersion, DocumentVersion.number == 1)[0]
    return document, first, second, third


def downloaded(actor, document_id, version_id=None) -> bytes:
    return run(library.open_download, actor, document_id, version_id).path.read_bytes()


def test_versions_are_numbered_and_the_newest_is_the_default(actors, versions, clock_now):
    document, first, second, third = versions

    assert [(v.number, v.change_note) for v in (first, second, third)] == [
        (1, "Erstfassung"), (2, "Abschnitt 4 ergänzt"), (3, "Neue TRGS berücksichtigt")]
    assert downloaded(actors["plain"], document.id) == THIRD
    assert downloaded(actors["plain"], document.id, first.id) == FIRST
    assert downloaded(actors["plain"], document.id, str(second.id)) == SECOND
    assert clock.as_utc(rows(Document)[0].updated_at) == clock_now.current  # newest upload


def test_the_history_lists_every_version_newest_first(actors, versions):
    document, first, second, third = versions

    view, shown = document_view(actors["plain"], document.id)

    assert [v.number for v in shown] == [3, 2, 1]
    assert shown[0] == VersionView(
        id=third.id, number=3, uploaded="30.11.2026, 10:00:00",
        change_note="Neue TRGS berücksichtigt", size=shown[0].size,
        display_name="Fassung3.pdf", withdrawn=False,
        href=f"/files/documents/{document.id}/{third.id}")
    assert view.latest_version_id == third.id


def test_a_withdrawn_version_is_gone_for_members_and_not_downloadable(actors, versions):
    document, first, second, third = versions

    run(service.withdraw_version, actors["staff"], third.id)

    assert downloaded(actors["plain"], document.id) == SECOND  # the default falls back
    for person in ("plain", "staff"):
        with pytest.raises(NotFound):
            run(library.open_download, actors[person], document.id, third.id)
    _view, member_versions = document_view(actors["plain"], document.id)
    assert [v.number for v in member_versions] == [2, 1]
    _view, staff_versions = document_view(actors["staff"], document.id)
    assert [(v.number, v.withdrawn) for v in staff_versions] == [
        (3, True), (2, False), (1, False)]
    assert run(library.list_library, actors["plain"]).page.items[0].latest.id == second.id
    assert library_view(actors["plain"]).items[0].display_name == "Fassung2.pdf"
    withdrawn = rows(DocumentVersion, DocumentVersion.id == third.id)[0]
    assert withdrawn.withdrawn_by_user_id == actors["staff"].user_id
    assert [e.action for e in rows(AuditEvent, AuditEvent.object_id == str(third.id))] == [
        "document.version_add", "document.version_withdraw"]


def test_withdrawing_twice_changes_nothing(actors, versions):
    _document, _first, _second, third = versions
    run(service.withdraw_version, actors["staff"], third.id)
    moment = rows(DocumentVersion, DocumentVersion.id == third.id)[0].withdrawn_at

    run(service.withdraw_version, actors["staff"], third.id)

    assert rows(DocumentVersion, DocumentVersion.id == third.id)[0].withdrawn_at == moment


def test_a_document_without_any_available_version_disappears_for_members(actors, versions):
    document, *all_versions = versions
    for version in all_versions:
        run(service.withdraw_version, actors["staff"], version.id)

    assert run(library.list_library, actors["plain"]).page.total == 0
    with pytest.raises(NotFound):
        run(library.get_document, actors["plain"], document.id)
    with pytest.raises(NotFound):
        run(library.open_download, actors["staff"], document.id, None)
    assert run(library.list_library, actors["staff"]).page.items[0].latest is None
    assert library_view(actors["staff"]).items[0].size == ""


def test_a_new_version_brings_a_fully_withdrawn_document_back(actors, versions):
    document, *all_versions = versions
    for version in all_versions[:-1]:
        run(service.withdraw_version, actors["staff"], version.id)
    assert run(library.list_library, actors["plain"]).page.total == 1  # one version still active
    run(service.withdraw_version, actors["staff"], all_versions[-1].id)
    assert run(library.list_library, actors["plain"]).page.total == 0

    run(service.add_version, actors["staff"], document.id, upload(FIRST, "Fassung4.pdf"),
        "Wieder gültig", False)

    assert run(library.list_library, actors["plain"]).page.total == 1
    assert downloaded(actors["plain"], document.id) == FIRST


def test_a_version_of_another_document_is_not_found(actors, staff_actor, versions):
    document, first, _second, _third = versions
    other = publish(staff_actor, title="Anderes Dokument")

    with pytest.raises(NotFound):
        run(library.open_download, actors["plain"], other.id, first.id)
    for version_id in ("latest", "abc", 0, 999999):
        with pytest.raises(NotFound):
            run(library.open_download, actors["plain"], document.id, version_id)


def test_a_new_version_needs_a_change_note_and_a_file(staff_actor, versions):
    document = versions[0]

    with pytest.raises(ValidationFailed) as caught:
        run(service.add_version, staff_actor, document.id, upload(), "  ", False)
    assert (caught.value.message_key, caught.value.field) == ("document.change_note_required",
                                                              "change_note")
    with pytest.raises(ValidationFailed) as caught:
        run(service.add_version, staff_actor, document.id, None, "Neu", False)
    assert caught.value.message_key == "document.file_required"
    with pytest.raises(NotFound):
        run(service.add_version, staff_actor, 999999, upload(), "Neu", False)


def test_only_staff_add_and_withdraw_versions(actors, versions):
    document, first, *_ = versions
    for person in ("hse", "plain", "logistics_manager"):
        with pytest.raises(PermissionDenied):
            run(service.add_version, actors[person], document.id, upload(), "Neu", False)
        with pytest.raises(PermissionDenied):
            run(service.withdraw_version, actors[person], first.id)
    with pytest.raises(NotFound):
        run(service.withdraw_version, actors["staff"], 999999)
