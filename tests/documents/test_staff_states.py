"""The staff's library screens through their handlers: a file staged, a document published,
a version added and withdrawn, refusals shown as messages (one way for both forms)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from harzportal.documents.admin_state import (
    NewDocumentState,
    StaffDocumentsState,
    StaffDocumentState,
)
from harzportal.documents.models import Document, DocumentVersion
from harzportal.documents.views import StaffDocumentRowView, VersionView
from tests.documents import files
from tests.documents.helpers import category_id, rows
from tests.handler_calls import call_handler, signed_in_state

pytestmark = pytest.mark.service


def _file(name: str, content: bytes | None = None):
    return SimpleNamespace(file=io.BytesIO(files.pdf(name) if content is None else content),
                           filename=name)


async def test_staff_publish_a_document_and_its_versions(staff, monkeypatch):
    new = signed_in_state(NewDocumentState, staff, monkeypatch)
    await call_handler(new, "load")
    assert [c.key for c in new.categories][:2] == ["hse", "data_protection"]

    await call_handler(new, "create", {"title": "Ohne Datei"})
    assert new.error == "Bitte wählen Sie zuerst eine Datei aus."

    await call_handler(new, "upload", [_file("Plan.exe", b"MZ")])
    assert new.upload_error.startswith("Dieser Dateityp ist nicht erlaubt")
    await call_handler(new, "upload", [_file("Plan.pdf")])
    assert new.upload_error == "" and new.staged_name.startswith("Plan.pdf (")

    await call_handler(new, "create", {"title": "", "category_id": category_id()})
    assert new.error == "Bitte einen Titel mit höchstens 200 Zeichen angeben."
    await call_handler(new, "create", {"title": "Notfallplan", "category_id": category_id(),
                                       "audience": "kinds", "kind_chemical": "on",
                                       "kind_logistics": "on", "notify": "on"})
    document = rows(Document)[0]
    assert (document.title, document.audience_kinds) == ("Notfallplan", "chemical,logistics")
    assert new.error == "" and new.staged_name == ""

    page = signed_in_state(StaffDocumentState, staff, monkeypatch, route_id=document.id)
    await call_handler(page, "load")
    assert page.loaded and page.document.title == "Notfallplan"
    await call_handler(page, "upload", [_file("Plan2.pdf")])
    await call_handler(page, "add_version", {"change_note": ""})
    assert page.error == "Bitte beschreiben Sie kurz, was sich in dieser Version geändert hat."
    await call_handler(page, "add_version", {"change_note": "Kapitel 3"})
    assert (page.error, page.message) == ("", "Die neue Version ist veröffentlicht.")
    assert [(v.number, v.withdrawn) for v in page.versions] == [(2, False), (1, False)]
    assert all(isinstance(v, VersionView) for v in page.versions)

    await call_handler(page, "withdraw", page.versions[0].id)
    assert page.message == "Die Version wurde zurückgezogen."
    assert [(v.number, v.withdrawn) for v in page.versions] == [(2, True), (1, False)]
    await call_handler(page, "withdraw", 999_999)
    assert page.error == "Nicht gefunden."
    assert rows(DocumentVersion, DocumentVersion.withdrawn_at.is_not(None))[0].number == 2

    listing = signed_in_state(StaffDocumentsState, staff, monkeypatch)
    await call_handler(listing, "load")
    assert isinstance(listing.rows[0], StaffDocumentRowView)
    assert (listing.rows[0].title, listing.rows[0].versions) == ("Notfallplan", "2")
