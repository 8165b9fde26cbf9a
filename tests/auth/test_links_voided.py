"""A password change (by the person or through a reset link) and a deactivation void every open
reset and invitation link of that person; the old link is refused with the usual message."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import reflex as rx
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and its states
from harzportal import db
from harzportal.accounts import service, sessions
from harzportal.accounts.models import AccountToken, TokenPurpose, User
from harzportal.auth.state import InvitationState, ResetPasswordState
from harzportal.core.errors import NotFound
from harzportal.core.roles import Role
from harzportal.mail.models import OutboxEmail
from harzportal.organizations import contacts
from harzportal.settings import get as get_settings
from tests.service_calls import run

pytestmark = pytest.mark.service

IP = "192.0.2.10"
NEW_PASSWORD = "Brockenblick im Nebel 7"
INVALID = {"de": "Dieser Link ist ungültig oder wurde bereits verwendet.",
           "en": "This link is invalid or has already been used."}


def last_link(path: str) -> str:
    with db.unit_of_work() as session:
        mail = session.exec(select(OutboxEmail).order_by(OutboxEmail.id.desc())).first()
    match = re.search(rf"{re.escape(get_settings().public_origin + path)}\?token=([\w-]+)",
                      mail.body_text)
    assert match, mail.body_text
    return match.group(1)


def reset_link(user: User) -> str:
    run(service.request_password_reset, user.email, IP)
    return last_link("/reset-password")


def invitation_link(user: User) -> str:
    """An open invitation link of `user`, issued as `invite_contact` issues one."""
    with db.unit_of_work() as session:
        return service._issue_account_token(session, session.get(User, user.id),
                                            TokenPurpose.INVITATION, timedelta(days=7))


def open_links(user: User) -> list[str]:
    with db.unit_of_work() as session:
        return list(session.exec(select(AccountToken.purpose).where(
            AccountToken.user_id == user.id, AccountToken.used_at.is_(None))))


def refusal_of(call, *args) -> str:
    with pytest.raises(NotFound) as caught:
        run(call, *args)
    return caught.value.message_key


async def reset_page_refuses(token: str, monkeypatch, language: str) -> None:
    """The reset page, sent the old link, shows the usual translated message and changes nothing."""
    monkeypatch.setattr(ResetPasswordState, "_link_token", lambda self: token)
    state = rx.State().get_substate(ResetPasswordState.get_full_name().split("."))
    state.lang = language
    state.open_reset()
    await state.set_new_password({"password": "Ein ganz anderes Passwort 5",
                                  "password_repeat": "Ein ganz anderes Passwort 5"})
    assert (state.error, state.done) == (INVALID[language], False)


async def invitation_page_refuses(token: str, monkeypatch, language: str) -> None:
    monkeypatch.setattr(InvitationState, "_link_token", lambda self: token)
    state = rx.State().get_substate(InvitationState.get_full_name().split("."))
    state.lang = language
    await state.open_invitation()
    assert state.token_problem == INVALID[language]
    assert state.invitee_email == ""


@pytest.fixture
def organization(factories):
    return factories.organization(name="Harzer Chemiewerke GmbH")


@pytest.fixture
def member(factories, organization):
    return factories.user(organization, role=Role.CONTACT, email="anna@harzer-chemie.example")


@pytest.fixture
def manager(factories, organization):
    return factories.user(organization, role=Role.ORG_MANAGER)


@pytest.mark.parametrize("language", ["de", "en"])
async def test_changing_the_password_voids_every_open_link(factories, member, monkeypatch,
                                                           language):
    reset, invitation = reset_link(member), invitation_link(member)
    with db.unit_of_work() as session:
        actor = sessions.resolve_session(session, sessions.start_session(session, member), IP)

    run(service.change_password, actor, factories.password, NEW_PASSWORD)

    assert refusal_of(service.reset_password, reset, "Ein ganz anderes Passwort 5", IP) \
        == "token.invalid"
    assert refusal_of(service.describe_invitation, invitation) == "token.invalid"
    await reset_page_refuses(reset, monkeypatch, language)
    await invitation_page_refuses(invitation, monkeypatch, language)
    assert run(service.sign_in, member.email, NEW_PASSWORD, IP).token is not None
    assert open_links(member) == []


async def test_a_reset_voids_every_other_open_link(factories, member, monkeypatch):
    invitation, older_reset = invitation_link(member), reset_link(member)
    reset = reset_link(member)

    run(service.reset_password, reset, NEW_PASSWORD, IP)

    assert refusal_of(service.describe_invitation, invitation) == "token.invalid"
    assert refusal_of(service.reset_password, older_reset, "Ein ganz anderes Passwort 5", IP) \
        == "token.invalid"
    await invitation_page_refuses(invitation, monkeypatch, "de")
    assert open_links(member) == []


async def test_accepting_an_invitation_voids_an_open_reset_link(factories, member, monkeypatch):
    reset, invitation = reset_link(member), invitation_link(member)

    run(service.accept_invitation, invitation, NEW_PASSWORD, IP)

    await reset_page_refuses(reset, monkeypatch, "en")
    assert open_links(member) == []


@pytest.mark.parametrize("by", ["manager", "staff"])
async def test_deactivation_voids_every_open_link(factories, organization, member, manager,
                                                  monkeypatch, by):
    reset = reset_link(member)
    invited = run(service.invite_contact, factories.actor(manager),
                  organization_id=organization.id, raw_email="jonas@harzer-chemie.example",
                  full_name="Jonas Hoffmann")
    invitation = last_link("/invitation")
    acting = manager if by == "manager" else factories.user(None, role=Role.NETWORK_ADMIN)

    for user_id in (member.id, invited.id):
        run(contacts.deactivate_contact, factories.actor(acting), user_id)

    assert refusal_of(service.describe_invitation, invitation) == "token.invalid"
    await invitation_page_refuses(invitation, monkeypatch, "de")
    await reset_page_refuses(reset, monkeypatch, "de")
    assert open_links(member) == [] and open_links(invited) == []
