"""What counts as a download: one completed GET of the whole file per person, version and day
(German calendar day). A HEAD request and a Range request (a part of the file) are served but
neither counted nor audited; a transfer broken off before the end is not counted either."""

from __future__ import annotations

import asyncio
import warnings

import pytest
from starlette.applications import Starlette

from harzportal.audit.models import AuditEvent
from harzportal.documents import library, routes
from harzportal.documents.models import DocumentVersion
from harzportal.shell.state import SESSION_COOKIE
from tests.documents import files
from tests.documents.helpers import publish, rows, run
from tests.documents.test_routes import token_for

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx is what the project has
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.service

# More than one chunk of the route (STREAM_CHUNK), so a transfer can break off in the middle.
CONTENT = files.pdf("Explosionsschutzdokument") + b"%" + b"x" * (3 * routes.STREAM_CHUNK) + b"\n"


@pytest.fixture
def client():
    with TestClient(Starlette(routes=routes.ROUTES), raise_server_exceptions=False) as test:
        yield test


@pytest.fixture
def document(staff_actor):
    return publish(staff_actor, content=CONTENT, name="Explosionsschutz.pdf",
                   title="Explosionsschutz")


def as_person(client: TestClient, user) -> TestClient:
    client.cookies.set(SESSION_COOKIE, token_for(user))
    return client


def counted(document) -> tuple[int, int]:
    """(the version's download count, its download audit events)"""
    version = rows(DocumentVersion, DocumentVersion.document_id == document.id)[-1]
    return version.download_count, len(rows(AuditEvent, AuditEvent.action == "document.download"))


def test_a_head_request_is_answered_but_writes_nothing(client, people, document):
    response = as_person(client, people["plain"]).head(routes.download_url(document.id))

    assert response.status_code == 200
    assert response.headers["content-length"] == str(len(CONTENT))
    assert response.content == b""
    assert counted(document) == (0, 0)


@pytest.mark.parametrize("wanted", ["bytes=0-99", "bytes=100-", "bytes=-10", "bytes=0-9,20-29"])
def test_a_range_request_is_served_but_not_counted(client, people, document, wanted):
    response = as_person(client, people["plain"]).get(routes.download_url(document.id),
                                                      headers={"Range": wanted})

    assert response.status_code == 206
    assert counted(document) == (0, 0)


def test_repeated_gets_of_one_person_count_once_a_day(client, people, document, clock_now):
    as_person(client, people["plain"])
    for _ in range(3):
        response = client.get(routes.download_url(document.id))
        assert response.status_code == 200
        assert response.content == CONTENT
    assert counted(document) == (1, 1)

    as_person(client, people["hse"]).get(routes.download_url(document.id))
    assert counted(document) == (2, 2)  # another person

    clock_now.advance(days=1)
    as_person(client, people["plain"]).get(routes.download_url(document.id))
    assert counted(document) == (3, 3)  # the next day
    events = rows(AuditEvent, AuditEvent.action == "document.download")
    assert [event.actor_user_id for event in events] == [
        people["plain"].id, people["hse"].id, people["plain"].id]


def test_a_transfer_broken_off_is_not_counted(people, document):
    """Straight through the ASGI app: the client goes away after the first chunk."""
    app = Starlette(routes=routes.ROUTES)
    token = token_for(people["plain"])
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"},
             "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": routes.download_url(document.id),
             "raw_path": routes.download_url(document.id).encode(), "query_string": b"",
             "headers": [(b"host", b"testserver"),
                         (b"cookie", f"{SESSION_COOKIE}={token}".encode())],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80), "root_path": ""}
    sent: list[dict] = []

    async def receive():
        await asyncio.sleep(3600)

    async def send(message):
        if message["type"] == "http.response.body" and any(
                m["type"] == "http.response.body" for m in sent):
            raise OSError("the client went away")  # after the first chunk
        sent.append(message)

    with pytest.raises(OSError):
        asyncio.run(app(scope, receive, send))

    assert sent[0]["status"] == 200
    assert counted(document) == (0, 0)


def test_the_service_counts_a_person_once_a_day(actors, document, clock_now):
    for _ in range(2):
        assert run(library.open_download, actors["plain"], document.id, None).path.is_file()
    assert counted(document) == (1, 1)
    clock_now.advance(days=1)
    run(library.open_download, actors["plain"], document.id, None)
    assert counted(document) == (2, 2)


def test_finding_a_download_writes_nothing(actors, document):
    found = run(library.find_download, actors["plain"], document.id, None)

    assert found.path.read_bytes() == CONTENT
    assert counted(document) == (0, 0)
