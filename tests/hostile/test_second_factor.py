"""Hostile input to the second factors: codes, pending sign-ins, passkey credentials and names,
passkey and person ids, and the forms of the login page's second step and the security page."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harzportal import db
from harzportal.accounts import factors, passkeys, service
from harzportal.auth.forms import CodeForm, PasskeyChangeForm, PasskeyForm
from harzportal.core.forms import parse_form
from harzportal.core.i18n import message_table
from harzportal.core.roles import Role
from tests.factories import PASSWORD
from tests.hostile.helpers import ACCEPTED, attempt, attempt_pure
from tests.hostile.strategies import form, hostile, ids, json_values, texts

pytestmark = pytest.mark.service

codes = st.one_of(texts, json_values, st.text("0123456789 ", min_size=5, max_size=8),
                  st.text("abcdefghjkmnpqrstuvwxyz23456789-", min_size=15, max_size=20))
credentials = st.one_of(texts, json_values, json_values.map(json.dumps))
client_ips = st.one_of(st.just(""), st.ip_addresses().map(str))


@pytest.fixture
def world(factories, fake_clock):
    organization = factories.organization()
    user = factories.user(organization, role=Role.CONTACT)
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    actor = factories.actor(user)
    with db.unit_of_work() as session:
        factors.start_totp_enrolment(session, actor)
    with db.unit_of_work() as session:
        pending = service.sign_in(session, user.email, PASSWORD, "192.0.2.1").pending
    return {"user": user, "actor": actor, "staff": factories.actor(staff), "pending": pending}


@given(hostile(None), codes, client_ips)
def test_the_second_step(world, pending, code, client_ip):
    """A wrong code is an answer (a failed login is recorded), never an error."""
    status, result = attempt(service.complete_sign_in, pending, code, client_ip)
    assert status == ACCEPTED and result.token is None
    assert result.error_key in message_table()


@given(codes)
def test_confirming_and_switching_off_the_app(world, code):
    attempt(factors.confirm_totp_enrolment, world["actor"], code)
    attempt(factors.disable_totp, world["actor"], code)


@given(texts | json_values, credentials, client_ips)
def test_passkey_credentials(world, name, credential, client_ip):
    with db.unit_of_work() as session:
        passkeys.registration_options(session, world["actor"])
    status, _ = attempt(factors.add_passkey, world["actor"], name, credential)
    assert status != ACCEPTED
    status, result = attempt(service.sign_in_with_passkey, credential, client_ip)
    assert status == ACCEPTED and result.token is None and result.error_key == "passkey.failed"


@given(ids, texts | json_values)
def test_passkey_and_person_ids(world, any_id, value):
    attempt(passkeys.rename, world["actor"], any_id, value)
    attempt(factors.remove_passkey, world["actor"], any_id, value)
    attempt(factors.reset_second_factor, world["staff"], any_id)


FORMS = [
    (CodeForm, {"code": "123456"}),
    (PasskeyForm, {"name": "Laptop", "credential": "{}"}),
    (PasskeyChangeForm, {"passkey_id": "1", "name": "Laptop", "secret": PASSWORD}),
]


@pytest.mark.parametrize("form_model, valid", FORMS, ids=[f.__name__ for f, _ in FORMS])
@given(data=st.data())
def test_forms_parse_or_refuse_with_a_message(form_model, valid, data):
    sent = data.draw(st.one_of(form(valid), json_values))
    status, result = attempt_pure(parse_form, form_model, sent)
    if status == ACCEPTED:
        assert isinstance(result, form_model)
