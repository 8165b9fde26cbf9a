"""Database unreachable: a signed-in handler shows "service unavailable" (German, English) and
logs one line without a traceback; once the database answers again the same handler works and
the message goes. Other errors are not swallowed. (The running server is tested in
tests/e2e/test_faults_server.py.)"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import pytest
import reflex as rx

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.auth.state import LoginState
from harzportal.core.i18n import translate
from harzportal.mail import sender
from harzportal.shell import state as shell_state
from harzportal.shell.state import PortalState
from tests.factories import PASSWORD
from tests.handler_calls import call_handler, connect, root_of, signed_in_state
from tests.mail.test_sender import enqueue, row
from tests.smtp import free_port, smtp_environment  # noqa: F401 - smtp_environment is a fixture

pytestmark = pytest.mark.service


@pytest.fixture
def database_down(engine):
    """Switch the application to a database address where nothing listens, and back."""
    unreachable = db.make_engine(f"postgresql+psycopg://portal@127.0.0.1:{free_port()}/portal")

    class Switch:
        def cut(self) -> None:
            db.use_engine(unreachable)

        def restore(self) -> None:
            db.use_engine(engine)

    yield Switch()
    db.use_engine(engine)
    unreachable.dispose()


@pytest.mark.parametrize("language", ["de", "en"])
async def test_a_signed_in_page_says_the_service_is_unavailable_and_recovers(
        factories, monkeypatch, caplog, database_down, language):
    user = factories.user(factories.organization(), full_name="Anna Krüger")
    state = signed_in_state(PortalState, user, monkeypatch)
    state.lang = language

    database_down.cut()
    with caplog.at_level(logging.ERROR, logger="harzportal.auth"):
        assert await call_handler(state, "check_session") is None

    assert state.service_problem == translate("service.unavailable", language)
    assert state.signed_in is False
    [record] = [r for r in caplog.records if r.name == "harzportal.auth"]
    assert record.getMessage() == (
        "Database unavailable in PortalState.check_session: OperationalError")
    assert record.exc_info is None  # one line in the log, no traceback

    database_down.restore()
    await call_handler(state, "check_session")
    assert (state.signed_in, state.user_name, state.service_problem) == (True, "Anna Krüger", "")


async def test_signing_in_without_the_database_says_so_and_works_when_it_is_back(
        factories, database_down):
    user = factories.user(factories.organization(), email="anna.krueger@harzer-chemie.example")
    state = rx.State().get_substate(LoginState.get_full_name().split("."))
    form = {"email": user.email, "password": PASSWORD}

    database_down.cut()
    assert [event async for event in state.sign_in(form)] == [None]
    assert state.error == translate("service.unavailable", "de")
    assert (state.busy, state.navigate_to) == (False, "")

    database_down.restore()
    [_busy] = [event async for event in state.sign_in(form)]
    assert state.navigate_to.startswith("/_session/start?ticket=") and state.error == ""

    # A signed-in visitor opening the login page while the database is away: the message too.
    with db.unit_of_work() as session:
        connect(root_of(state), sessions.start_session(session, session.get(User, user.id)))
    database_down.cut()
    assert await state.open_login() is None
    assert state.error == translate("service.unavailable", "de")


def test_the_message_is_german_first():
    assert translate("service.unavailable", "de") == (
        "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einer Minute erneut.")


async def test_other_errors_are_not_hidden_behind_the_message(factories, monkeypatch):
    user = factories.user(factories.organization())
    state = signed_in_state(PortalState, user, monkeypatch)

    def broken(_session, _actor):
        raise RuntimeError("a bug")

    monkeypatch.setattr(shell_state, "identity_of", broken)
    with pytest.raises(RuntimeError):
        await call_handler(state, "check_session")
    assert state.service_problem == ""


async def test_the_mail_sender_waits_for_the_database_and_carries_on(
        database_down, smtp_environment, monkeypatch, caplog):  # noqa: F811
    smtp_environment()  # no SMTP: a delivered round marks the mail `held`
    monkeypatch.setattr(sender, "POLL_SECONDS", 0.05)
    mail_id = enqueue("anna.krueger@harzer-chemie.example")
    database_down.cut()
    loop = asyncio.create_task(sender.run_sender_loop())
    try:
        with caplog.at_level(logging.WARNING, logger="harzportal.mail"):
            await asyncio.sleep(0.5)  # several rounds without a database
        assert not loop.done()
        waits = [r for r in caplog.records if r.name == "harzportal.mail"]
        assert len(waits) >= 2
        assert {(r.getMessage(), r.exc_info) for r in waits} == {
            ("Outbox delivery waits for the database: OperationalError", None)}

        database_down.restore()
        for _ in range(100):
            if row(mail_id).status == "held":
                break
            await asyncio.sleep(0.05)
        assert row(mail_id).status == "held"
    finally:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop
