"""The account page's, the staff's account list's and the sign-in page's handlers, called as a
client's events would call them: forms parsed once, refusals shown as messages, typed views."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and its states
from harzportal import db
from harzportal.accounts import service, throttle
from harzportal.accounts.models import AccountToken, User
from harzportal.admin.state import UsersAdminState
from harzportal.admin.views import UserRowView
from harzportal.auth.account_state import AccountState
from harzportal.auth.state import ForgotPasswordState, InvitationState, LoginState
from harzportal.auth.views import AccountDetailsView
from harzportal.core.roles import Role
from harzportal.mail.models import OutboxEmail
from tests.factories import PASSWORD
from tests.handler_calls import call_handler, signed_in_state

pytestmark = pytest.mark.service
NEW_PASSWORD = "Brockenblick im Nebel 7"


def _user(user_id: int) -> User:
    with db.unit_of_work() as session:
        return session.get(User, user_id)


async def test_the_account_page_shows_and_saves_the_own_details(factories, monkeypatch):
    user = factories.user(factories.organization(), full_name="Anna Krüger", phone="05321 123456")
    state = signed_in_state(AccountState, user, monkeypatch)
    await call_handler(state, "open_account")
    assert state.details == AccountDetailsView("Anna Krüger", "", "05321 123456", listed=False)

    await call_handler(state, "save_details", {"full_name": "Anna Krüger-Lenz",
                                               "job_title": "HSE", "phone": "05321 654321",
                                               "listed_in_directory": "on"})
    assert state.details_error == ""
    assert state.details == AccountDetailsView("Anna Krüger-Lenz", "HSE", "05321 654321",
                                                listed=True)
    assert state.user_name == "Anna Krüger-Lenz"
    assert state.details_message == "Ihre Kontaktdaten wurden gespeichert."
    assert _user(user.id).listed_in_directory is True

    await call_handler(state, "save_details", {"full_name": "A"})
    assert state.details_error == "Bitte geben Sie einen Namen mit 2 bis 200 Zeichen ein."
    assert state.details_message == "" and _user(user.id).full_name == "Anna Krüger-Lenz"


async def test_changing_the_password_needs_the_new_one_twice(factories, monkeypatch):
    user = factories.user(factories.organization())
    state = signed_in_state(AccountState, user, monkeypatch)
    hash_before = _user(user.id).password_hash
    form = {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
            "new_password_repeat": NEW_PASSWORD + "!"}

    await call_handler(state, "change_password", form)
    assert state.password_error == "Die beiden neuen Passwörter stimmen nicht überein."
    assert _user(user.id).password_hash == hash_before

    await call_handler(state, "change_password", form | {"new_password_repeat": NEW_PASSWORD})
    assert state.password_error == ""
    assert state.password_message.startswith("Ihr Passwort wurde geändert.")
    assert _user(user.id).password_hash != hash_before


async def test_the_staff_s_account_list_holds_typed_rows(factories, monkeypatch):
    organization = factories.organization(name="Harzer Chemiewerke GmbH")
    staff = factories.user(None, role=Role.NETWORK_ADMIN, full_name="Zora Staff")
    factories.user(organization, full_name="Anna Krüger", email="anna@test.example")
    state = signed_in_state(UsersAdminState, staff, monkeypatch)

    await call_handler(state, "load")
    assert [row.name for row in state.rows] == ["Anna Krüger", "Zora Staff"]
    assert all(isinstance(row, UserRowView) for row in state.rows)
    assert [row.can_deactivate for row in state.rows] == [True, False]
    assert (state.page, state.pages, state.total) == (1, 1, 2)

    await call_handler(state, "apply_filter", {"search": "  ANNA  "})
    assert (state.search, [row.email for row in state.rows]) == ("ANNA", ["anna@test.example"])

    await call_handler(state, "toggle_invite", True)
    assert [(choice.id, choice.name) for choice in state.organization_choices] == [
        (organization.id, "Harzer Chemiewerke GmbH")]


@pytest.mark.parametrize("organization_id", ["", "abc", "-1", None, True, [1]])
async def test_an_invitation_without_an_organization_is_refused(factories, monkeypatch,
                                                                organization_id):
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(UsersAdminState, staff, monkeypatch)
    await call_handler(state, "invite", {"full_name": "Neu Person", "email": "neu@test.example",
                                         "organization_id": organization_id})
    assert state.invite_error == "Bitte wählen Sie eine Organisation."
    assert state.message == ""


@pytest.mark.parametrize("form", [None, "x", {"email": ["a"], "password": 5}])
async def test_a_forged_sign_in_form_is_a_failed_sign_in(factories, form):
    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    [event async for event in state.sign_in(form)]
    assert state.error == "E-Mail-Adresse oder Passwort ist falsch."
    assert state.navigate_to == ""  # no ticket, no cookie


async def test_a_wrong_password_is_refused_in_the_reader_s_language(factories):
    user = factories.user(factories.organization())
    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    state.lang = "en"
    [_busy] = [event async for event in state.sign_in({"email": user.email,
                                                       "password": "not the password"})]
    assert state.error == "The email address or password is incorrect."


@pytest.mark.parametrize("form", [{"email": ["a@test.example"]}, {"email": "niemand@x.example"},
                                  None])
async def test_the_forgot_password_page_answers_the_same_for_any_form(factories, form):
    state = rx.State().get_substate(ForgotPasswordState.get_full_name().split("."))
    await state.request_link(form)
    assert state.sent is True
    with db.unit_of_work() as session:
        assert session.exec(select(OutboxEmail)).all() == []


async def test_the_invitation_page_shows_the_invitee_and_sets_the_password(factories,
                                                                          monkeypatch):
    organization = factories.organization(name="Harzer Chemiewerke GmbH")
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    with db.unit_of_work() as session:
        service.invite_contact(session, factories.actor(manager), organization_id=organization.id,
                               raw_email="jonas@test.example", full_name="Jonas Hoffmann")
    with db.unit_of_work() as session:
        body = session.exec(select(OutboxEmail)).one().body_text
    token = re.search(r"/invitation\?token=([\w-]+)", body).group(1)
    monkeypatch.setattr(InvitationState, "_link_token", lambda self: token)
    state = rx.State().get_substate(InvitationState.get_full_name().split("."))

    await state.open_invitation()
    assert (state.invitee_name, state.invitee_email, state.invitee_organization) == (
        "Jonas Hoffmann", "jonas@test.example", "Harzer Chemiewerke GmbH")
    assert state.token_problem == ""

    await state.accept({"password": NEW_PASSWORD, "password_repeat": "something else"})
    assert (state.error, state.done) == ("Die beiden neuen Passwörter stimmen nicht überein.",
                                         False)
    await state.accept({"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD})
    assert (state.error, state.done) == ("", True)

    await state.open_invitation()
    assert state.token_problem == "Dieser Link ist ungültig oder wurde bereits verwendet."


async def test_the_forgot_password_page_sends_three_links_for_twenty_requests(factories):
    """Issue 15, defect 5: the same answer every time, but only three mails and one valid link."""
    user = factories.user(factories.organization())
    state = rx.State().get_substate(ForgotPasswordState.get_full_name().split("."))
    for _ in range(20):
        state.open_forgot()
        await state.request_link({"email": user.email})
        assert (state.sent, state.error) == (True, "")
    with db.unit_of_work() as session:
        mails = session.exec(select(OutboxEmail)).all()
        open_links = session.exec(select(AccountToken).where(
            AccountToken.user_id == user.id, AccountToken.used_at.is_(None))).all()
    assert len(mails) == 3
    assert len(open_links) == 1


async def test_the_admin_signs_in_after_thirty_failures_from_the_same_address(factories):
    """Issue 15, defect 7, through the sign-in handler: 30 failed logins with made-up addresses
    from one client address; the admin's correct login from that address succeeds, after a delay
    that waits on the event loop (other work goes on meanwhile) instead of blocking it."""
    admin = factories.user(None, role=Role.NETWORK_ADMIN)
    router = RouterData.from_router_data({"headers": {"asgi-scope-client": "192.0.2.44"},
                                          "ip": "192.0.2.44"})
    with db.unit_of_work() as session:
        for number in range(30):
            assert service.sign_in(session, f"made-up{number}@example.org", "guess 1234",
                                   "192.0.2.44").error_key == "auth.login_failed"
    with db.unit_of_work() as session:
        expected_delay = throttle.address_delay(session, "192.0.2.44")
    assert expected_delay >= 4

    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    state.router = router
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.1)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    started = time.monotonic()
    events = [event async for event in state.sign_in({"email": admin.email,
                                                      "password": PASSWORD})]
    took = time.monotonic() - started
    ticking.cancel()

    assert state.error == ""
    assert state.navigate_to.startswith("/_session/start?ticket=")  # signed in: the ticket
    assert events == [None]  # "busy"; then the page follows navigate_to, which redeems the ticket
    assert took >= expected_delay
    assert ticks >= expected_delay * 10 * 0.7  # the event loop was free while waiting
