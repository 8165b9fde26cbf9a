"""`/_upload` of the real production server reads nothing before it checks (issue 15, defect 3).

The client sends only the request head (and a first slice of the body it announces) over a
raw socket, then waits: an answer that comes while the body has not been sent is an answer
given before the body was read.
"""

from __future__ import annotations

import socket
import time
import urllib.parse

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.demo.accounts import ADMIN_EMAIL, HARZER_MANAGER_EMAIL

pytestmark = pytest.mark.e2e

ROOT = "reflex___state____state"
PORTAL = f"{ROOT}.harzportal___shell___state____portal_state"
EDIT = f"{PORTAL}.harzportal___organizations___edit_state____profile_edit_state.upload_logo"
NEW_DOCUMENT = f"{PORTAL}.harzportal___documents___admin_state____new_document_state.upload"
MB = 1024 * 1024


def _session_of(email: str) -> str:
    with db.unit_of_work() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        return sessions.start_session(session, user)


def _status_before_the_body(server: str, handler: str, cookie: str, length: int | None,
                            sent: int = 64 * 1024) -> int | None:
    """Send the head and `sent` bytes of a body of `length` (None: chunked, sent as one chunk
    stream that never ends), then wait up to 10 s for the status line; None: no answer."""
    url = urllib.parse.urlsplit(server)
    head = ["POST /_upload HTTP/1.1", f"Host: {url.netloc}",
            "reflex-client-token: 0b1c6a3e-9a3e-4f6c-9a77-3c1d7a0e5f10",
            f"reflex-event-handler: {handler}",
            "Content-Type: multipart/form-data; boundary=hpboundary", f"Origin: {server}"]
    if cookie:
        head.append(f"Cookie: hp_session={cookie}")
    head.append(f"Content-Length: {length}" if length is not None
                else "Transfer-Encoding: chunked")
    with socket.create_connection((url.hostname, url.port), timeout=10) as connection:
        connection.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        part = b"--hpboundary\r\nContent-Disposition: form-data; name=\"files\"; " \
               b"filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\n"
        body = part + b"\0" * (sent - len(part))
        deadline = time.monotonic() + 10
        try:
            if length is not None:
                connection.sendall(body)
            else:  # chunked: keeps streaming 256 KB chunks until the server answers
                connection.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                while time.monotonic() < deadline:
                    chunk = b"\0" * (256 * 1024)
                    connection.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    connection.settimeout(0.05)
                    try:
                        answer = connection.recv(64)
                    except TimeoutError:
                        continue
                    return int(answer.split()[1]) if answer else None
            connection.settimeout(max(0.1, deadline - time.monotonic()))
            answer = connection.recv(64)
        except (TimeoutError, ConnectionError):
            return None
    return int(answer.split()[1]) if answer.startswith(b"HTTP/") else None


def test_an_anonymous_upload_is_refused_before_its_body_is_read(server):
    assert _status_before_the_body(server, EDIT, "", 60 * MB) == 401
    assert _status_before_the_body(server, EDIT, "not-a-session", 300 * MB) == 401


def test_a_body_above_the_handler_s_limit_is_refused_before_it_is_stored(server):
    manager = _session_of(HARZER_MANAGER_EMAIL)
    assert _status_before_the_body(server, EDIT, manager, 3 * MB) == 413  # logos: 2 MB
    staff = _session_of(ADMIN_EMAIL)
    assert _status_before_the_body(server, NEW_DOCUMENT, staff, 300 * MB) == 413


def test_a_chunked_body_is_cut_off_once_it_streams_past_the_limit(server):
    assert _status_before_the_body(server, EDIT, _session_of(HARZER_MANAGER_EMAIL), None) == 413


def test_an_unknown_handler_is_not_found_without_a_traceback(server, server_log):
    cookie = _session_of(HARZER_MANAGER_EMAIL)
    logged_before = len(server_log())
    for handler in (f"{PORTAL}.no_such_handler", f"{PORTAL}.logout", "x" * 300):
        assert _status_before_the_body(server, handler, cookie, 1000, sent=100) == 404
    time.sleep(0.5)
    assert "Traceback" not in server_log()[logged_before:]
