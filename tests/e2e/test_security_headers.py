"""Security headers, CORS and the websocket's origin check on the real production server, and
pages that still work in Chromium under the Content-Security-Policy (no violation reported)."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.documents.models import Document
from harzportal.documents.routes import download_url
from tests.e2e.journeys import sign_in_ok

MANAGER = ("manager@harzer-chemie.example", "demo-member-pass-2026")
EVIL = "https://evil.example"


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, \
                response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _assert_hardened(headers: dict) -> None:
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in headers  # plain http, no https public origin


def _session_cookie(email: str) -> str:
    with db.unit_of_work() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        return f"hp_session={sessions.start_session(session, user)}"


def test_pages_and_assets_carry_the_security_headers(server):
    status, headers, body = _get(f"{server}/login")
    assert status == 200 and b"<html" in body.lower()
    _assert_hardened(headers)
    script = re.search(r'["\'](/[^"\']+\.js)["\']', body.decode()).group(1)
    status, headers, _ = _get(server + script)
    assert status == 200 and "javascript" in headers["content-type"]
    _assert_hardened(headers)


def test_files_routes_carry_them_when_refused_and_when_served(server):
    status, headers, body = _get(f"{server}/files/invoices/1/x.pdf")
    assert (status, body) == (404, b"Not Found")
    _assert_hardened(headers)

    with db.unit_of_work() as session:
        document_id = session.exec(select(Document.id).where(Document.audience == "all")
                                   .order_by(Document.id)).first()
    status, headers, body = _get(server + download_url(document_id),
                                 {"Cookie": _session_cookie(MANAGER[0])})
    assert status == 200 and headers["content-disposition"].startswith("attachment")
    _assert_hardened(headers)


def test_a_forwarded_https_header_is_not_trusted_without_an_https_public_origin(server):
    _status, headers, _ = _get(f"{server}/login", {"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" not in headers


def test_cors_answers_only_the_portals_own_origin(server):
    _status, headers, _ = _get(f"{server}/ping", {"Origin": EVIL})
    assert "access-control-allow-origin" not in headers
    _status, headers, _ = _get(f"{server}/ping", {"Origin": server})
    assert headers["access-control-allow-origin"] == server
    preflight = urllib.request.Request(f"{server}/files/my-data.json", method="OPTIONS", headers={
        "Origin": EVIL, "Access-Control-Request-Method": "GET"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(preflight, timeout=20)
    assert refused.value.code == 400
    assert "access-control-allow-origin" not in {k.lower() for k in refused.value.headers}


def _websocket_handshake(server: str, origin: str) -> str:
    """The status line the server answers to a websocket upgrade on the event endpoint."""
    parts = urlsplit(server)
    request = (f"GET /_event/?EIO=4&transport=websocket HTTP/1.1\r\n"
               f"Host: {parts.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
               f"Origin: {origin}\r\n\r\n")
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as connection:
        connection.sendall(request.encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n")[0].decode()


def test_the_websocket_refuses_a_foreign_origin_and_accepts_the_own(server):
    assert " 101 " in _websocket_handshake(server, server) + " "
    refused = _websocket_handshake(server, EVIL)
    assert " 101" not in refused, refused
    assert refused == "" or refused.split()[1].startswith(("4", "5")), refused


def _watch_csp(page: Page) -> list[str]:
    """Collects every CSP violation: the console errors Chromium writes and the DOM event."""
    reported: list[str] = []
    page.on("console", lambda message: reported.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy"
            in message.text else None)
    page.add_init_script("""
        window.__csp = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    return reported


def test_pages_work_in_chromium_without_a_csp_violation(page: Page, server):
    reported = _watch_csp(page)
    sign_in_ok(page, *MANAGER)  # the login needs the websocket and the scripts
    for path, selector in (("/documents", "h1"), ("/seminars", "h1"), ("/account", "h1")):
        page.goto(path)
        expect(page.locator(selector).first).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp") == [], path
    assert reported == []
