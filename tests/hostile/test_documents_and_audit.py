"""Hostile input to the library (upload names, contents, document metadata) and to the audit
log's filters."""

from __future__ import annotations

import io
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlmodel import select

from harzportal import db
from harzportal.audit import log
from harzportal.audit.forms import AuditFilterForm
from harzportal.core import private_files
from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from harzportal.documents import library, service, storage
from harzportal.documents.models import DocumentCategory
from tests.documents import files
from tests.hostile.helpers import ACCEPTED, REFUSED, attempt, attempt_pure
from tests.hostile.strategies import any_text, form, hostile, ids, json_values, texts

pytestmark = pytest.mark.service

CONTENTS = st.one_of(
    st.sampled_from([files.pdf(), "Protokoll der Sitzung\n".encode(), "Prüfung".encode("cp1252"),
                     files.office("docx"), files.opendocument("odt"), b"MZ\x90\x00", b"", b"\x00\x00", b"#!/bin/sh\nrm -rf /\n",
                     b"PK\x03\x04broken"]),
    st.binary(max_size=300))
EXTENSIONS = ("pdf", "txt", "docx", "xlsx", "pptx", "odt", "ods", "exe", "", "PDF", "pdf.exe",
              "txt\x00.pdf", "tar.gz")
upload_names = st.one_of(
    texts, st.tuples(texts, st.sampled_from(EXTENSIONS)).map(lambda pair: f"{pair[0]}.{pair[1]}"),
    st.sampled_from(["../../../etc/passwd.txt", "..\\..\\boot.ini.pdf", "/abs/olute.pdf",
                     "a\x00b.pdf", "evil\u202efdp.exe", "CON.txt", ".txt", ". .pdf",
                     "x" * 10_000 + ".pdf", "ü" * 300 + ".txt", "\U0001f600.pdf"]), json_values)


@pytest.fixture
def world(factories):
    with db.unit_of_work() as session:  # the migration seeds it; every test empties the tables
        if session.exec(select(DocumentCategory)).first() is None:
            session.add(DocumentCategory(key="hse", name_de="HSE", name_en="HSE", position=1))
    with db.unit_of_work() as session:
        category = session.exec(select(DocumentCategory)).first()
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    organization = factories.organization(name="Harzer Chemiewerke GmbH")
    contact = factories.user(organization, role=Role.CONTACT)
    stored = storage.store_upload(io.BytesIO(files.pdf()), "Gefährdungsbeurteilung.pdf")
    return {"staff": factories.actor(staff), "contact": factories.actor(contact),
            "category": category, "stored": stored}


def _leftovers() -> list[str]:
    folder = private_files.directory(storage.AREA)
    return sorted(p.name for p in folder.iterdir() if not private_files.path_of(storage.AREA,
                                                                               p.name))


@given(CONTENTS, upload_names)
def test_upload_names_and_contents(world, content, name):
    """Either a file stored under a name we generate, with a harmless display name, or a refusal
    that leaves nothing behind."""
    status, result = attempt_pure(storage.store_upload, io.BytesIO(content), name)
    assert _leftovers() == []
    if status == ACCEPTED:
        assert private_files.path_of(storage.AREA, result.file_name) is not None
        assert "/" not in result.display_name and "\\" not in result.display_name
        assert "\x00" not in result.display_name and len(result.display_name) <= 200
        assert not result.display_name.startswith(".")


DOCUMENT = {"title": "Gefährdungsbeurteilung Lager", "category_id": "CATEGORY",
            "description": "Vorlage\nmit Hinweisen", "language": "de", "audience": "kinds",
            "audience_kinds": ["chemical", "logistics"], "audience_function": "hse",
            "tags": "HSE, Lager", "review_date": "2027-06-30", "change_note": "Erste Fassung"}


@given(form(DOCUMENT, max_changed=4), st.booleans())
def test_document_metadata(world, values, notify):
    values = {key: world["category"].id if value == "CATEGORY" else value
              for key, value in values.items()}
    attempt(service.create_document, world["staff"], values, world["stored"], notify)


@given(hostile(None), hostile("Neue Fassung"), st.one_of(st.none(), json_values))
def test_new_version(world, document_id, note, stored):
    form_values = DOCUMENT | {"category_id": world["category"].id}
    status, document = attempt(service.create_document, world["staff"], form_values,
                               world["stored"], False, counted=False)
    assert status == ACCEPTED
    target = document.id if document_id is None else document_id
    attempt(service.add_version, world["staff"], target,
            world["stored"] if stored is None else stored, note, False)


@given(ids)
def test_withdraw_version_and_open_document(world, version_id):
    attempt(service.withdraw_version, world["staff"], version_id)
    attempt(library.get_document, world["contact"], version_id)


@given(hostile("hse"), hostile("Lager"), hostile("date"), hostile(1))
def test_library_filters(world, category, search, sort, page):
    attempt(library.list_library, world["contact"], category=category, search=search, sort=sort,
            page=page)


@given(hostile("Arbeitssicherheit"), hostile("Occupational safety"))
def test_new_category(world, name_de, name_en):
    attempt(service.create_category, world["staff"], name_de, name_en)


FILTERS = {"actor_user_id": "1", "organization_id": "1", "kind": "profile",
           "since": "2027-01-01", "until": "2027-12-31"}


@given(form(FILTERS, max_changed=5), hostile(1))
@example(FILTERS | {"since": "0001-01-01"}, 1)  # found: OverflowError before the fix
@example(FILTERS | {"until": "9999-12-31"}, 1)
def test_audit_log_filters(world, values, page):
    status, filters = attempt_pure(parse_form, AuditFilterForm, values)
    if status == REFUSED:
        return
    attempt(log.list_events, world["staff"], filters, page)
    attempt(log.events_csv, world["staff"], filters)
    assert filters.export_url(log.EXPORT_URL).startswith(log.EXPORT_URL)


@given(st.one_of(st.dictionaries(any_text, texts, max_size=5), form(FILTERS, max_changed=5)))
def test_audit_export_link(world, values):
    """The CSV link is built from whatever the filter form held, and reads back as the same
    filters."""
    status, filters = attempt_pure(parse_form, AuditFilterForm, values)
    if status == REFUSED:
        return
    link = filters.export_url(log.EXPORT_URL)
    assert link.startswith(log.EXPORT_URL)
    query = dict(parse_qsl(urlsplit(link).query))
    assert parse_form(AuditFilterForm, query) == filters
