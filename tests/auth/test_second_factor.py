"""The authenticator app as second factor: enrolment, recovery codes, the two-step sign-in,
replay, the clock window, throttling, switching off, staff reset, the policy.

Every service call runs in its own unit of work, as the portal's handlers do; codes are computed
with pyotp from the secret the enrolment showed, at the fake clock's time."""

from __future__ import annotations

import json

import pyotp
import pytest

from harzportal import db, settings
from harzportal.accounts import factors, second_step, service, sessions, throttle
from harzportal.accounts.models import (
    AuthSession,
    LoginFailure,
    PendingSignIn,
    RecoveryCode,
    TotpFactor,
)
from harzportal.audit.models import AuditEvent
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.gdpr import service as gdpr
from harzportal.mail.models import OutboxEmail
from tests.service_calls import run, rows, audit_actions

pytestmark = pytest.mark.service

IP = "192.0.2.10"
OTHER_IP = "198.51.100.7"


class Enrolled:
    def __init__(self, user, actor, secret: str, codes: list[str]):
        self.user, self.actor, self.secret, self.codes = user, actor, secret, codes

    def code(self, clock, seconds: int = 0) -> str:
        return pyotp.TOTP(self.secret).at(clock().timestamp() + seconds)


def enrol(factories, clock, user) -> Enrolled:
    actor = factories.actor(user)
    enrolment = run(factors.start_totp_enrolment, actor)
    codes = run(factors.confirm_totp_enrolment, actor, pyotp.TOTP(enrolment.secret).at(clock()))
    clock.advance(seconds=30)  # the enrolment's code is used; the next one is fresh
    return Enrolled(user, actor, enrolment.secret, codes)


@pytest.fixture
def member(factories):
    return factories.user(factories.organization(), role=Role.CONTACT)


@pytest.fixture
def enrolled(factories, fake_clock, member) -> Enrolled:
    return enrol(factories, fake_clock, member)


def test_enrolment_needs_a_code_from_the_app_and_gives_ten_different_recovery_codes(
        factories, fake_clock, member):
    actor = factories.actor(member)
    enrolment = run(factors.start_totp_enrolment, actor)
    assert enrolment.uri.startswith("otpauth://totp/") and enrolment.secret in enrolment.uri
    assert not run(factors.has_second_factor, member.id)
    with pytest.raises(ValidationFailed) as wrong:
        run(factors.confirm_totp_enrolment, actor, "000000" if pyotp.TOTP(enrolment.secret)
            .at(fake_clock()) != "000000" else "111111")
    assert wrong.value.message_key == "totp.code_wrong"
    codes = run(factors.confirm_totp_enrolment, actor,
                pyotp.TOTP(enrolment.secret).at(fake_clock()))
    assert len(codes) == len(set(codes)) == 10
    assert run(factors.has_second_factor, member.id)
    stored = [row.code_hash for row in rows(RecoveryCode)]
    assert len(stored) == 10 and not any(code.replace("-", "") in stored for code in codes)
    assert "auth.factor_added" in audit_actions()
    [mail] = rows(OutboxEmail)
    assert mail.kind == "factor_added" and mail.recipient == member.email
    with pytest.raises(Conflict):
        run(factors.start_totp_enrolment, actor)


def test_a_new_enrolment_start_replaces_the_unconfirmed_secret(factories, fake_clock, member):
    actor = factories.actor(member)
    first = run(factors.start_totp_enrolment, actor)
    second = run(factors.start_totp_enrolment, actor)
    assert first.secret != second.secret and len(rows(TotpFactor)) == 1
    with pytest.raises(ValidationFailed):
        run(factors.confirm_totp_enrolment, actor, pyotp.TOTP(first.secret).at(fake_clock()))


def test_the_password_alone_gives_no_session_to_an_account_with_a_factor(
        factories, fake_clock, enrolled):
    result = run(service.sign_in_for_browser, enrolled.user.email, factories.password, IP)
    assert result.ticket is None and result.token is None and result.pending
    assert rows(AuthSession) == []
    [pending] = rows(PendingSignIn)
    assert pending.token_hash != result.pending and pending.client_ip == IP

    signed_in = run(service.complete_sign_in_for_browser, result.pending,
                    enrolled.code(fake_clock), IP)
    assert signed_in.ticket and signed_in.error_key is None
    [session_row] = rows(AuthSession)
    assert session_row.user_id == enrolled.user.id
    assert rows(PendingSignIn) == []
    login = [event for event in rows(AuditEvent) if event.action == "auth.login"][-1]
    assert login.after == {"factors": 2}
    assert "auth.second_factor_used" in audit_actions()


