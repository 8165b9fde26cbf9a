"""The download route: 401 without a session, the same 404 for everything refused, the checked
file streamed with safe headers, a download counted and audited (once per person, version and
day)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import tracemalloc
import warnings

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, StreamingResponse

from harzportal import db
from harzportal.accounts import sessions
from harzportal.audit.models import AuditEvent
from harzportal.documents import routes, service, storage
from harzportal.documents.models import DocumentVersion
from harzportal.shell.state import SESSION_COOKIE
from tests.documents import files
from tests.documents.files import ZeroStream
from tests.documents.helpers import form, publish, rows, run, upload

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx is what the project has
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.service

CONTENT = files.pdf("Gefährdungsbeurteilung Lager")


@pytest.fixture
def client():
    with TestClient(Starlette(routes=routes.ROUTES), raise_server_exceptions=False) as test:
        yield test


def token_for(user) -> str:
    with db.unit_of_work() as session:
        return sessions.start_session(session, user)


def signed_in(client: TestClient, user) -> TestClient:
    client.cookies.set(SESSION_COOKIE, token_for(user))
    return client


@pytest.fixture
def hse_document(staff_actor):
    return publish(staff_actor, content=CONTENT, name="Gefährdungsbeurteilung.pdf",
                   title="Gefährdungsbeurteilung", audience="function", audience_function="hse")


def version_of(document) -> DocumentVersion:
    return rows(DocumentVersion, DocumentVersion.document_id == document.id)[-1]


def assert_not_found(response) -> None:
    assert response.status_code == 404
    assert response.content == b"Not Found"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-disposition" not in response.headers


def test_the_audience_downloads_the_identical_bytes_with_safe_headers(client, people,
                                                                      hse_document):
    response = signed_in(client, people["hse"]).get(routes.download_url(hse_document.id))

    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == hashlib.sha256(CONTENT).hexdigest()
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"Gefaehrdungsbeurteilung.pdf\"; "
        "filename*=UTF-8''Gef%C3%A4hrdungsbeurteilung.pdf")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private"
    assert response.headers["content-length"] == str(len(CONTENT))


def test_a_text_file_is_served_as_plain_text_attachment(client, people, staff_actor):
    document = publish(staff_actor, content=b"<html><script>alert(1)</script></html>\n",
                       name="notiz.txt")

    response = signed_in(client, people["plain"]).get(routes.download_url(document.id))

    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_without_a_session_the_answer_is_401_without_details(client, hse_document):
    for url in (routes.download_url(hse_document.id), routes.download_url(999999),
                routes.download_url(hse_document.id, version_of(hse_document).id)):
        response = client.get(url)
        assert response.status_code == 401
        assert response.content == b""
        assert response.headers["cache-control"] == "no-store"
    client.cookies.set(SESSION_COOKIE, "not-a-session")
    assert client.get(routes.download_url(hse_document.id)).status_code == 401


def test_an_expired_session_is_no_session(client, people, hse_document, clock_now):
    signed_in(client, people["hse"])
    clock_now.advance(hours=13)
    assert client.get(routes.download_url(hse_document.id)).status_code == 401


@pytest.mark.parametrize("person", ["plain", "logistics_manager", "dpo"])
def test_another_audience_gets_the_same_404_as_a_missing_document(client, people, hse_document,
                                                                  person):
    signed_in(client, people[person])

    assert_not_found(client.get(routes.download_url(hse_document.id)))
    assert_not_found(client.get(routes.download_url(hse_document.id,
                                                    version_of(hse_document).id)))
    assert_not_found(client.get(routes.download_url(999999)))
    assert version_of(hse_document).download_count == 0


@pytest.mark.parametrize("path", [
    "/files/documents/..%2F..%2Fetc/latest",
    "/files/documents/1/..",
    "/files/documents/1/%2e%2e",
    "/files/documents/..1/latest",
    "/files/documents/1/latest..",
    "/files/documents/%2E%2E/latest",
    "/files/documents/1/..%2F..%2F..%2Fetc%2Fpasswd",
    "/files/documents/1/x",
    "/files/documents/abc/latest",
    "/files/documents/-1/latest",
])
def test_dot_segments_and_other_odd_paths_are_404(client, people, hse_document, path):
    signed_in(client, people["hse"])
    response = client.get(path.replace("/1/", f"/{hse_document.id}/"))
    assert response.status_code == 404


def test_versions_by_id_and_withdrawn_ones(client, people, staff_actor, clock_now):
    document = publish(staff_actor, content=b"%PDF-1.7\neins\n", name="v1.pdf")
    first = version_of(document)
    clock_now.advance(minutes=5)
    second = run(service.add_version, staff_actor, document.id,
                 upload(b"%PDF-1.7\nzwei\n", "v2.pdf"), "Zweite", False)
    signed_in(client, people["plain"])

    assert client.get(routes.download_url(document.id)).content == b"%PDF-1.7\nzwei\n"
    assert client.get(routes.download_url(document.id, first.id)).content == b"%PDF-1.7\neins\n"
    run(service.withdraw_version, staff_actor, second.id)
    assert_not_found(client.get(routes.download_url(document.id, second.id)))
    assert client.get(routes.download_url(document.id)).content == b"%PDF-1.7\neins\n"
    signed_in(client, people["staff"])
    assert_not_found(client.get(routes.download_url(document.id, second.id)))


def test_a_tampered_file_is_not_served_and_logged(client, people, hse_document, document_store,
                                                  caplog):
    version = version_of(hse_document)
    tampered = bytearray(CONTENT)
    tampered[len(tampered) // 2] ^= 0x01  # one bit flipped on disk
    (document_store / version.file_name).write_bytes(bytes(tampered))
    signed_in(client, people["hse"])

    with caplog.at_level(logging.ERROR, logger="harzportal.documents"):
        response = client.get(routes.download_url(hse_document.id))

    assert_not_found(response)
    [record] = [r for r in caplog.records if r.name == "harzportal.documents"]
    assert record.levelno == logging.ERROR
    message = record.getMessage()
    assert f"Document {hse_document.id} version {version.id}" in message
    assert version.file_name in message
    assert version_of(hse_document).download_count == 0


def test_a_missing_file_is_not_served(client, people, hse_document, document_store):
    (document_store / version_of(hse_document).file_name).unlink()
    assert_not_found(signed_in(client, people["staff"]).get(
        routes.download_url(hse_document.id)))


def test_a_download_is_counted_and_audited_once_a_day(client, people, hse_document):
    """More on what counts: test_download_counting.py."""
    signed_in(client, people["hse"])
    version = version_of(hse_document)

    for _ in range(2):
        assert client.get(routes.download_url(hse_document.id, version.id)).status_code == 200

    assert version_of(hse_document).download_count == 1
    events = rows(AuditEvent, AuditEvent.action == "document.download")
    assert len(events) == 1
    assert (events[0].actor_user_id, events[0].object_type, events[0].object_id,
            events[0].organization_id, events[0].after) == (
        people["hse"].id, "document_version", str(version.id), people["chemical"].id,
        {"document_id": hse_document.id, "version": 1})


def test_download_url():
    assert routes.download_url(12) == "/files/documents/12/latest"
    assert routes.download_url("12", 34) == "/files/documents/12/34"


@pytest.mark.parametrize(("name", "header"), [
    ("Bericht 2026.pdf", "attachment; filename=\"Bericht 2026.pdf\"; "
                         "filename*=UTF-8''Bericht%202026.pdf"),
    ("Übersicht;Größe=\"x\".DOCX", "attachment; filename=\"Uebersicht_Groesse=_x_.DOCX\"; "
                                   "filename*=UTF-8''%C3%9Cbersicht%3BGr%C3%B6%C3%9Fe%3D_x_.DOCX"),
    ("東京.pdf", "attachment; filename=\"dokument.pdf\"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC.pdf"),
])
def test_content_disposition_has_an_ascii_fallback_and_the_exact_name(name, header):
    shown = name.replace('"', "_")  # as storage.sanitize_name leaves it
    assert routes.content_disposition(shown) == header


async def test_the_file_is_streamed_in_chunks_not_read_into_memory(people, staff_actor):
    """5 MB here; the lead measures 200 MB separately. The endpoint answers with a streaming
    response, and sending it never holds more than a small part of the file."""
    stored = storage.store_upload(ZeroStream(5 * 1024 * 1024, head=b"%PDF-1.7\n"), "Gross.pdf")
    document = run(service.create_document, staff_actor, form(), stored, False)
    token = token_for(people["plain"])
    path = routes.download_url(document.id)
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "scheme": "http", "http_version": "1.1",
             "headers": [(b"cookie", f"{SESSION_COOKIE}={token}".encode())],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
             "path_params": {"document_id": str(document.id), "version_id": "latest"}}

    response = await routes.serve_document(Request(scope))

    assert isinstance(response, FileResponse | StreamingResponse)
    assert not getattr(response, "body", b"")  # nothing of the file held in the response
    chunks, digest = [], hashlib.sha256()

    async def receive():  # the client stays connected
        await asyncio.Event().wait()

    async def send(message):
        if message["type"] == "http.response.body":
            chunks.append(len(message.get("body", b"")))
            digest.update(message.get("body", b""))

    tracemalloc.start()
    try:
        await response(scope, receive, send)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(chunks) == stored.size_bytes
    assert len(chunks) > 10 and max(chunks) <= 1024 * 1024
    assert digest.hexdigest() == stored.sha256
    assert peak < 2 * 1024 * 1024

