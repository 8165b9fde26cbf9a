"""The guard in front of `/_upload` (issue 15, defect 3) at the ASGI level: it answers before a
byte of the body is read, and cuts a streamed body off at the handler's limit. The inner app is
a stand-in that reads the whole body, as Reflex's upload route does, and counts what it got;
`receive` counts what was taken from the client. The production server: tests/e2e/
test_upload_guard_server.py.
"""

from __future__ import annotations

import asyncio

import pytest

from harzportal import db
from harzportal.accounts import sessions
from harzportal.core.roles import Role
from harzportal.documents.admin_state import NewDocumentState, StaffDocumentState
from harzportal.organizations import logos
from harzportal.organizations.edit_state import ProfileEditState
from harzportal.settings import get as get_settings
from harzportal.shell import uploads
from harzportal.shell.state import PortalState

pytestmark = pytest.mark.service

LOGO = f"{ProfileEditState.get_full_name()}.upload_logo"
NEW_DOCUMENT = f"{NewDocumentState.get_full_name()}.upload"
NEW_VERSION = f"{StaffDocumentState.get_full_name()}.upload"
MB = 1024 * 1024


class Client:
    """A client that would send `total` bytes in 64 KB messages; counts what was taken."""

    def __init__(self, total: int):
        self.total, self.taken = total, 0

    async def receive(self):
        if self.taken >= self.total:
            await asyncio.Event().wait()  # stays connected, sends nothing more
        size = min(64 * 1024, self.total - self.taken)
        self.taken += size
        return {"type": "http.request", "body": b"\0" * size,
                "more_body": self.taken < self.total}


class ReadsEverything:
    """What Reflex's route does with a body: reads all of it, then answers."""

    def __init__(self):
        self.read, self.called = 0, False

    async def __call__(self, scope, receive, send):
        self.called = True
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                await send({"type": "http.response.start", "status": 200, "headers": []})
                await send({"type": "http.response.body", "body": b""})
                return
            self.read += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"stored"})


async def _post(handler: str, cookie: str, total: int, declared: int | None = -1):
    """POST /_upload through the guard; returns (status, inner app, client)."""
    headers = [(b"reflex-event-handler", handler.encode()),
               (b"reflex-client-token", b"0b1c6a3e-9a3e-4f6c-9a77-3c1d7a0e5f10"),
               (b"content-type", b"multipart/form-data; boundary=x")]
    if cookie:
        headers.append((b"cookie", f"hp_session={cookie}".encode()))
    declared = total if declared == -1 else declared
    if declared is not None:
        headers.append((b"content-length", str(declared).encode()))
    else:
        headers.append((b"transfer-encoding", b"chunked"))
    scope = {"type": "http", "method": "POST", "path": "/_upload", "raw_path": b"/_upload",
             "query_string": b"", "headers": headers, "client": ("127.0.0.1", 5000),
             "server": ("testserver", 80), "scheme": "http", "http_version": "1.1",
             "root_path": ""}
    inner, client, answers = ReadsEverything(), Client(total), []

    async def send(message):
        answers.append(message)

    await asyncio.wait_for(uploads.UploadGuard(inner)(scope, client.receive, send), 10)
    status = next(m["status"] for m in answers if m["type"] == "http.response.start")
    return status, inner, client


@pytest.fixture
def cookie(factories, engine):
    user = factories.user(factories.organization(), role=Role.NETWORK_ADMIN)
    with db.unit_of_work() as session:
        return sessions.start_session(session, user)


@pytest.fixture(autouse=True)
def _registered_handlers():
    """The app's handlers are registered when their states are imported (above)."""
    assert uploads.upload_limit(LOGO) is not None


async def test_without_a_valid_session_the_answer_is_401_and_nothing_is_read(engine):
    for cookie in ("", "forged-" + "x" * 40):
        status, inner, client = await _post(LOGO, cookie, 60 * MB)
        assert (status, inner.called, client.taken) == (401, False, 0)


async def test_a_declared_size_above_the_limit_is_413_before_anything_is_read(cookie):
    status, inner, client = await _post(LOGO, cookie, logos.MAX_BYTES + 200 * 1024)
    assert (status, inner.called, client.taken) == (413, False, 0)
    documents = get_settings().max_upload_mb * MB
    for handler in (NEW_DOCUMENT, NEW_VERSION):
        status, inner, client = await _post(handler, cookie, documents + 200 * 1024)
        assert (status, inner.called, client.taken) == (413, False, 0)


async def test_a_streamed_body_is_cut_off_at_the_limit(cookie):
    """No Content-Length (chunked), or a smaller one than what is sent: at most the limit
    (plus the message that crossed it) is taken, and the client gets 413."""
    limit = uploads.upload_limit(LOGO)
    for declared in (None, 1000):
        status, inner, client = await _post(LOGO, cookie, 60 * MB, declared=declared)
        assert status == 413
        assert client.taken <= limit + 64 * 1024 and inner.read <= limit


async def test_within_the_limit_the_upload_goes_through(cookie):
    status, inner, _client = await _post(LOGO, cookie, logos.MAX_BYTES)
    assert (status, inner.read) == (200, logos.MAX_BYTES)


@pytest.mark.parametrize("handler", [
    f"{PortalState.get_full_name()}.logout", f"{ProfileEditState.get_full_name()}.submit",
    f"{PortalState.get_full_name()}.no_such_handler", "", "x" * 500, "../../etc"])
async def test_an_unknown_or_non_upload_handler_is_404(cookie, handler, caplog):
    status, inner, client = await _post(handler, cookie, 1000)
    assert (status, inner.called, client.taken) == (404, False, 0)
    assert not [record for record in caplog.records if record.exc_info]


async def test_other_paths_pass_untouched(cookie):
    inner = ReadsEverything()
    answers = []

    async def send(message):
        answers.append(message)

    scope = {"type": "http", "method": "POST", "path": "/files/x", "headers": []}
    await uploads.UploadGuard(inner)(scope, Client(10).receive, send)
    assert inner.read == 10
