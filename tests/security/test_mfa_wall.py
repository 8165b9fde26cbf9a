"""The enrolment wall: an account whose role must have a second factor and has none reaches no
handler but the enrolment page's (and signing out, the header, the language). Every guarded
handler of every State is enumerated and called with a staff session without a factor: the
answer is the way to the enrolment page, nothing changes in the database, nothing is loaded.
With a factor enrolled, the same session works (the positive control)."""

from __future__ import annotations

from pathlib import Path

import pyotp
import pytest

from harzportal import db, settings
from harzportal.accounts import factors
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.shell.session_routes import ENROLMENT_PATH
from harzportal.shell.state import PortalState
from tests.handler_calls import call_handler, signed_in_state
from tests.test_handlers_require_session import (
    GUARDED,
    _call,
    _dummy_arguments,
    _public_vars,
    _row_counts,
)

WHILE_ENROLLING = [(cls, name) for cls, name in GUARDED
                   if getattr(cls.event_handlers[name].fn, "while_enrolling", False)]
WALLED = [(cls, name) for cls, name in GUARDED if (cls, name) not in WHILE_ENROLLING]


@pytest.fixture
def mfa_enforced(monkeypatch):
    monkeypatch.setenv("HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA", "0")
    settings.reload()
    yield
    monkeypatch.undo()
    settings.reload()


def test_only_the_enrolment_page_signing_out_and_the_header_work_while_enrolling():
    assert {f"{cls.__name__}.{name}" for cls, name in WHILE_ENROLLING} == {
        "PortalState.check_session", "PortalState.logout", "PortalState.switch_language",
        "SecurityState.open_security", "SecurityState.start_totp", "SecurityState.confirm_totp",
        "SecurityState.disable_totp", "SecurityState.add_passkey", "SecurityState.rename_passkey",
        "SecurityState.remove_passkey"}
    staff_handlers = {f"{cls.__name__}.{name}" for cls, name in WALLED}
    assert {"UsersAdminState.reset_second_factor", "AuditLogState.load",
            "UsersAdminState.deactivate"} <= staff_handlers


@pytest.mark.parametrize("state_class, handler_name", WALLED,
                         ids=[f"{c.__name__}.{n}" for c, n in WALLED])
async def test_a_staff_session_without_a_second_factor_reaches_no_handler(
        factories, fake_clock, monkeypatch, mfa_enforced, state_class, handler_name):
    organization = factories.organization()
    factories.user(organization, role=Role.ORG_MANAGER)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(state_class, staff, monkeypatch, route_id=organization.id)
    counts_before = _row_counts()
    vars_before = _public_vars(state)

    handler = state_class.event_handlers[handler_name]
    result = await _call(handler, state, _dummy_arguments(handler))

    assert ENROLMENT_PATH in str(result), f"{handler_name} ran for a session held at enrolment"
    assert _row_counts() == counts_before
    assert _public_vars(state) == vars_before


async def test_every_protected_page_sends_a_person_held_at_enrolment_to_that_page(
        factories, fake_clock, monkeypatch, mfa_enforced):
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(PortalState, staff, monkeypatch)
    result = await call_handler(state, "check_session")
    assert ENROLMENT_PATH in str(result)


async def _enrol(factories, fake_clock, user) -> None:
    actor = Actor(user_id=user.id, organization_id=user.organization_id, role=Role(user.role))
    enrolment = await db.run_in_unit_of_work(factors.start_totp_enrolment, actor)
    code = pyotp.TOTP(enrolment.secret).at(fake_clock())
    await db.run_in_unit_of_work(factors.confirm_totp_enrolment, actor, code)


async def test_with_a_second_factor_the_staff_handlers_work(factories, fake_clock, monkeypatch,
                                                           mfa_enforced):
    from harzportal.admin.state import UsersAdminState

    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    await _enrol(factories, fake_clock, staff)
    state = signed_in_state(UsersAdminState, staff, monkeypatch)
    result = await call_handler(state, "load")
    assert ENROLMENT_PATH not in str(result)
    assert [row.email for row in state.rows] == [staff.email]


async def test_without_enforcement_the_demo_admin_works_with_the_password_alone(
        factories, fake_clock, monkeypatch):
    from harzportal.admin.state import UsersAdminState

    assert not settings.get().is_production and not settings.get().mfa_enforced
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(UsersAdminState, staff, monkeypatch)
    await call_handler(state, "load")
    assert [row.email for row in state.rows] == [staff.email]


def test_org_managers_are_held_only_when_the_setting_names_their_role(factories, monkeypatch,
                                                                     mfa_enforced, session):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    assert not factors.must_enrol(session, manager)
    monkeypatch.setenv("HARZPORTAL_MFA_REQUIRED_ROLES", "network_admin,org_manager")
    settings.reload()
    assert factors.must_enrol(session, manager)


def test_the_enrolment_page_is_where_the_wall_sends():
    from harzportal.auth import security_pages

    source = Path(security_pages.__file__).read_text(encoding="utf-8")
    assert f'@portal_page("{ENROLMENT_PATH}"' in source
