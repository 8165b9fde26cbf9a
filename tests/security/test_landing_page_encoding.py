"""The login page and the dashboard's landing route (shell/session_routes.py) serve the build's
brotli or gzip copy of the page like the static files (issue 23): by the request's
Accept-Encoding, with Content-Encoding and Vary, the plain page when none is accepted."""

from __future__ import annotations

import gzip

import brotli
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from harzportal.shell import session_routes


@pytest.fixture
def client(tmp_path, monkeypatch):
    static = tmp_path / ".web" / "build" / "client"
    static.mkdir(parents=True)
    page = b"<html><body>" + b"Anmelden " * 200 + b"</body></html>"
    (static / "login.html").write_bytes(page)
    (static / "login.html.br").write_bytes(brotli.compress(page))
    (static / "login.html.gz").write_bytes(gzip.compress(page))
    monkeypatch.setattr(session_routes.prerequisites, "get_web_dir", lambda: tmp_path / ".web")
    return TestClient(Starlette(routes=session_routes.ROUTES)), page


def test_brotli_when_accepted(client):
    http, page = client
    answer = http.get("/login", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert answer.status_code == 200
    assert answer.headers["content-encoding"] == "br"
    assert answer.headers["vary"] == "Accept-Encoding"
    assert answer.content == page  # the test client decodes it: the same bytes


def test_gzip_without_brotli_and_plain_without_either(client):
    http, page = client
    answer = http.get("/login", headers={"Accept-Encoding": "gzip"})
    assert answer.headers["content-encoding"] == "gzip" and answer.content == page
    plain = http.get("/login", headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "content-encoding" not in plain.headers and plain.content == page
    assert plain.headers["vary"] == "Accept-Encoding"


@pytest.mark.parametrize("header, accepted", [
    ("gzip, deflate, br", {"gzip", "deflate", "br"}),
    ("br;q=0, gzip;q=0.5", {"gzip"}),
    ("identity", {"identity"}),
    ("", set()),
    (" BR ; q=1 ", {"br"}),
])
def test_accepted_encodings(header, accepted):
    assert session_routes.accepted_encodings(header) == accepted
