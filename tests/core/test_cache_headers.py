"""Cache-Control of the answers (issue 22): hashed assets for a year, everything else not stored,
a route's own header kept."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from harzportal.core.cache_headers import HASHED_ASSETS, NOT_STORED, with_cache_headers


def _own(request):
    return PlainTextResponse("logo", headers={"Cache-Control": "private, max-age=3600"})


def _client() -> TestClient:
    app = Starlette(routes=[
        Route("/assets/app-1a2b3c.js", lambda request: PlainTextResponse("js")),
        Route("/dashboard", lambda request: PlainTextResponse("<html>")),
        Route("/files/logo", _own),
    ])
    return TestClient(with_cache_headers(app))


def test_hashed_assets_are_cached_for_a_year_and_immutable():
    assert _client().get("/assets/app-1a2b3c.js").headers["cache-control"] == HASHED_ASSETS


def test_pages_and_missing_assets_are_not_stored():
    client = _client()
    assert client.get("/dashboard").headers["cache-control"] == NOT_STORED
    assert client.get("/assets/gone.js").headers["cache-control"] == NOT_STORED


def test_a_route_s_own_cache_control_is_kept():
    assert _client().get("/files/logo").headers["cache-control"] == "private, max-age=3600"
