"""Signing in, throttling, sessions, passwords, password reset and invitations.

Every service call runs in its own unit of work, as the portal's handlers do, so what a call
commits (a failed attempt, a used token) is what the next call sees.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from passlib.hash import argon2
from sqlmodel import select

from harzportal import db
from harzportal.accounts import passwords, service, sessions, throttle
from harzportal.accounts.models import AuthSession, User
from harzportal.audit.models import AuditEvent
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.roles import Role
from harzportal.mail.models import OutboxEmail
from harzportal.organizations import contacts
from harzportal.settings import get as get_settings
from tests.service_calls import run

pytestmark = pytest.mark.service

IP = "192.0.2.10"
OTHER_IP = "198.51.100.7"
NEW_PASSWORD = "Brockenblick im Nebel 7"


@pytest.fixture(autouse=True)
def _fixed_time(fake_clock):
    """Every test here runs on the fake clock, so expiry is exact."""
    return fake_clock


def sign_in(email, password, client_ip=IP) -> service.SignInResult:
    return run(service.sign_in, email, password, client_ip)


def resolve(token):
    return run(sessions.resolve_session, token, IP)


def reload_user(user_id: int) -> User:
    with db.unit_of_work() as session:
        return session.get(User, user_id)


def outbox() -> list[OutboxEmail]:
    with db.unit_of_work() as session:
        return list(session.exec(select(OutboxEmail).order_by(OutboxEmail.id)).all())


def audit_events() -> list[AuditEvent]:
    with db.unit_of_work() as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)).all())


def link_token(mail: OutboxEmail, path: str) -> str:
    match = re.search(rf"{re.escape(get_settings().public_origin + path)}\?token=([\w-]+)",
                      mail.body_text)
    assert match, mail.body_text
    return match.group(1)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def organization(factories):
    return factories.organization(name="Harzer Chemiewerke GmbH")


@pytest.fixture
def member(factories, organization):
    return factories.user(organization, role=Role.CONTACT,
                          email="anna.krueger@harzer-chemie.example")


@pytest.fixture
def manager(factories, organization):
    return factories.user(organization, role=Role.ORG_MANAGER)


# Signing in and throttling

def test_sign_in_with_the_right_password_starts_a_session(factories, member):
    result = sign_in("  Anna.Krueger@Harzer-Chemie.example ", factories.password)

    assert result.error_key is None
    assert result.user_id == member.id
    assert result.token
    actor = resolve(result.token)
    assert (actor.user_id, actor.organization_id, actor.role) == (
        member.id, member.organization_id, Role.CONTACT)
    assert reload_user(member.id).last_login_at is not None


def test_wrong_password_and_unknown_email_get_the_same_answer(factories, member):
    wrong_password = sign_in(member.email, "not the password at all")
    unknown_email = sign_in("niemand@harzer-chemie.example", factories.password)

    assert wrong_password == unknown_email == service.SignInResult(error_key="auth.login_failed")


def test_five_failures_lock_the_account_even_for_the_right_password(factories, member):
    for _ in range(5):
        assert sign_in(member.email, "not the password at all").error_key == "auth.login_failed"

    sixth = sign_in(member.email, factories.password)

    assert sixth.error_key == "auth.locked"
    assert sixth.token is None


def test_account_lock_ends_after_15_minutes(factories, member, fake_clock):
    for _ in range(5):
        sign_in(member.email, "not the password at all")

    fake_clock.advance(minutes=14)
    assert sign_in(member.email, factories.password).error_key == "auth.locked"
    fake_clock.advance(minutes=1)
    assert sign_in(member.email, factories.password).token is not None


def test_thirty_failures_from_one_address_do_not_refuse_the_admin_s_correct_login(factories):
    """Issue 15, defect 7: behind a proxy everyone may share one address; an account with no
    failures of its own is never refused, the address is slowed down instead."""
    admin = factories.user(None, role=Role.NETWORK_ADMIN, email="admin@netzwerk.example")
    for number in range(30):
        assert sign_in(f"rate{number}@example.org", "guessing again 123").error_key == (
            "auth.login_failed"
        )

    result = sign_in(admin.email, factories.password, IP)
    assert (result.error_key, result.user_id) == (None, admin.id)
    assert result.token is not None


def test_failures_from_one_address_slow_that_address_down(factories):
    def delay(address):
        return run(throttle.address_delay, address)

    for number in range(30):
        assert delay(IP) == throttle.address_delay_for(number)
        sign_in(f"rate{number}@example.org", "guessing again 123")

    assert [throttle.address_delay_for(count) for count in (0, 9, 10, 19, 20, 30, 40, 500)] == [
        0, 0, 1, 1, 2, 4, 8, 8]
    assert delay(IP) == 4
    assert delay(OTHER_IP) == 0
    assert delay("") == 0


def test_an_account_with_failures_of_its_own_stays_locked_behind_a_busy_address(factories,
                                                                                member):
    for number in range(30):
        sign_in(f"rate{number}@example.org", "guessing again 123")
    for _ in range(5):
        sign_in(member.email, "not the password at all", OTHER_IP)

    assert sign_in(member.email, factories.password, IP).error_key == "auth.locked"


def test_a_failed_sign_in_is_audited(member):
    sign_in(member.email, "not the password at all")
    sign_in("niemand@harzer-chemie.example", "not the password at all")

    failures = [event for event in audit_events() if event.action == "auth.login_failed"]
    assert [(event.actor_label, event.object_id, event.client_ip) for event in failures] == [
        (member.email, str(member.id), IP),
        ("niemand@harzer-chemie.example", "", IP),
    ]


def test_the_audit_trail_never_holds_a_password_or_token(factories, member, manager):
    wrong = "my old password from 2019"
    secrets = [wrong, factories.password, NEW_PASSWORD, "Zweites Passwort im Harz 8"]
    sign_in(member.email, wrong)
    token = sign_in(member.email, factories.password).token
    secrets.append(token)
    run(service.change_password, resolve(token), factories.password, NEW_PASSWORD)
    run(service.request_password_reset, member.email, IP)
    reset_token = link_token(outbox()[-1], "/reset-password")
    secrets.append(reset_token)
    run(service.reset_password, reset_token, "Zweites Passwort im Harz 8", IP)
    run(service.invite_contact, factories.actor(manager),
        organization_id=manager.organization_id, raw_email="jonas@harzer-chemie.example",
        full_name="Jonas Hoffmann")
    invitation_token = link_token(outbox()[-1], "/invitation")
    secrets.append(invitation_token)
    run(service.accept_invitation, invitation_token, NEW_PASSWORD, IP)
    secrets += [sha256(token), sha256(reset_token), sha256(invitation_token)]
    secrets += [reload_user(member.id).password_hash, reload_user(manager.id).password_hash]

    events = audit_events()
    assert {"auth.login_failed", "auth.login", "auth.password_changed", "auth.password_reset",
            "user.invited", "user.invitation_accepted"} <= {event.action for event in events}
    for event in events:
        recorded = " ".join([json.dumps(event.before), json.dumps(event.after),
                             event.actor_label, event.object_id])
        for secret in secrets:
            assert secret not in recorded, (event.action, secret)


# Sessions

def test_every_sign_in_gets_a_new_token_and_only_its_hash_is_stored(factories, member):
    first = sign_in(member.email, factories.password).token
    second = sign_in(member.email, factories.password).token

    assert first != second
    assert len(first) >= 43  # 256 bits
    with db.unit_of_work() as session:
        stored = {row.token_hash for row in session.exec(select(AuthSession)).all()}
    assert stored == {sha256(first), sha256(second)}
    assert first not in stored and second not in stored


def test_signing_in_again_in_the_same_browser_ends_its_old_session(factories, member):
    old = sign_in(member.email, factories.password).token
    new = run(service.sign_in, member.email, factories.password, IP, old).token

    assert resolve(old) is None
    assert resolve(new) is not None


def test_a_session_ends_after_30_idle_minutes(factories, member, fake_clock):
    token = sign_in(member.email, factories.password).token

    fake_clock.advance(minutes=29)
    assert resolve(token) is not None  # activity: the idle time starts again
    fake_clock.advance(minutes=29)
    assert resolve(token) is not None
    fake_clock.advance(minutes=30)
    assert resolve(token) is None
    fake_clock.advance(seconds=1)
    assert resolve(token) is None


def test_a_session_ends_after_12_hours_even_when_active(factories, member, fake_clock):
    token = sign_in(member.email, factories.password).token

    for step in range(1, 36):  # every 20 minutes up to 11 h 40 min
        fake_clock.advance(minutes=20)
        assert resolve(token) is not None, f"after {step * 20} minutes"
    fake_clock.advance(minutes=20)
    assert resolve(token) is None


def test_sign_out_ends_the_session(factories, member):
    token = sign_in(member.email, factories.password).token
    run(service.sign_out, token, resolve(token))
    assert resolve(token) is None


# Changing the password

def test_change_password_needs_the_current_password(factories, member):
    actor = resolve(sign_in(member.email, factories.password).token)
    hash_before = reload_user(member.id).password_hash

    with pytest.raises(ValidationFailed) as caught:
        run(service.change_password, actor, "not the password at all", NEW_PASSWORD)

    assert caught.value.message_key == "password.current_wrong"
    assert reload_user(member.id).password_hash == hash_before


@pytest.mark.parametrize(("new_password", "problem"), [
    ("kurz123", "password.too_short"),
    ("qwerty123456", "password.too_common"),
    ("anna.krueger@harzer-chemie.example", "password.is_email"),
])
def test_change_password_checks_the_new_password(factories, member, new_password, problem):
    actor = resolve(sign_in(member.email, factories.password).token)

    with pytest.raises(ValidationFailed) as caught:
        run(service.change_password, actor, factories.password, new_password)

    assert caught.value.message_key == problem
    assert sign_in(member.email, factories.password).token is not None


def test_change_password_ends_the_other_sessions_but_keeps_this_one(factories, member):
    this_browser = sign_in(member.email, factories.password).token
    other_browser = sign_in(member.email, factories.password).token

    run(service.change_password, resolve(this_browser), factories.password, NEW_PASSWORD)

    assert resolve(this_browser) is not None
    assert resolve(other_browser) is None
    assert sign_in(member.email, factories.password).error_key == "auth.login_failed"
    assert sign_in(member.email, NEW_PASSWORD).token is not None


# Deactivation

def test_a_deactivated_user_loses_every_session_and_cannot_sign_in(factories, member, manager):
    tokens = [sign_in(member.email, factories.password).token for _ in range(2)]

    run(contacts.deactivate_contact, factories.actor(manager), member.id)

    assert [resolve(token) for token in tokens] == [None, None]
    assert sign_in(member.email, factories.password).error_key == "auth.login_failed"
    assert reload_user(member.id).is_active is False


# Password reset

@pytest.mark.parametrize("email", ["niemand@harzer-chemie.example", "no address at all", None])
def test_a_reset_request_for_an_unknown_email_sends_nothing(member, email):
    run(service.request_password_reset, email, IP)  # no error: the answer is always the same
    assert outbox() == []


def test_a_reset_request_sends_one_mail_with_a_link(member):
    run(service.request_password_reset, "Anna.Krueger@harzer-chemie.example", IP)

    [mail] = outbox()
    assert mail.recipient == member.email
    assert mail.status == "pending"
    assert "Passwort zurücksetzen" in mail.subject
    assert f"{get_settings().public_origin}/reset-password?token=" in mail.body_text
    assert link_token(mail, "/reset-password")


def test_a_reset_link_sets_the_password_once(factories, member):
    run(service.request_password_reset, member.email, IP)
    token = link_token(outbox()[0], "/reset-password")

    run(service.reset_password, token, NEW_PASSWORD, IP)

    assert sign_in(member.email, NEW_PASSWORD).token is not None
    assert sign_in(member.email, factories.password).error_key == "auth.login_failed"
    with pytest.raises(NotFound) as caught:
        run(service.reset_password, token, "Noch ein neues Passwort 9", IP)
    assert caught.value.message_key == "token.invalid"
    assert sign_in(member.email, NEW_PASSWORD).token is not None


def test_a_reset_link_expires_after_60_minutes(factories, member, fake_clock):
    run(service.request_password_reset, member.email, IP)
    token = link_token(outbox()[0], "/reset-password")

    fake_clock.advance(minutes=60)
    with pytest.raises(NotFound) as caught:
        run(service.reset_password, token, NEW_PASSWORD, IP)

    assert caught.value.message_key == "token.expired"
    assert sign_in(member.email, factories.password).token is not None


def test_a_reset_link_still_works_after_59_minutes(member, fake_clock):
    run(service.request_password_reset, member.email, IP)
    token = link_token(outbox()[0], "/reset-password")

    fake_clock.advance(minutes=59)
    run(service.reset_password, token, NEW_PASSWORD, IP)

    assert sign_in(member.email, NEW_PASSWORD).token is not None


def test_a_reset_ends_every_session(factories, member):
    token = sign_in(member.email, factories.password).token
    run(service.request_password_reset, member.email, IP)

    run(service.reset_password, link_token(outbox()[0], "/reset-password"), NEW_PASSWORD, IP)

    assert resolve(token) is None


# Invitations

def test_an_org_manager_invites_a_contact_who_then_signs_in(factories, manager):
    invited = run(service.invite_contact, factories.actor(manager),
                  organization_id=manager.organization_id,
                  raw_email="Jonas.Hoffmann@Harzer-Chemie.example", full_name=" Jonas Hoffmann ")

    user = reload_user(invited.id)
    assert (user.email, user.full_name, user.organization_id, user.role, user.password_hash) == (
        "jonas.hoffmann@harzer-chemie.example", "Jonas Hoffmann", manager.organization_id,
        "contact", None)
    [mail] = outbox()
    assert mail.recipient == "jonas.hoffmann@harzer-chemie.example"
    token = link_token(mail, "/invitation")
    assert run(service.describe_invitation, token) == service.Invitation(
        full_name="Jonas Hoffmann", email="jonas.hoffmann@harzer-chemie.example",
        organization="Harzer Chemiewerke GmbH")
    assert sign_in(user.email, NEW_PASSWORD).error_key == "auth.login_failed"

    run(service.accept_invitation, token, NEW_PASSWORD, IP)

    assert sign_in(user.email, NEW_PASSWORD).user_id == user.id
    with pytest.raises(NotFound):
        run(service.accept_invitation, token, "Noch ein neues Passwort 9", IP)


def test_an_invitation_is_valid_for_7_days(factories, manager, fake_clock):
    run(service.invite_contact, factories.actor(manager), organization_id=manager.organization_id,
        raw_email="jonas@harzer-chemie.example", full_name="Jonas Hoffmann")
    token = link_token(outbox()[0], "/invitation")

    fake_clock.advance(days=6, hours=23, minutes=59)
    assert run(service.describe_invitation, token).full_name == "Jonas Hoffmann"
    fake_clock.advance(minutes=1)
    with pytest.raises(NotFound) as caught:
        run(service.accept_invitation, token, NEW_PASSWORD, IP)
    assert caught.value.message_key == "token.expired"


def test_an_org_manager_cannot_invite_into_another_organization(factories, manager):
    other = factories.organization(name="Oker Recycling GmbH", kind="recycling")

    with pytest.raises(NotFound):  # another organization is answered as if it did not exist
        run(service.invite_contact, factories.actor(manager), organization_id=other.id,
            raw_email="jonas@oker-recycling.example", full_name="Jonas Hoffmann")

    with db.unit_of_work() as session:
        assert session.exec(select(User).where(User.organization_id == other.id)).all() == []
    assert outbox() == []


def test_inviting_an_existing_email_is_a_conflict(factories, member, manager):
    with pytest.raises(Conflict) as caught:
        run(service.invite_contact, factories.actor(manager),
            organization_id=manager.organization_id, raw_email=member.email.upper(),
            full_name="Anna Krüger")

    assert caught.value.message_key == "email.taken"
    assert outbox() == []


# Password hashes made with older parameters

def test_an_old_hash_is_replaced_at_sign_in(factories):
    old_hash = argon2.using(type="ID", time_cost=1, memory_cost=19456, parallelism=1).hash(
        NEW_PASSWORD)
    user = factories.user(factories.organization(), password_hash=old_hash)
    assert passwords.needs_rehash(old_hash)

    assert sign_in(user.email, NEW_PASSWORD).token is not None

    new_hash = reload_user(user.id).password_hash
    assert new_hash != old_hash
    assert passwords.needs_rehash(new_hash) is False
    assert passwords.verify_password(NEW_PASSWORD, new_hash)
    assert sign_in(user.email, NEW_PASSWORD).token is not None
    assert reload_user(user.id).password_hash == new_hash


def test_using_one_reset_link_voids_the_older_ones(member):
    run(service.request_password_reset, member.email, IP)
    run(service.request_password_reset, member.email, IP)
    first, second = (link_token(mail, "/reset-password") for mail in outbox())

    run(service.reset_password, second, NEW_PASSWORD, IP)

    with pytest.raises(NotFound):
        run(service.reset_password, first, "Noch ein neues Passwort 9", IP)


def test_a_password_typed_into_the_email_field_is_never_stored(member):
    typed_password = "mein geheimes Passwort 1"
    assert sign_in(typed_password, "whatever").error_key == "auth.login_failed"
    stored = json.dumps([(e.actor_label, e.before, e.after) for e in audit_events()])
    assert typed_password not in stored
    from harzportal.accounts.models import LoginFailure

    with db.unit_of_work() as session:
        assert [f.email for f in session.exec(select(LoginFailure)).all()] == [""]


def test_an_overlong_client_address_is_cut_not_fatal(member):
    long_ip = "2001:db8:" + "a" * 120
    assert sign_in(member.email, "wrong password here", client_ip=long_ip).error_key \
        == "auth.login_failed"
    assert len(audit_events()[-1].client_ip) == 64


# Reset requests are throttled (issue 15, defect 5)

def test_twenty_reset_requests_for_one_address_send_three_links_and_only_the_newest_works(
        member):
    for _ in range(20):
        run(service.request_password_reset, member.email, IP)

    mails = outbox()
    assert len(mails) == 3
    *older, newest = [link_token(mail, "/reset-password") for mail in mails]
    for token in older:
        with pytest.raises(NotFound):
            run(service.reset_password, token, NEW_PASSWORD, IP)
    run(service.reset_password, newest, NEW_PASSWORD, IP)
    assert sign_in(member.email, NEW_PASSWORD).token is not None


def test_a_new_reset_link_voids_the_older_open_one(member):
    run(service.request_password_reset, member.email, IP)
    run(service.request_password_reset, member.email, IP)
    first, second = (link_token(mail, "/reset-password") for mail in outbox())

    with pytest.raises(NotFound):
        run(service.reset_password, first, NEW_PASSWORD, IP)
    run(service.reset_password, second, NEW_PASSWORD, IP)


def test_reset_requests_from_one_client_address_are_limited(factories, organization):
    people = [factories.user(organization, email=f"person{number}@harzer-chemie.example")
              for number in range(12)]
    for person in people:
        run(service.request_password_reset, person.email, IP)

    assert [mail.recipient for mail in outbox()] == [person.email for person in people[:10]]
    run(service.request_password_reset, people[11].email, OTHER_IP)  # another address is served
    assert outbox()[-1].recipient == people[11].email


def test_reset_requests_for_unknown_addresses_count_towards_the_client_address_limit(member):
    for number in range(10):
        run(service.request_password_reset, f"niemand{number}@harzer-chemie.example", IP)
    run(service.request_password_reset, member.email, IP)

    assert outbox() == []  # the same answer on screen, but no eleventh request is served


def test_the_reset_limit_ends_after_15_minutes(member, fake_clock):
    for _ in range(4):
        run(service.request_password_reset, member.email, IP)
    assert len(outbox()) == 3

    fake_clock.advance(minutes=14)
    run(service.request_password_reset, member.email, IP)
    assert len(outbox()) == 3
    fake_clock.advance(minutes=1, seconds=1)
    run(service.request_password_reset, member.email, IP)
    assert len(outbox()) == 4


def test_a_refused_reset_request_is_audited_as_throttled(member):
    for _ in range(4):
        run(service.request_password_reset, member.email, IP)

    actions = [event.action for event in audit_events()]
    assert actions == ["auth.password_reset_requested"] * 3 + ["auth.password_reset_throttled"]
