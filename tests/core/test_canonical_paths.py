"""A page built as a folder is served at its slash-less address, without a redirect (issue 22)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from harzportal.core.canonical_paths import with_canonical_paths


def _client(tmp_path, wrapped: bool = True) -> TestClient:
    (tmp_path / "invoices").mkdir()
    (tmp_path / "invoices" / "index.html").write_text("<title>Rechnungen</title>")
    (tmp_path / "login.html").write_text("<title>Anmelden</title>")
    app = Starlette(routes=[
        Mount("/elsewhere", app=lambda scope, receive, send: RedirectResponse("/login")(
            scope, receive, send)),
        Mount("/", app=StaticFiles(directory=tmp_path, html=True)),
    ])
    return TestClient(with_canonical_paths(app) if wrapped else app, follow_redirects=False)


def test_without_it_the_static_server_redirects(tmp_path):
    response = _client(tmp_path, wrapped=False).get("/invoices")
    assert response.status_code == 307
    assert response.headers["location"].endswith("/invoices/")


def test_the_folder_page_answers_at_its_own_address(tmp_path):
    response = _client(tmp_path).get("/invoices")
    assert response.status_code == 200
    assert "Rechnungen" in response.text


def test_other_redirects_and_pages_pass_unchanged(tmp_path):
    client = _client(tmp_path)
    assert client.get("/login.html").status_code == 200
    other = client.get("/elsewhere/x")
    assert other.status_code == 307 and other.headers["location"] == "/login"