def test_an_account_without_a_factor_signs_in_with_the_password(factories, fake_clock, member):
    result = run(service.sign_in_for_browser, member.email, factories.password, IP)
    assert result.ticket and result.pending is None


def test_a_code_is_accepted_within_one_step_either_way_only(factories, fake_clock, enrolled):
    fake_clock.advance(seconds=30)  # the step before is not the enrolment's (used) one
    for seconds, accepted in ((-30, True), (30, True), (-90, False), (90, False)):
        pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
        result = run(service.complete_sign_in, pending, enrolled.code(fake_clock, seconds), IP)
        assert (result.token is not None) is accepted, seconds
        fake_clock.advance(seconds=120)
        with db.unit_of_work() as session:
            throttle.clear_account(session, enrolled.user.email)


def test_a_code_works_once_and_an_older_one_never_after_a_newer(factories, fake_clock,
                                                                 enrolled):
    code = enrolled.code(fake_clock)
    first = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    assert run(service.complete_sign_in, first, code, IP).token
    again = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    replayed = run(service.complete_sign_in, again, code, IP)
    assert replayed.token is None and replayed.error_key == "auth.code_wrong"
    fake_clock.advance(seconds=1)
    older = enrolled.code(fake_clock, -30)  # the step before the used one
    assert run(service.complete_sign_in, again, older, IP).token is None


def test_a_recovery_code_works_once(factories, fake_clock, enrolled):
    code = enrolled.codes[0]
    pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    assert run(service.complete_sign_in, pending, code.upper().replace("-", " "), IP).token
    assert "auth.recovery_code_used" in audit_actions()
    pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    assert run(service.complete_sign_in, pending, code, IP).token is None
    status = run(factors.factor_status, enrolled.actor)
    assert status.recovery_codes_left == 9


def test_the_pending_sign_in_is_bound_to_its_address_and_expires(factories, fake_clock,
                                                                  enrolled):
    pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    elsewhere = run(service.complete_sign_in, pending, enrolled.code(fake_clock), OTHER_IP)
    assert elsewhere.token is None and elsewhere.error_key == "auth.second_step_expired"
    assert run(service.complete_sign_in, "forged", enrolled.code(fake_clock), IP).token is None
    fake_clock.advance(minutes=second_step.PENDING_MINUTES, seconds=1)
    late = run(service.complete_sign_in, pending, enrolled.code(fake_clock), IP)
    assert late.token is None and late.error_key == "auth.second_step_expired"


def test_wrong_codes_count_as_failed_logins_end_the_step_and_lock_the_account(
        factories, fake_clock, enrolled):
    pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    for _ in range(second_step.MAX_CODE_FAILURES - 1):
        result = run(service.complete_sign_in, pending, "123456x", IP)
        assert result.error_key == "auth.code_wrong" and result.pending == pending
    ended = run(service.complete_sign_in, pending, "000000", IP)
    assert ended.error_key == "auth.second_step_expired" and ended.pending is None
    assert run(service.complete_sign_in, pending, enrolled.code(fake_clock), IP).token is None
    # Two more wrong codes after the password again: five failures lock the account.
    pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    for _ in range(2):
        run(service.complete_sign_in, pending, "999999", IP)
    assert run(throttle.is_locked, enrolled.user.email)
    assert run(service.sign_in, enrolled.user.email, factories.password, IP).error_key == \
        "auth.locked"
    assert audit_actions().count("auth.second_factor_failed") == 5


def test_disabling_needs_a_current_code_and_a_wrong_one_is_a_failed_login(
        factories, fake_clock, enrolled):
    assert run(factors.disable_totp, enrolled.actor, "000001") is False
    assert run(factors.has_second_factor, enrolled.user.id)
    assert len(rows(LoginFailure)) == 1
    assert run(factors.disable_totp, enrolled.actor, enrolled.code(fake_clock)) is True
    assert not run(factors.has_second_factor, enrolled.user.id)
    assert rows(RecoveryCode) == [] and rows(TotpFactor) == []
    assert "auth.factor_removed" in audit_actions()
    assert [mail.kind for mail in rows(OutboxEmail)] == ["factor_added", "factor_removed"]
    with pytest.raises(Conflict):
        run(factors.disable_totp, enrolled.actor, enrolled.code(fake_clock))


