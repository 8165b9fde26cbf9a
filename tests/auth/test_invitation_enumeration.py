"""An org_manager's invitation answers the same whether or not the address has an account
outside the manager's own organization (issue 15, defect 9): the screen says the invitation was
sent, nothing is created or changed for that account, and its owner gets a note instead of an
invitation link. Staff, who see every account, and a manager inviting an address of their own
organization are still told that the account exists."""

from __future__ import annotations

import pytest
from sqlmodel import select

import harzportal.harzportal  # noqa: F401 - registers every page and its states
from harzportal import db
from harzportal.accounts import passwords, service
from harzportal.accounts.models import AccountToken, User
from harzportal.core.errors import Conflict
from harzportal.core.roles import Role
from harzportal.mail.models import OutboxEmail
from harzportal.organizations.state import ContactsState
from tests.handler_calls import call_handler, signed_in_state
from tests.service_calls import run

pytestmark = pytest.mark.service

SENT = "Die Einladung wurde versendet (gültig 7 Tage)."


def account_rows() -> list[tuple]:
    with db.unit_of_work() as session:
        return [(u.id, u.email, u.full_name, u.organization_id, u.role, u.is_active,
                 u.password_hash, u.preferred_language)
                for u in session.exec(select(User).order_by(User.id))]


def tokens_of(user_id: int) -> list[AccountToken]:
    with db.unit_of_work() as session:
        return list(session.exec(select(AccountToken).where(AccountToken.user_id == user_id)))


def mails() -> list[OutboxEmail]:
    with db.unit_of_work() as session:
        return list(session.exec(select(OutboxEmail).order_by(OutboxEmail.id)))


@pytest.fixture
def organization(factories):
    return factories.organization(name="Harzer Chemiewerke GmbH")


@pytest.fixture
def manager(factories, organization):
    return factories.user(organization, role=Role.ORG_MANAGER, full_name="Marta Manager")


@pytest.fixture
def outsiders(factories):
    """An account in another organization and a staff account."""
    other = factories.organization(name="Oker Recycling GmbH", kind="recycling")
    return {"member": factories.user(other, role=Role.ORG_MANAGER, email="jonas@oker.example",
                                     full_name="Jonas Hoffmann", preferred_language="en"),
            "staff": factories.user(None, role=Role.NETWORK_ADMIN, email="office@netz.example",
                                    full_name="Katrin Vogel")}


@pytest.mark.parametrize("who", ["member", "staff"])
def test_inviting_an_address_of_an_account_elsewhere_changes_nothing(factories, manager,
                                                                     outsiders, who):
    existing = outsiders[who]
    before = account_rows()

    invited = run(service.invite_contact, factories.actor(manager),
                  organization_id=manager.organization_id, raw_email=existing.email.upper(),
                  full_name="Someone Else", role=Role.ORG_MANAGER.value)

    assert invited is None
    assert account_rows() == before
    assert tokens_of(existing.id) == []
    [note] = mails()  # the owner learns of it; no link in it
    assert (note.recipient, note.kind) == (existing.email, "invitation_existing_account")
    assert "token=" not in note.body_text and "Harzer Chemiewerke GmbH" in note.body_text
    assert "Marta Manager" in note.body_text

    # Trying again answers the same and changes nothing; the owner gets no second note that day.
    run(service.invite_contact, factories.actor(manager), organization_id=manager.organization_id,
        raw_email=existing.email, full_name="Someone Else")
    assert account_rows() == before
    assert len(mails()) == 1


def test_both_answers_cost_the_same_work(factories, manager, outsiders, monkeypatch):
    """Neither path hashes or verifies a password; each writes one mail."""
    calls = []
    monkeypatch.setattr(passwords, "hash_password", lambda *a: calls.append("hash"))
    monkeypatch.setattr(passwords, "verify_password", lambda *a: calls.append("verify"))
    for email in ("new.person@harzer-chemie.example", outsiders["member"].email):
        run(service.invite_contact, factories.actor(manager),
            organization_id=manager.organization_id, raw_email=email, full_name="Neu Person")
    assert calls == []
    assert len(mails()) == 2


def test_an_address_of_the_own_organization_is_still_named(factories, organization, manager):
    colleague = factories.user(organization, email="anna@harzer-chemie.example")
    with pytest.raises(Conflict) as caught:
        run(service.invite_contact, factories.actor(manager), organization_id=organization.id,
            raw_email=colleague.email, full_name="Anna Krüger")
    assert caught.value.message_key == "email.taken"
    assert mails() == []


def test_staff_are_told_that_the_account_exists(factories, organization, outsiders):
    staff = outsiders["staff"]
    with pytest.raises(Conflict) as caught:
        run(service.invite_contact, factories.actor(staff), organization_id=organization.id,
            raw_email=outsiders["member"].email, full_name="Jonas Hoffmann")
    assert caught.value.message_key == "email.taken"
    assert mails() == []


@pytest.mark.parametrize("language", ["de", "en"])
async def test_the_contacts_page_answers_the_same_for_a_new_and_a_foreign_address(
        factories, organization, manager, outsiders, monkeypatch, language):
    def invite(email: str):
        state = signed_in_state(ContactsState, manager, monkeypatch, route_id=organization.id)
        state.lang = language
        return state, {"email": email, "full_name": "Neu Person", "role": "contact"}

    answers = []
    for email in ("new.person@harzer-chemie.example", outsiders["member"].email,
                  outsiders["staff"].email):
        state, form = invite(email)
        await call_handler(state, "load")
        await call_handler(state, "toggle_invite", True)
        await call_handler(state, "invite", form)
        answers.append((state.invite_error, state.error, state.message, state.invite_open))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == ""

    state, form = invite("anna@harzer-chemie.example")  # the first invitee: own organization
    await call_handler(state, "invite", form | {"email": "new.person@harzer-chemie.example"})
    assert state.invite_error == {"de": "Zu dieser E-Mail-Adresse gibt es bereits ein Konto.",
                                  "en": "An account with this email address exists already."
                                  }[language]
