"""The benchmark-only JSON routes (`make bench`): off by default, refused in production, and
when on they answer the signed-in person's page data, nobody else's."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from harzportal import db
from harzportal import settings as settings_module
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.core.roles import Role
from harzportal.invoices import service as invoice_service
from harzportal.maintenance.bench_routes import ROUTES
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
    assert [row["name"] for row in body["page"]["rows"]] == ["Harzer Chemiewerke GmbH"]


def test_the_invoice_page_is_the_services_answer(client, factories):
    organization = factories.organization()
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    with db.unit_of_work() as session:
        expected = invoice_service.list_member_invoices(
            session, factories.actor(manager), organization.id, 1)

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
