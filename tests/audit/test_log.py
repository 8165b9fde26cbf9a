"""The audit log for staff: filters, readable before/after, pages, CSV; nobody else reads it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from harzportal import db
from harzportal.accounts import sessions
from harzportal.audit import log, presenter
from harzportal.audit import service as audit
from harzportal.audit.forms import AuditFilterForm
from harzportal.audit.routes import ROUTES
from harzportal.core import clock
from harzportal.core.errors import PermissionDenied
from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from harzportal.shell.state import SESSION_COOKIE

pytestmark = pytest.mark.service


@pytest.fixture
def world(factories):
    harzer = factories.organization(name="Harzer Chemiewerke GmbH")
    oker = factories.organization(name="Oker Recycling GmbH")
    staff = factories.user(None, role=Role.NETWORK_ADMIN, full_name="Katrin Vogel")
    manager = factories.user(harzer, role=Role.ORG_MANAGER, full_name="Anna Krüger")
    with db.unit_of_work() as session:
        with clock.fixed_at(datetime(2027, 3, 1, 10, tzinfo=UTC)):
            audit.record(session, action="profile.changed", object_type="organization",
                         object_id=harzer.id, actor_user_id=staff.id,
                         organization_id=harzer.id, before={"phone": "+49 1"},
                         after={"phone": "+49 2"})
        with clock.fixed_at(datetime(2027, 3, 5, 10, tzinfo=UTC)):
            audit.record(session, action="invoice.payment_recorded", object_type="invoice",
                         object_id=7, actor_label="=HYPERLINK(1)", organization_id=oker.id,
                         after={"amount_cents": 120000})
            audit.record(session, action="user.details_changed", object_type="user",
                         object_id=manager.id, actor_user_id=manager.id,
                         organization_id=harzer.id, after={"job_title": "QM"})
    return {"harzer": harzer, "oker": oker, "staff": staff, "manager": manager}


def _actions(actor, **filters) -> list[str]:
    with db.unit_of_work() as session:
        found = log.list_events(session, actor, parse_form(AuditFilterForm, filters))
    return [logged.event.action for logged in found.items]


def test_staff_filter_by_person_organization_kind_and_dates(factories, world):
    staff = factories.actor(world["staff"])
    assert len(_actions(staff)) == 3
    assert _actions(staff, actor_user_id=str(world["manager"].id)) == ["user.details_changed"]
    assert sorted(_actions(staff, organization_id=str(world["harzer"].id))) == [
        "profile.changed", "user.details_changed"]
    assert _actions(staff, kind="invoice") == ["invoice.payment_recorded"]
    assert sorted(_actions(staff, since="2027-03-02")) == ["invoice.payment_recorded",
                                                           "user.details_changed"]
    assert _actions(staff, until="2027-03-01") == ["profile.changed"]


def test_before_and_after_are_readable(factories, world):
    with db.unit_of_work() as session:
        found = log.list_events(session, factories.actor(world["staff"]),
                                parse_form(AuditFilterForm, {"kind": "profile"}))
    row = presenter.event_row(found.items[0], "de")
    assert row.change == 'phone: "+49 1" → "+49 2"'
    assert row.actor == "Katrin Vogel"
    assert row.organization == "Harzer Chemiewerke GmbH"


def test_members_cannot_read_the_audit_log(factories, world):
    with pytest.raises(PermissionDenied), db.unit_of_work() as session:
        log.list_events(session, factories.actor(world["manager"]), AuditFilterForm())


def test_the_csv_is_for_staff_only_and_inert(world):
    client = TestClient(Starlette(routes=ROUTES))
    with db.unit_of_work() as session:
        staff_token = sessions.start_session(session, world["staff"])
        member_token = sessions.start_session(session, world["manager"])
    assert client.get(log.EXPORT_URL).status_code == 404
    client.cookies.set(SESSION_COOKIE, member_token)
    assert client.get(log.EXPORT_URL).status_code == 404
    client.cookies.set(SESSION_COOKIE, staff_token)
    response = client.get(log.EXPORT_URL + "?kind=invoice")
    assert response.status_code == 200
    lines = response.text.lstrip("\ufeff").splitlines()
    assert len(lines) == 2 and "invoice.payment_recorded" in lines[1]
    assert lines[1].split(";")[1] == "'=HYPERLINK(1)"  # shown as text, never run
    assert response.headers["x-content-type-options"] == "nosniff"
