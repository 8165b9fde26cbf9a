"""Every way a password is set (own change, reset link, invitation, `create-admin`) uses the one
strength check with the person's own name, email address and organization; the page shows what
to do in the reader's language."""

from __future__ import annotations

import re

import pytest
import reflex as rx
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and its states
from harzportal import cli, db
from harzportal.accounts import service, sessions
from harzportal.accounts.models import User
from harzportal.auth.account_state import AccountState
from harzportal.auth.state import InvitationState
from harzportal.core.errors import ValidationFailed
from harzportal.core.roles import Role
from harzportal.mail.models import OutboxEmail
from tests.factories import PASSWORD
from tests.handler_calls import call_handler, signed_in_state
from tests.service_calls import run

pytestmark = pytest.mark.service

IP = "192.0.2.10"
STRONG = "Kaffee, Kreide und drei Kiefern"
SEASON = "Sommer2026!!"
# Strong for anyone else (see test_passwords), made of Wiebke's own name.
OWN_NAME = "Ohlendorf.Wiebke88"
SEASON_TEXT = {
    "de": "Zu leicht zu erraten: Ein oder zwei bekannte Wörter mit Zahlen oder Zeichen sind "
          "schnell durchprobiert.",
    "en": "Too easy to guess: one or two well-known words with digits or signs are quickly "
          "tried.",
}
PERSONAL_TEXT = {
    "de": "Zu leicht zu erraten: Das Passwort besteht zu sehr aus Ihrem Namen",
    "en": "Too easy to guess: the password is made too much of your name",
}


def password_hash(user: User) -> str | None:
    with db.unit_of_work() as session:
        return session.get(User, user.id).password_hash


def last_link(path: str) -> str:
    with db.unit_of_work() as session:
        body = session.exec(select(OutboxEmail).order_by(OutboxEmail.id.desc())).first().body_text
    return re.search(rf"{path}\?token=([\w-]+)", body).group(1)


@pytest.fixture
def organization(factories):
    return factories.organization(name="Okerchemie Mittelstand GmbH")


@pytest.fixture
def wiebke(factories, organization):
    return factories.user(organization, full_name="Wiebke Ohlendorf",
                          email="w.ohlendorf@okerchemie.example")


def _change(factories, user, password):
    with db.unit_of_work() as session:
        actor = sessions.resolve_session(session, sessions.start_session(session, user), IP)
    run(service.change_password, actor, PASSWORD, password)


def _reset(factories, user, password):
    run(service.request_password_reset, user.email, IP)
    run(service.reset_password, last_link("/reset-password"), password, IP)


def _invitation(factories, user, password):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    invited = run(service.invite_contact, factories.actor(manager),
                  organization_id=manager.organization_id, raw_email="wiebke@test.example",
                  full_name=user.full_name)
    assert invited.password_hash is None
    run(service.accept_invitation, last_link("/invitation"), password.replace(
        "Okerchemie", "Testwerk"), IP)


@pytest.mark.parametrize("set_password", [_change, _reset, _invitation])
@pytest.mark.parametrize(("password", "key"), [(SEASON, "password.weak_words"),
                                               (OWN_NAME, "password.weak_personal"),
                                               ("123456789012", "password.too_common")])
def test_every_way_of_setting_a_password_refuses_a_weak_one(factories, wiebke, set_password,
                                                            password, key):
    before = password_hash(wiebke)
    with pytest.raises(ValidationFailed) as caught:
        set_password(factories, wiebke, password)
    assert caught.value.message_key == key
    assert password_hash(wiebke) == before


@pytest.mark.parametrize("set_password", [_change, _reset, _invitation])
def test_every_way_of_setting_a_password_accepts_a_passphrase(factories, wiebke, set_password):
    set_password(factories, wiebke, STRONG)


@pytest.mark.parametrize("language", ["de", "en"])
async def test_the_account_page_says_why_and_what_to_do(factories, wiebke, monkeypatch,
                                                        language):
    state = signed_in_state(AccountState, wiebke, monkeypatch)
    state.lang = language
    form = {"current_password": PASSWORD, "new_password": SEASON, "new_password_repeat": SEASON}

    await call_handler(state, "change_password", form)
    assert state.password_error.startswith(SEASON_TEXT[language])

    await call_handler(state, "change_password", form | {"new_password": OWN_NAME,
                                                         "new_password_repeat": OWN_NAME})
    assert state.password_error.startswith(PERSONAL_TEXT[language])
    assert state.password_message == ""


async def test_the_invitation_page_refuses_the_invitee_s_own_name(factories, monkeypatch):
    organization = factories.organization(name="Harzer Chemiewerke GmbH")
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    run(service.invite_contact, factories.actor(manager), organization_id=organization.id,
        raw_email="w.ohlendorf@okerchemie.example", full_name="Wiebke Ohlendorf")
    token = last_link("/invitation")
    monkeypatch.setattr(InvitationState, "_link_token", lambda self: token)
    state = rx.State().get_substate(InvitationState.get_full_name().split("."))
    await state.open_invitation()

    await state.accept({"password": OWN_NAME, "password_repeat": OWN_NAME})
    assert (state.error.startswith(PERSONAL_TEXT["de"]), state.done) == (True, False)
    await state.accept({"password": STRONG, "password_repeat": STRONG})
    assert (state.error, state.done) == ("", True)


def test_create_admin_refuses_a_password_of_the_admin_s_own_name(engine, monkeypatch, capsys):
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt: "Vogel-Katrin-2026")
    assert cli.main(["create-admin", "--email", "k.vogel@netzwerk.example",
                     "--name", "Katrin Vogel"]) == 1
    assert "Too easy to guess" in capsys.readouterr().err
    with db.unit_of_work() as session:
        assert session.exec(select(User)).all() == []
