"""Hostile input to signing in, password reset, invitations, passwords and session tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harzportal import db
from harzportal.accounts import service, sessions
from harzportal.accounts.models import TokenPurpose, User
from harzportal.admin.forms import InviteForm, SearchForm
from harzportal.auth.forms import (
    AccountDetailsForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    NewPasswordForm,
    SignInForm,
)
from harzportal.core.forms import parse_form
from harzportal.core.i18n import message_table
from harzportal.core.roles import Role
from tests.factories import PASSWORD
from tests.hostile.helpers import ACCEPTED, attempt, attempt_pure
from tests.hostile.strategies import any_text, form, hostile, json_values, texts

pytestmark = pytest.mark.service

EMAIL = "paula@harzer-chemie.example"
emails = st.one_of(st.just(EMAIL), st.emails(), texts, json_values,
                   st.tuples(any_text, any_text).map(lambda p: f"{p[0]}@{p[1]}.example"))
passwords = st.one_of(st.just(PASSWORD), texts, json_values,
                      st.text(min_size=12, max_size=140))
tokens = st.one_of(texts, json_values, st.text("0123456789abcdefABCDEF-_", min_size=40,
                                                max_size=50))


@pytest.fixture
def world(factories):
    organization = factories.organization(name="Harzer Chemiewerke GmbH")
    user = factories.user(organization, role=Role.ORG_MANAGER, email=EMAIL)
    invited = factories.user(organization, role=Role.CONTACT, password_hash=None)
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    return {"user": user, "actor": factories.actor(user), "invited": invited, "token": token}


def _issue(purpose: TokenPurpose, user: User) -> str:
    with db.unit_of_work() as session:
        return service._issue_account_token(session, session.get(User, user.id), purpose,
                                            timedelta(hours=1))


# The client address is the peer of the connection (or what trusted proxies name), never text
# a client types: any IPv4 or IPv6 address, or none.
client_ips = st.one_of(st.just(""), st.ip_addresses().map(str))


@given(emails, passwords, hostile(None), client_ips)
def test_sign_in(world, email, password, previous_token, client_ip):
    """A failed sign-in is an answer, not an error: it is recorded (throttling, audit)."""
    status, result = attempt(service.sign_in, email, password, client_ip, previous_token)
    assert status == ACCEPTED
    assert (result.token is None) == (result.error_key is not None)
    assert result.error_key is None or result.error_key in message_table()


@given(emails)
def test_request_password_reset(world, email):
    attempt(service.request_password_reset, email)


@given(tokens, passwords, st.booleans())
def test_reset_password_and_invitation(world, token, password, real_token):
    if real_token:
        token = _issue(TokenPurpose.PASSWORD_RESET, world["user"])
    attempt(service.reset_password, token, password)
    if real_token:
        token = _issue(TokenPurpose.INVITATION, world["invited"])
    attempt(service.describe_invitation, token)
    attempt(service.accept_invitation, token, password)


@given(passwords, passwords)
def test_change_password(world, current, new):
    attempt(service.change_password, world["actor"], current, new)


@given(hostile("en"))
def test_set_language(world, language):
    attempt(service.set_language, world["actor"], language)


@given(tokens)
def test_session_tokens(world, token):
    status, actor = attempt(sessions.resolve_session, token)
    assert status == ACCEPTED and actor is None  # only the real token resolves
    status, actor = attempt(sessions.resolve_session, world["token"])
    assert status == ACCEPTED and actor is not None and actor.user_id == world["user"].id
    attempt(service.sign_out, token)


FORMS = [
    (SignInForm, {"email": EMAIL, "password": PASSWORD}),
    (ForgotPasswordForm, {"email": EMAIL}),
    (NewPasswordForm, {"password": PASSWORD, "password_repeat": PASSWORD}),
    (ChangePasswordForm, {"current_password": PASSWORD, "new_password": PASSWORD,
                          "new_password_repeat": PASSWORD}),
    (AccountDetailsForm, {"full_name": "Paula", "job_title": "", "phone": "",
                          "listed_in_directory": "on"}),
    (InviteForm, {"full_name": "Paula", "email": EMAIL, "organization_id": "1",
                  "role": "contact"}),
    (SearchForm, {"search": "paula"}),
]


@pytest.mark.parametrize("form_model, valid", FORMS, ids=[f.__name__ for f, _ in FORMS])
@given(data=st.data())
def test_forms_parse_or_refuse_with_a_message(form_model, valid, data):
    """Whatever a client sends as a form of the sign-in, password, account or invitation pages
    is parsed or refused with a message naming the field, never a traceback."""
    sent = data.draw(st.one_of(form(valid), json_values))
    status, result = attempt_pure(parse_form, form_model, sent)
    if status == ACCEPTED:
        assert isinstance(result, form_model)
