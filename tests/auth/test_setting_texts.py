"""Texts that name a setting say its current value, with the right plural form: how long a
password-reset link (HARZPORTAL_RESET_LINK_MINUTES) and an invitation
(HARZPORTAL_INVITATION_DAYS) are valid, on the forgot-password page, in the mails and in the
staff's "invitation sent" message."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and its states
from harzportal import db, settings
from harzportal.accounts import service
from harzportal.admin.state import UsersAdminState
from harzportal.auth import pages
from harzportal.core.roles import Role
from harzportal.mail.models import OutboxEmail
from tests.handler_calls import call_handler, signed_in_state

pytestmark = pytest.mark.service


@pytest.fixture
def setting(monkeypatch):
    def choose(name: str, value: int) -> None:
        monkeypatch.setenv(name, str(value))
        settings.reload()

    yield choose
    monkeypatch.undo()
    settings.reload()


def _last_mail() -> OutboxEmail:
    with db.unit_of_work() as session:
        return session.exec(select(OutboxEmail).order_by(OutboxEmail.id.desc())).first()


@pytest.mark.parametrize("minutes, german, english", [
    (1, "Der Link ist 1 Minute gültig.", "The link is valid for 1 minute."),
    (2, "Der Link ist 2 Minuten gültig.", "The link is valid for 2 minutes."),
    (60, "Der Link ist 60 Minuten gültig.", "The link is valid for 60 minutes."),
])
def test_the_forgot_password_page_names_the_reset_link_minutes(setting, minutes, german,
                                                               english):
    setting("HARZPORTAL_RESET_LINK_MINUTES", minutes)
    page = str(pages.forgot_password_page())  # the compiled page: texts escaped as in JSON
    assert json.dumps(german)[1:-1] in page
    assert json.dumps(english)[1:-1] in page


@pytest.mark.parametrize("minutes, german, english", [
    (1, "(gültig 1 Minute, nur einmal verwendbar)", "(valid for 1 minute, usable once)"),
    (2, "(gültig 2 Minuten, nur einmal verwendbar)", "(valid for 2 minutes, usable once)"),
])
def test_the_reset_mail_names_the_reset_link_minutes(factories, setting, minutes, german,
                                                     english):
    setting("HARZPORTAL_RESET_LINK_MINUTES", minutes)
    organization = factories.organization()
    for language, expected in (("de", german), ("en", english)):
        user = factories.user(organization, preferred_language=language)
        with db.unit_of_work() as session:
            service.request_password_reset(session, user.email)
        assert expected in _last_mail().body_text


@pytest.mark.parametrize("days, german, english", [
    (1, "(gültig 1 Tag)", "(valid for 1 day)"),
    (2, "(gültig 2 Tage)", "(valid for 2 days)"),
])
def test_the_invitation_mail_names_the_invitation_days(factories, setting, days, german,
                                                       english):
    setting("HARZPORTAL_INVITATION_DAYS", days)
    organization = factories.organization()
    for number, (language, expected) in enumerate((("de", german), ("en", english))):
        manager = factories.user(organization, role=Role.ORG_MANAGER,
                                 preferred_language=language)
        with db.unit_of_work() as session:
            service.invite_contact(session, factories.actor(manager),
                                   organization_id=organization.id,
                                   raw_email=f"neu{number}@test.example", full_name="Neu Person")
        assert expected in _last_mail().body_text


@pytest.mark.parametrize("days, language, expected", [
    (1, "de", "Die Einladung wurde versendet (gültig 1 Tag)."),
    (2, "de", "Die Einladung wurde versendet (gültig 2 Tage)."),
    (1, "en", "The invitation has been sent (valid for 1 day)."),
    (2, "en", "The invitation has been sent (valid for 2 days)."),
])
async def test_the_staff_are_told_the_invitation_days(factories, setting, monkeypatch, days,
                                                      language, expected):
    setting("HARZPORTAL_INVITATION_DAYS", days)
    organization = factories.organization()
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    state = signed_in_state(UsersAdminState, staff, monkeypatch)
    state.lang = language
    await call_handler(state, "invite", {"full_name": "Neu Person", "email": "neu@test.example",
                                         "organization_id": str(organization.id),
                                         "role": "contact"})
    assert state.invite_error == ""
    assert state.message == expected