def test_staff_reset_a_member_s_factor_ending_every_session(factories, fake_clock, enrolled):
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    with db.unit_of_work() as session:
        sessions.start_session(session, enrolled.user)
    run(factors.reset_second_factor, factories.actor(staff), enrolled.user.id)
    assert not run(factors.has_second_factor, enrolled.user.id)
    assert rows(AuthSession) == []
    event = [e for e in rows(AuditEvent) if e.action == "auth.factor_reset"][0]
    assert event.actor_user_id == staff.id and event.object_id == str(enrolled.user.id)
    assert rows(OutboxEmail)[-1].kind == "factor_reset"
    with pytest.raises(NotFound):
        run(factors.reset_second_factor, factories.actor(staff), enrolled.user.id)


def test_nobody_but_staff_resets_a_factor_and_staff_not_their_own(factories, fake_clock,
                                                                  enrolled):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    with pytest.raises(PermissionDenied):
        run(factors.reset_second_factor, factories.actor(manager), enrolled.user.id)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    enrol(factories, fake_clock, staff)
    with pytest.raises(PermissionDenied):
        run(factors.reset_second_factor, factories.actor(staff), staff.id)
    with pytest.raises(NotFound):
        run(factors.reset_second_factor, factories.actor(staff), "999999")
    assert run(factors.has_second_factor, enrolled.user.id)


@pytest.mark.parametrize("code", [None, 123456, "", " ", "1" * 65, "１２３４５６", "12345",
                                  "abcd-efgh", {"code": "x"}])
def test_anything_that_is_no_code_is_refused_as_a_wrong_code(factories, fake_clock, enrolled,
                                                            code):
    pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    result = run(service.complete_sign_in, pending, code, IP)
    assert result.token is None and result.error_key == "auth.code_wrong"


def test_the_policy_holds_staff_without_a_factor_where_it_is_enforced(
        factories, fake_clock, monkeypatch, session):
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    assert not factors.must_enrol(session, staff)  # development: the demo admin works
    monkeypatch.setenv("HARZPORTAL_ENV", "production")
    monkeypatch.setenv("HARZPORTAL_PUBLIC_ORIGIN", "https://portal.example.org")
    settings.reload()
    try:
        assert factors.must_enrol(session, staff)
        monkeypatch.setenv("HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA", "1")
        settings.reload()
        assert not factors.must_enrol(session, staff)
    finally:
        monkeypatch.undo()
        settings.reload()
    monkeypatch.setenv("HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA", "0")
    settings.reload()
    try:
        with db.unit_of_work() as work:
            token = sessions.start_session(work, staff)
        assert run(sessions.resolve_session, token).must_enrol
        enrol(factories, fake_clock, staff)
        assert not run(sessions.resolve_session, token).must_enrol
    finally:
        monkeypatch.undo()
        settings.reload()


def test_the_person_s_data_export_has_the_factor_events_without_secrets(factories, fake_clock,
                                                                        enrolled):
    pending = run(service.sign_in, enrolled.user.email, factories.password, IP).pending
    run(service.complete_sign_in, pending, enrolled.codes[1], IP)
    exported = json.dumps(run(gdpr.person_export, enrolled.actor), default=str)
    for action in ("auth.factor_added", "auth.recovery_code_used"):
        assert action in exported
    assert enrolled.secret not in exported
    assert not any(code in exported or code.replace("-", "") in exported
                   for code in enrolled.codes)
    assert "second_factor" in exported


def test_create_admin_tells_how_the_first_staff_member_enrols(engine, monkeypatch, capsys):
    from harzportal import cli

    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt: "Brockenblick im Nebel 7")
    assert cli.main(["create-admin", "--email", "office@netzwerk.example",
                     "--name", "Katrin Vogel"]) == 0
    printed = capsys.readouterr().out
    assert "/account/security" in printed and "HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA=1" in printed


def test_recovery_codes_carry_at_least_112_random_bits(factories, fake_clock, enrolled):
    import math

    alphabet = factors._RECOVERY_ALPHABET
    for code in enrolled.codes:
        letters = code.replace("-", "")
        assert set(letters) <= set(alphabet)
        assert len(letters) * math.log2(len(alphabet)) >= 112


def test_a_password_reset_does_not_bypass_the_second_factor(factories, fake_clock, enrolled):
    from tests.auth.test_service import link_token

    run(service.request_password_reset, enrolled.user.email, IP)
    mail = [m for m in rows(OutboxEmail) if m.kind == "password_reset"][-1]
    new_password = "Brockenblick im Nebel 7"
    run(service.reset_password, link_token(mail, "/reset-password"), new_password, IP)
    result = run(service.sign_in, enrolled.user.email, new_password, IP)
    assert result.token is None and result.pending
    assert run(factors.has_second_factor, enrolled.user.id)
