"""Passkeys: registration and sign-in checked by py_webauthn against a software authenticator
(tests/auth/software_authenticator.py): the relying party from the public origin, single-use
challenges with a short expiry, user verification, the sign counter, the user handle, another
origin refused; renaming and removing with the password or a code; staff reset; the policy.

Every service call runs in its own unit of work, as the portal's handlers do."""

from __future__ import annotations

import json

import pytest

from harzportal.accounts import factors, passkeys, service, sessions
from harzportal.accounts.models import AuthSession, LoginFailure, Passkey, PasskeyChallenge
from harzportal.audit.models import AuditEvent
from harzportal.core.errors import NotFound, ValidationFailed
from harzportal.core.roles import Role
from harzportal.gdpr import service as gdpr
from harzportal.mail.models import OutboxEmail
from harzportal.settings import get as get_settings
from tests.auth.software_authenticator import SoftwareAuthenticator
from tests.service_calls import run, rows, audit_actions

pytestmark = pytest.mark.service

IP = "192.0.2.10"


@pytest.fixture
def authenticator() -> SoftwareAuthenticator:
    return SoftwareAuthenticator(origin=get_settings().public_origin)


@pytest.fixture
def member(factories):
    return factories.user(factories.organization(), role=Role.CONTACT)


def add(factories, authenticator, user, name="Laptop Büro"):
    actor = factories.actor(user)
    options = run(passkeys.registration_options, actor)
    run(factors.add_passkey, actor, name, authenticator.create(options))


def sign_in(authenticator, client_ip=IP, **answer) -> service.SignInResult:
    options = run(passkeys.sign_in_options, client_ip)
    return run(service.sign_in_with_passkey, authenticator.get(options, **answer), client_ip)


def test_the_options_name_the_public_origin_s_host_and_require_verification(
        factories, fake_clock, member):
    options = json.loads(run(passkeys.registration_options, factories.actor(member)))
    assert options["rp"]["id"] == "localhost" == passkeys.relying_party()[0]
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["user"]["name"] == member.email
    sign_in_options = json.loads(run(passkeys.sign_in_options, IP))
    assert sign_in_options["userVerification"] == "required"
    assert sign_in_options.get("allowCredentials", []) == []  # discoverable: no account named


def test_a_registered_passkey_signs_in_alone_as_two_factors(factories, fake_clock, member,
                                                             authenticator):
    add(factories, authenticator, member)
    [passkey] = rows(Passkey)
    assert (passkey.user_id, passkey.name, passkey.sign_count) == (member.id, "Laptop Büro", 0)
    assert run(factors.has_second_factor, member.id)
    assert rows(OutboxEmail)[-1].kind == "factor_added"

    result = sign_in(authenticator)
    assert result.token and result.user_id == member.id
    assert run(sessions.resolve_session, result.token).user_id == member.id
    login = [e for e in rows(AuditEvent) if e.action == "auth.login"][-1]
    assert login.after == {"factors": 2}
    assert "auth.passkey_used" in audit_actions() and "auth.factor_added" in audit_actions()
    [passkey] = rows(Passkey)
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


def test_each_challenge_is_single_use_and_expires(factories, fake_clock, member, authenticator):
    add(factories, authenticator, member)
    options = run(passkeys.sign_in_options, IP)
    answer = authenticator.get(options)
    assert run(service.sign_in_with_passkey, answer, IP).token
    replayed = run(service.sign_in_with_passkey, answer, IP)
    assert replayed.token is None and replayed.error_key == "passkey.failed"
    late = run(passkeys.sign_in_options, IP)
    fake_clock.advance(seconds=passkeys.CHALLENGE_SECONDS + 1)
    assert run(service.sign_in_with_passkey, authenticator.get(late), IP).token is None


def test_a_challenge_answers_only_from_the_address_that_asked(factories, fake_clock, member,
                                                               authenticator):
    add(factories, authenticator, member)
    options = run(passkeys.sign_in_options, IP)
    assert run(service.sign_in_with_passkey, authenticator.get(options), "203.0.113.5").token \
        is None


def test_another_origin_is_refused(factories, fake_clock, member, authenticator):
    actor = factories.actor(member)
    options = run(passkeys.registration_options, actor)
    with pytest.raises(ValidationFailed):
        run(factors.add_passkey, actor, "Phishing", authenticator.create(
            options, origin="https://portal.example.evil"))
    assert rows(Passkey) == []
    add(factories, authenticator, member)
    result = sign_in(authenticator, origin="http://127.0.0.1:3000")
    assert result.token is None and result.error_key == "passkey.failed"


def test_user_verification_is_required(factories, fake_clock, member, authenticator):
    authenticator.user_verified = False
    actor = factories.actor(member)
    with pytest.raises(ValidationFailed):
        run(factors.add_passkey, actor, "Stick", authenticator.create(
            run(passkeys.registration_options, actor)))
    authenticator.user_verified = True
    add(factories, authenticator, member)
    authenticator.user_verified = False
    assert sign_in(authenticator).token is None


