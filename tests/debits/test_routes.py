"""The HTTP routes: a mandate's PDF only for its organization's members with invoice rights,
a run's file only for staff; everyone else gets the same 404."""

from __future__ import annotations

from datetime import date

import pytest

from harzportal.core.roles import Role
from harzportal.debits import collection
from harzportal.debits.routes import ROUTES, mandate_pdf_url, run_file_url
from tests.debits.helpers import grant, member_with_manager, run
from tests.invoices.helpers import issue_manual
from tests.route_calls import route_client, signed_in

pytestmark = pytest.mark.service


@pytest.fixture
def client():
    yield from route_client(ROUTES)


def test_the_mandate_pdf_for_the_own_organization_only(client, factories):
    organization, manager = member_with_manager(factories)
    mandate = grant(factories.actor(manager))
    url = mandate_pdf_url(mandate.id, mandate.reference)
    assert client.get(url).status_code == 404  # no session
    answer = signed_in(client, manager).get(url)
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    assert "SEPA-Mandat" in answer.headers["content-disposition"]
    _, stranger = member_with_manager(factories, name="Brocken Chemie GmbH")
    plain = factories.user(organization, role=Role.CONTACT)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    for other in (stranger, plain, staff):
        client.cookies.clear()
        assert signed_in(client, other).get(url).status_code == 404
    assert signed_in(client, manager).get(
        mandate_pdf_url(mandate.id + 1000, "x")).status_code == 404


def test_the_run_file_for_staff_only(client, factories, staff, staff_actor):
    organization, manager = member_with_manager(factories)
    grant(factories.actor(manager))
    issue_manual(staff_actor, organization)
    created = run(collection.create_run, staff_actor, "CORE", date(2027, 3, 1))
    url = run_file_url(created.id, created.scheme)
    answer = signed_in(client, staff).get(url)
    assert answer.status_code == 200 and b"pain.008.001.08" in answer.content
    client.cookies.clear()
    assert signed_in(client, manager).get(url).status_code == 404
