"""The login page's second step and the security page, called as a client's events would."""

from __future__ import annotations

import pyotp
import pytest
import reflex as rx
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and its states
from harzportal import db
from harzportal.accounts import factors
from harzportal.accounts.models import AuthSession, TotpFactor
from harzportal.auth.security_state import SecurityState
from harzportal.auth.state import LoginState
from harzportal.core.roles import Role
from tests.factories import PASSWORD
from tests.handler_calls import call_handler, shown, signed_in_state

pytestmark = pytest.mark.service


async def _events(generator) -> list:
    return [event async for event in generator]


async def _enrolled_on_the_page(factories, fake_clock, monkeypatch):
    user = factories.user(factories.organization(), role=Role.CONTACT)
    state = signed_in_state(SecurityState, user, monkeypatch)
    await call_handler(state, "open_security")
    assert state.factor.totp_enabled is False
    await call_handler(state, "start_totp")
    secret = state.enrolment.secret.replace(" ", "")
    assert state.enrolment.qr_code.startswith("data:image/svg+xml")
    await call_handler(state, "confirm_totp", {"code": "000000" if pyotp.TOTP(secret).at(
        fake_clock()) != "000000" else "111111"})
    assert state.error == "Der Code passt nicht. Prüfen Sie die Uhrzeit Ihres Geräts und " \
                          "geben Sie den aktuellen Code ein."
    await call_handler(state, "confirm_totp", {"code": pyotp.TOTP(secret).at(fake_clock())})
    assert state.error == "" and state.factor.totp_enabled is True
    assert len(state.recovery_codes) == 10
    assert state.factor.recovery_codes_left == "Noch 10 Wiederherstellungscodes"
    assert secret not in shown(state)  # the secret leaves the page once enrolled
    return user, state, secret


async def test_the_security_page_enrols_the_app_and_shows_the_codes_once(
        factories, fake_clock, monkeypatch):
    _user, state, _secret = await _enrolled_on_the_page(factories, fake_clock, monkeypatch)
    codes = list(state.recovery_codes)
    await call_handler(state, "open_security")
    assert state.recovery_codes == [] and not any(code in shown(state) for code in codes)


async def test_signing_in_asks_for_the_code_and_keeps_the_pending_sign_in_server_side(
        factories, fake_clock, monkeypatch):
    user, _page, secret = await _enrolled_on_the_page(factories, fake_clock, monkeypatch)
    fake_clock.advance(seconds=30)
    with db.unit_of_work() as session:
        sessions_before = len(session.exec(select(AuthSession)).all())  # the security page's
    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    await _events(state.sign_in({"email": user.email, "password": PASSWORD}))
    assert state.awaiting_code is True and state.navigate_to == "" and state.error == ""
    assert state._pending_token and state._pending_token not in shown(state)
    with db.unit_of_work() as session:
        assert len(session.exec(select(AuthSession)).all()) == sessions_before

    await _events(state.verify_code({"code": "12345"}))
    assert state.error == "Der Code ist nicht richtig oder wurde schon verwendet."
    assert state.awaiting_code is True and state.navigate_to == ""

    await _events(state.verify_code({"code": pyotp.TOTP(secret).at(fake_clock())}))
    assert state.error == "" and state.navigate_to.startswith("/_session/start?ticket=")
    assert state.awaiting_code is False and state._pending_token == ""


async def test_a_code_without_a_pending_sign_in_does_nothing(factories):
    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    await _events(state.verify_code({"code": "123456"}))
    assert state.navigate_to == "" and state.awaiting_code is False


async def test_switching_the_app_off_needs_a_current_code(factories, fake_clock, monkeypatch):
    user, state, secret = await _enrolled_on_the_page(factories, fake_clock, monkeypatch)
    fake_clock.advance(seconds=30)
    await call_handler(state, "disable_totp", {"code": "999999x"})
    assert state.error == "Der Code ist nicht richtig oder wurde schon verwendet."
    with db.unit_of_work() as session:
        assert factors.has_second_factor(session, user.id)
    await call_handler(state, "disable_totp", {"code": pyotp.TOTP(secret).at(fake_clock())})
    assert state.error == "" and state.factor.totp_enabled is False
    assert state.message == "Die Authenticator-App wurde entfernt."
    with db.unit_of_work() as session:
        assert session.exec(select(TotpFactor)).all() == []


async def test_staff_reset_a_member_s_factor_from_the_account_list(factories, fake_clock,
                                                                  monkeypatch):
    from harzportal.admin.state import UsersAdminState

    member, _page, _secret = await _enrolled_on_the_page(factories, fake_clock, monkeypatch)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(UsersAdminState, staff, monkeypatch)
    await call_handler(state, "load")
    [row] = [row for row in state.rows if row.id == member.id]
    assert row.can_reset_factor is True
    assert [r.can_reset_factor for r in state.rows if r.id == staff.id] == [False]
    await call_handler(state, "reset_second_factor", str(member.id))
    assert state.error == ""
    assert state.message == "Der zweite Faktor wurde zurückgesetzt; alle Sitzungen der Person " \
                            "sind beendet."
    [row] = [row for row in state.rows if row.id == member.id]
    assert row.can_reset_factor is False
