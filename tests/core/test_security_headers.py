"""The security-headers middleware on a small Starlette app: every answer gets the headers, a
route's own stricter header is kept, HSTS only over HTTPS (or a trusted forwarded https), and
the app's own wiring (harzportal.py) puts the middleware around our routes."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from harzportal.core.security_headers import (
    HSTS,
    SecurityHeadersMiddleware,
    content_security_policy,
)

HTTP_ORIGIN, HTTPS_ORIGIN = "http://localhost:3000", "https://portal.example.org"


def _page(_request):
    return PlainTextResponse("page")


def _strict(_request):
    return Response(b"png", headers={"Content-Security-Policy": "default-src 'none'"})


def _client(public_origin: str, base_url: str = "http://testserver") -> TestClient:
    inner = Starlette(routes=[Route("/page", _page), Route("/logo", _strict)])
    return TestClient(SecurityHeadersMiddleware(inner, lambda: public_origin), base_url=base_url)


def test_every_answer_carries_the_headers_also_a_404():
    client = _client(HTTP_ORIGIN)
    for path, status in (("/page", 200), ("/nowhere", 404)):
        response = client.get(path)
        assert response.status_code == status
        assert response.headers["content-security-policy"] == content_security_policy(HTTP_ORIGIN)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert response.headers["x-frame-options"] == "DENY"
        assert "strict-transport-security" not in response.headers


def test_the_policy_forbids_framing_and_foreign_sources_but_allows_the_own_websocket():
    policy = dict(part.split(" ", 1) for part in content_security_policy(HTTPS_ORIGIN).split("; "))
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"  # ASVS 5.0 3.4.3 names both
    assert policy["connect-src"] == "'self' wss://portal.example.org"
    assert "*" not in content_security_policy(HTTPS_ORIGIN)
    assert "'unsafe-eval'" not in content_security_policy(HTTPS_ORIGIN)
    assert "ws://localhost:3000" in content_security_policy(HTTP_ORIGIN)


def test_a_routes_own_header_is_kept():
    response = _client(HTTP_ORIGIN).get("/logo")
    assert response.headers["content-security-policy"] == "default-src 'none'"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(("public_origin", "base_url", "forwarded", "expected"), [
    (HTTP_ORIGIN, "http://testserver", None, False),
    (HTTP_ORIGIN, "https://testserver", None, True),           # TLS straight to the server
    (HTTPS_ORIGIN, "http://testserver", "https", True),        # behind the TLS proxy
    (HTTPS_ORIGIN, "http://testserver", "https, http", True),  # the first hop counts
    (HTTPS_ORIGIN, "http://testserver", "http", False),
    (HTTPS_ORIGIN, "http://testserver", None, False),
    (HTTP_ORIGIN, "http://testserver", "https", False),        # not trusted: no https origin
], ids=["http", "https-scheme", "proxy-https", "proxy-list", "proxy-http", "proxy-missing",
        "forged-forwarded"])
def test_hsts_only_over_https(public_origin, base_url, forwarded, expected):
    headers = {"X-Forwarded-Proto": forwarded} if forwarded else {}
    response = _client(public_origin, base_url).get("/page", headers=headers)
    assert response.headers.get("strict-transport-security") == (HSTS if expected else None)


def test_websockets_pass_through_untouched():
    from starlette.routing import WebSocketRoute

    async def echo(websocket):
        await websocket.accept()
        await websocket.send_text("hallo")
        await websocket.close()

    app = SecurityHeadersMiddleware(Starlette(routes=[WebSocketRoute("/ws", echo)]),
                                    lambda: HTTP_ORIGIN)
    with TestClient(app).websocket_connect("/ws") as websocket:
        assert websocket.receive_text() == "hallo"


def test_the_app_wraps_our_routes_in_the_middleware():
    from harzportal import harzportal as portal
    from harzportal.core.security_headers import with_security_headers

    transformers = list(portal.app.api_transformer)
    # After our routes (Reflex mounts itself inside them): around routes and pages alike.
    assert transformers.index(with_security_headers) > 0
    assert transformers[0].routes[:len(portal.ROUTES)] == portal.ROUTES
    wrapped = with_security_headers(transformers[0])
    response = TestClient(wrapped).get("/files/invoices/1/x.pdf")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