def test_a_counter_that_does_not_grow_and_a_foreign_user_handle_are_refused(
        factories, fake_clock, member, authenticator):
    add(factories, authenticator, member)
    assert sign_in(authenticator, sign_count=5).token
    assert sign_in(authenticator, sign_count=5).token is None  # a cloned authenticator
    assert sign_in(authenticator, sign_count=4).token is None
    assert sign_in(authenticator, user_handle=b"x" * 32).token is None
    assert sign_in(authenticator, sign_count=6).token
    failures = [f for f in rows(LoginFailure) if f.client_ip == IP]
    assert len(failures) == 3  # each refusal slows the address down like a wrong password


def test_a_challenge_of_another_person_registers_nothing(factories, fake_clock, member,
                                                        authenticator):
    other = factories.user(factories.organization())
    options = run(passkeys.registration_options, factories.actor(other))
    with pytest.raises(ValidationFailed):
        run(factors.add_passkey, factories.actor(member), "Fremd", authenticator.create(options))
    assert rows(Passkey) == []


@pytest.mark.parametrize("credential", [None, "", "{", "[]", '{"response": {}}', "x" * 30_000,
                                        '{"response": {"clientDataJSON": "!!"}}'])
def test_anything_that_is_no_credential_is_refused(factories, fake_clock, member, credential):
    actor = factories.actor(member)
    run(passkeys.registration_options, actor)
    with pytest.raises(ValidationFailed):
        run(factors.add_passkey, actor, "Laptop", credential)
    result = run(service.sign_in_with_passkey, credential, IP)
    assert result.token is None and result.error_key == "passkey.failed"


@pytest.mark.parametrize("name", ["", " ", "x" * 61, None, 5])
def test_a_passkey_needs_a_name(factories, fake_clock, member, authenticator, name):
    actor = factories.actor(member)
    options = run(passkeys.registration_options, actor)
    with pytest.raises(ValidationFailed) as refused:
        run(factors.add_passkey, actor, name, authenticator.create(options))
    assert refused.value.message_key == "passkey.name_invalid"


def test_rename_and_remove_with_the_password_only_one_s_own(factories, fake_clock, member,
                                                            authenticator):
    add(factories, authenticator, member)
    [passkey] = rows(Passkey)
    other = factories.user(factories.organization())
    with pytest.raises(NotFound):
        run(passkeys.rename, factories.actor(other), passkey.id, "Meins")
    with pytest.raises(NotFound):
        run(factors.remove_passkey, factories.actor(other), passkey.id, factories.password)
    run(passkeys.rename, factories.actor(member), passkey.id, "Handy")
    assert rows(Passkey)[0].name == "Handy"
    assert run(factors.remove_passkey, factories.actor(member), passkey.id, "wrong") is False
    assert len(rows(Passkey)) == 1 and len(rows(LoginFailure)) == 1
    assert run(factors.remove_passkey, factories.actor(member), passkey.id, factories.password)
    assert rows(Passkey) == [] and "auth.factor_removed" in audit_actions()
    assert rows(OutboxEmail)[-1].kind == "factor_removed"


def test_a_password_sign_in_of_a_passkey_account_waits_for_the_second_factor(
        factories, fake_clock, member, authenticator):
    add(factories, authenticator, member)
    result = run(service.sign_in, member.email, factories.password, IP)
    assert result.token is None and result.pending
    assert rows(AuthSession) == []


def test_staff_reset_removes_the_passkeys_too(factories, fake_clock, member, authenticator):
    add(factories, authenticator, member)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    run(factors.reset_second_factor, factories.actor(staff), member.id)
    assert rows(Passkey) == [] and not run(factors.has_second_factor, member.id)
    assert sign_in(authenticator).token is None


def test_too_many_open_sign_in_challenges_from_one_address_are_refused(fake_clock, engine):
    for _ in range(passkeys.MAX_OPEN_SIGN_IN_CHALLENGES_PER_ADDRESS):
        assert run(passkeys.sign_in_options, IP) is not None
    assert run(passkeys.sign_in_options, IP) is None
    assert run(passkeys.sign_in_options, "198.51.100.9") is not None
    fake_clock.advance(seconds=passkeys.CHALLENGE_SECONDS + 1)
    assert run(passkeys.sign_in_options, IP) is not None
    assert len(rows(PasskeyChallenge)) == 1  # the expired ones are gone


def test_the_data_export_lists_passkeys_without_keys(factories, fake_clock, member,
                                                     authenticator):
    add(factories, authenticator, member)
    [passkey] = rows(Passkey)
    exported = json.dumps(run(gdpr.person_export, factories.actor(member)), default=str,
                          ensure_ascii=False)
    assert "Laptop Büro" in exported
    assert passkey.public_key not in exported and passkey.credential_id not in exported
