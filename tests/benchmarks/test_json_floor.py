"""The benchmark-only JSON floor (`make bench`, benchmarks/json_floor.py): outside the product,
mounted only by benchmarks/app.py with a setting a production start refuses, and then the
routes answer the signed-in person's page data, nobody else's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from benchmarks.json_floor import ROUTES, jsonable
from harzportal import db
from harzportal import settings as settings_module
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.core.paging import Page
from harzportal.core.roles import Role
from harzportal.invoices import service as invoice_service
from harzportal.invoices.models import InvoiceKind
from harzportal.organizations import directory
from harzportal.organizations.models import Organization
from harzportal.startup_checks import production_problems

pytestmark = pytest.mark.service


@pytest.fixture
def client(engine):
    return TestClient(Starlette(routes=ROUTES))


def _token(user) -> str:
    with db.unit_of_work() as session:
        return sessions.start_session(session, session.get(User, user.id))


def test_the_setting_is_off_by_default_and_blocks_a_production_start(monkeypatch, engine):
    monkeypatch.delenv("HARZPORTAL_BENCH_ROUTES", raising=False)
    assert settings_module.reload().bench_routes is False
    monkeypatch.setenv("HARZPORTAL_BENCH_ROUTES", "1")
    settings = settings_module.reload()
    assert settings.bench_routes is True
    assert any("HARZPORTAL_BENCH_ROUTES" in problem for problem in production_problems(settings))
    monkeypatch.undo()
    settings_module.reload()


def test_the_page_route_answers_the_signed_in_persons_data(client, factories):
    organization = factories.organization(name="Harzer Chemiewerke GmbH")
    manager = factories.user(organization, role=Role.ORG_MANAGER, full_name="Anna Krüger")

    answer = client.get("/bench/pages/directory",
                        headers={"Cookie": f"hp_session={_token(manager)}"})

    assert answer.status_code == 200
    body = answer.json()
    assert body["identity"]["name"] == "Anna Krüger"
    with db.unit_of_work() as session:
        expected = directory.search_directory(session, factories.actor(manager), page=1)
        assert body["page"] == jsonable(expected)
    assert "Harzer Chemiewerke GmbH" in json.dumps(body["page"], ensure_ascii=False)


def test_the_invoice_page_is_the_services_answer(client, factories):
    organization = factories.organization()
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    with db.unit_of_work() as session:
        expected = jsonable(invoice_service.list_member_invoices(
            session, factories.actor(manager), organization.id, 1))

    answer = client.get("/bench/pages/invoices",
                        headers={"Cookie": f"hp_session={_token(manager)}"})

    assert answer.status_code == 200
    assert answer.json()["page"] == expected


@pytest.mark.parametrize("cookie", ["", "hp_session=not-a-session"])
def test_without_a_session_there_is_nothing(client, factories, cookie):
    assert client.get("/bench/pages/dashboard", headers={"Cookie": cookie}).status_code == 404


def test_unknown_pages_are_not_found(client, factories):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    answer = client.get("/bench/pages/admin", headers={"Cookie": f"hp_session={_token(manager)}"})
    assert answer.status_code == 404


ROOT = Path(__file__).resolve().parents[2]
LOAD_APPS = """
import sys
import harzportal.harzportal
assert not [name for name in sys.modules if name.startswith("benchmarks")], "product imports it"
import benchmarks.app
from harzportal.harzportal import app
paths = [route.path for transformer in app.api_transformer
         for route in getattr(transformer, "routes", [])]
print(paths.count("/bench/pages/{page}"), paths.count("/bench/state/{client_token}"))
"""


def _load_apps(bench_routes: str) -> subprocess.CompletedProcess:
    env = os.environ | {"HARZPORTAL_BENCH_ROUTES": bench_routes, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", LOAD_APPS], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)


def test_only_the_benchmarks_app_mounts_the_routes_and_only_with_the_setting():
    """The product's app never imports benchmark code; benchmarks/app.py adds the routes once,
    and refuses to load without HARZPORTAL_BENCH_ROUTES=1."""
    mounted = _load_apps("1")
    assert mounted.returncode == 0, mounted.stderr
    assert mounted.stdout.split() == ["1", "1"]

    refused = _load_apps("0")
    assert refused.returncode != 0
    assert "HARZPORTAL_BENCH_ROUTES=1" in refused.stderr


def test_typed_results_become_json_values():
    """Services return pages of dataclasses and SQLModel rows (core/paging.Page): the floor
    answers them as JSON objects, with dates as ISO text and enums as their value."""
    row = Organization(id=7, name="Harzer Chemiewerke GmbH", member_since=date(2012, 1, 1))
    answer = jsonable(Page(items=(row,), page=1, pages=1, total=1))

    assert answer["total"] == 1
    assert answer["items"][0]["name"] == "Harzer Chemiewerke GmbH"
    assert answer["items"][0]["member_since"] == "2012-01-01"
    assert jsonable({"kind": InvoiceKind.CREDIT_NOTE, "ids": (1, 2)}) == {
        "kind": InvoiceKind.CREDIT_NOTE.value, "ids": [1, 2]}
    assert json.loads(json.dumps(answer)) == answer
