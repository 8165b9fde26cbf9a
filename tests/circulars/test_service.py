"""Circulars: who they go to, sending and resending through the outbox, the opt-outs and the
one-click unsubscribe link."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.accounts import service as accounts
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.accounts.tokens import token_hash
from harzportal.audit.models import AuditEvent
from harzportal.circulars import service, unsubscribe
from harzportal.circulars.models import (
    CircularOptOut,
    CircularRecipient,
    DeliveryStatus,
    UnsubscribeLink,
)
from harzportal.circulars.service import CircularInput
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.documents.models import Document, DocumentCategory
from harzportal.mail.models import OutboxEmail, OutboxStatus
from harzportal.organizations import contacts
from harzportal.organizations.models import ContactFunctionAssignment
from tests.service_calls import run

pytestmark = pytest.mark.service


class Network:
    """Three member organizations, one that left, people with functions and roles, one
    inactive and one anonymized contact, and staff."""

    def __init__(self, factories):
        self.staff = factories.user(None, role=Role.NETWORK_ADMIN, email="buero@netz.example")
        self.chem = factories.organization(name="A Chemie Goslar", kind="chemical",
                                           federal_state="NI")
        self.metal = factories.organization(name="B Hütte Ilsenburg", kind="metallurgical",
                                            federal_state="ST")
        self.uni = factories.organization(name="C Hochschule Nordhausen", kind="university",
                                          federal_state="TH")
        self.gone = factories.organization(name="D Ausgetreten", kind="chemical",
                                           federal_state="NI", status="left")

        def person(org, email, role=Role.CONTACT, functions=(), **fields):
            user = factories.user(org, role=role, email=email, full_name=email.split("@")[0],
                                  **fields)
            with db.unit_of_work() as session:
                for function in functions:
                    session.add(ContactFunctionAssignment(user_id=user.id, function=function))
            return user

        self.chem_hse = person(self.chem, "hse@chem.example", functions=["hse"])
        self.chem_boss = person(self.chem, "gf@chem.example", role=Role.ORG_MANAGER,
                                functions=["billing"], preferred_language="en")
        self.metal_hse = person(self.metal, "hse@metal.example", functions=["hse", "billing"],
                                preferred_language="en")
        self.metal_dp = person(self.metal, "dp@metal.example", functions=["data_protection"])
        self.uni_boss = person(self.uni, "gf@uni.example", role=Role.ORG_MANAGER,
                               functions=["profile_editor"])
        self.gone_hse = person(self.gone, "hse@gone.example", functions=["hse"])
        self.inactive = person(self.chem, "alt@chem.example", functions=["hse"], is_active=False)
        anonymized = person(self.metal, "weg@metal.example", functions=["hse"])
        run(contacts.anonymize_contact, factories.actor(self.staff), anonymized.id)
        self.staff_actor = factories.actor(self.staff)
        self.factories = factories

    def actor(self, user):
        return self.factories.actor(user)


@pytest.fixture
def network(factories):
    return Network(factories)


def circular(network, audience=None, category="news", documents=(), **texts):
    given = CircularInput(category=category, subject_de=texts.get("subject_de", "Neuigkeiten"),
                          subject_en=texts.get("subject_en", "News"),
                          body_de=texts.get("body_de", "Liebe Mitglieder,\n\n- eins\n- zwei"),
                          body_en=texts.get("body_en", "Dear members,\n\n- one\n- two"),
                          audience=audience or {}, document_ids=list(documents))
    return run(service.save_circular, network.staff_actor, None, given)


def addressees(network, draft) -> set[str]:
    page = run(service.preview_recipients, network.staff_actor, draft.id)
    assert page.total == len(page.items)  # small enough for one page here
    return {entry.user.email for entry in page.items}


def outbox() -> list[OutboxEmail]:
    with db.unit_of_work() as session:
        return list(session.exec(select(OutboxEmail).order_by(OutboxEmail.id)).all())


EVERYONE = {"hse@chem.example", "gf@chem.example", "hse@metal.example", "dp@metal.example",
            "gf@uni.example"}


@pytest.mark.parametrize(("audience", "expected"), [
    ({}, EVERYONE),
    ({"kinds": ["chemical"]}, {"hse@chem.example", "gf@chem.example"}),
    ({"states": ["ST", "TH"]}, {"hse@metal.example", "dp@metal.example", "gf@uni.example"}),
    ({"functions": ["hse"]}, {"hse@chem.example", "hse@metal.example"}),
    ({"functions": ["billing", "data_protection"]},
     {"gf@chem.example", "hse@metal.example", "dp@metal.example"}),
    ({"functions": ["profile_editor"]}, {"gf@uni.example"}),
    ({"roles": ["org_manager"]}, {"gf@chem.example", "gf@uni.example"}),
    ({"roles": ["contact"]}, {"hse@chem.example", "hse@metal.example", "dp@metal.example"}),
    ({"organizations": "uni"}, {"gf@uni.example"}),
    # combinations: any value within a filter, every filter at once
    ({"kinds": ["chemical", "metallurgical"], "functions": ["hse"]},
     {"hse@chem.example", "hse@metal.example"}),
    ({"kinds": ["chemical", "metallurgical"], "roles": ["org_manager"]}, {"gf@chem.example"}),
    ({"states": ["NI", "ST"], "functions": ["billing"], "roles": ["contact"]},
     {"hse@metal.example"}),
    ({"organizations": "chem+uni", "functions": ["hse", "profile_editor"]},
     {"hse@chem.example", "gf@uni.example"}),
    ({"kinds": ["university"], "functions": ["hse"]}, set()),
])
def test_each_filter_and_their_combinations_select_exactly_these_people(network, audience,
                                                                        expected):
    if "organizations" in audience:
        chosen = {"uni": [network.uni.id], "chem+uni": [network.chem.id, network.uni.id]}
        audience = audience | {"organizations": chosen[audience["organizations"]]}
    assert addressees(network, circular(network, audience)) == expected


def test_inactive_anonymized_staff_and_former_members_are_never_recipients(network):
    everyone = addressees(network, circular(network, {"functions": ["hse"]}))
    assert everyone == {"hse@chem.example", "hse@metal.example"}
    with db.unit_of_work() as session:
        addresses = set(session.exec(select(User.email)).all())
    assert {"alt@chem.example", "hse@gone.example", "buero@netz.example"} <= addresses
    assert any(address.endswith("@anonymized.invalid") for address in addresses)
    assert addressees(network, circular(network, {}, category="assembly")) == EVERYONE


def test_an_opt_out_is_respected_for_optional_and_ignored_for_mandatory_categories(network):
    run(service.choose_categories, network.actor(network.chem_hse), ["events"])  # not news
    assert run(service.opted_out, network.actor(network.chem_hse)) == {"news"}
    assert addressees(network, circular(network, category="news")) == EVERYONE - {
        "hse@chem.example"}
    assert addressees(network, circular(network, category="events")) == EVERYONE
    assert addressees(network, circular(network, category="assembly")) == EVERYONE
    assert addressees(network, circular(network, category="legal")) == EVERYONE


def test_mandatory_categories_cannot_be_opted_out_of(network):
    with pytest.raises(ValidationFailed):
        run(service.choose_categories, network.actor(network.chem_hse), ["news", "assembly"])
    run(service.choose_categories, network.actor(network.chem_hse), [])
    assert run(service.opted_out, network.actor(network.chem_hse)) == {"news", "events"}
    run(service.choose_categories, network.actor(network.chem_hse), ["news", "events"])
    assert run(service.opted_out, network.actor(network.chem_hse)) == frozenset()


def test_bad_input_is_refused_with_the_field_named(network):
    for audience, field in (({"kinds": ["bakery"]}, "kinds"), ({"roles": ["network_admin"]},
                                                                "roles"),
                            ({"organizations": [999999]}, "organizations"),
                            ({"functions": "hse"}, "functions")):
        with pytest.raises(ValidationFailed) as refused:
            circular(network, audience)
        assert refused.value.field == field
    with pytest.raises(ValidationFailed) as refused:
        circular(network, category="")
    assert refused.value.field == "category"
    with pytest.raises(ValidationFailed) as refused:
        circular(network, body_en="   ")
    assert refused.value.field == "body_en"
    with pytest.raises(ValidationFailed) as refused:
        circular(network, documents=[424242])
    assert refused.value.field == "documents"


def test_members_may_neither_compose_nor_send(network):
    draft = circular(network)
    member = network.actor(network.chem_boss)
    with pytest.raises(PermissionDenied):
        run(service.save_circular, member, None, CircularInput())
    with pytest.raises(PermissionDenied):
        run(service.send_circular, member, draft.id)
    with pytest.raises(PermissionDenied):
        run(service.preview_recipients, member, draft.id)


def _documents(network) -> tuple[Document, Document, Document]:
    with db.unit_of_work() as session:
        category = DocumentCategory(key="hse", name_de="HSE", name_en="HSE", position=1)
        session.add(category)
        session.flush()
        everyone = Document(title="Jahresbericht", category_id=category.id)
        hse_only = Document(title="Gefahrstoff-Leitfaden", category_id=category.id,
                            audience="function", audience_function="hse")
        chemical = Document(title="Chemie-Tarif", category_id=category.id, audience="kinds",
                            audience_kinds="chemical")
        session.add_all([everyone, hse_only, chemical])
    return everyone, hse_only, chemical


def test_sending_writes_each_recipient_once_in_their_language_with_the_documents_they_may_see(
        network):
    everyone, hse_only, chemical = _documents(network)
    draft = circular(network, {"kinds": ["chemical", "metallurgical"]},
                     documents=[everyone.id, hse_only.id, chemical.id],
                     subject_de="Neues aus dem Netzwerk", subject_en="News from the network")
    preview = addressees(network, draft)

    assert run(service.send_circular, network.staff_actor, draft.id) == 4

    mails = {mail.recipient: mail for mail in outbox()}
    assert set(mails) == preview == {"hse@chem.example", "gf@chem.example", "hse@metal.example",
                                     "dp@metal.example"}
    assert {mail.kind for mail in mails.values()} == {"circular"}
    assert mails["gf@chem.example"].subject == "News from the network"
    assert mails["gf@chem.example"].language == "en"
    assert mails["hse@chem.example"].subject == "Neues aus dem Netzwerk"
    assert "Dear members" in mails["hse@metal.example"].body_text
    assert "Liebe Mitglieder" in mails["dp@metal.example"].body_text

    def linked(address):
        return set(re.findall(r"/documents/(\d+)", mails[address].body_text))

    assert linked("hse@chem.example") == {str(everyone.id), str(hse_only.id), str(chemical.id)}
    assert linked("gf@chem.example") == {str(everyone.id), str(chemical.id)}
    assert linked("hse@metal.example") == {str(everyone.id), str(hse_only.id)}
    assert linked("dp@metal.example") == {str(everyone.id)}
    with db.unit_of_work() as session:
        rows = session.exec(select(CircularRecipient)).all()
        assert {(row.email, row.outbox_id) for row in rows} == {
            (mail.recipient, mail.id) for mail in mails.values()}
        [event] = session.exec(select(AuditEvent).where(AuditEvent.action == "circular.sent"))
        assert event.after == {"recipients": 4}
    with pytest.raises(Conflict):
        run(service.send_circular, network.staff_actor, draft.id)
    with pytest.raises(Conflict):
        run(service.save_circular, network.staff_actor, draft.id,
            CircularInput(category="news", subject_de="x", subject_en="x", body_de="x",
                          body_en="x"))


def test_an_audience_of_no_one_is_not_sent(network):
    draft = circular(network, {"kinds": ["university"], "functions": ["hse"]})
    with pytest.raises(ValidationFailed):
        run(service.send_circular, network.staff_actor, draft.id)
    assert outbox() == []


def _set_outbox_status(address: str, status: OutboxStatus) -> None:
    with db.unit_of_work() as session:
        for mail in session.exec(select(OutboxEmail).where(OutboxEmail.recipient == address)):
            mail.status = status.value
            session.add(mail)


def test_delivery_status_per_recipient_and_resending_the_failed_ones(network):
    draft = circular(network, {"functions": ["hse"]})
    run(service.send_circular, network.staff_actor, draft.id)
    _set_outbox_status("hse@chem.example", OutboxStatus.SENT)
    _set_outbox_status("hse@metal.example", OutboxStatus.FAILED)

    status = run(service.deliveries, network.staff_actor, draft.id)
    assert {d.recipient.email: d.status for d in status.page.items} == {
        "hse@chem.example": DeliveryStatus.SENT, "hse@metal.example": DeliveryStatus.FAILED}
    assert status.counts[DeliveryStatus.FAILED] == 1 and status.counts[DeliveryStatus.SENT] == 1

    assert run(service.resend_failed, network.staff_actor, draft.id) == 1

    mails = outbox()
    assert [mail.recipient for mail in mails].count("hse@metal.example") == 2
    assert [mail.recipient for mail in mails].count("hse@chem.example") == 1
    status = run(service.deliveries, network.staff_actor, draft.id)
    assert {d.recipient.email: (d.status, d.recipient.resent_count)
            for d in status.page.items} == {
        "hse@chem.example": (DeliveryStatus.SENT, 0),
        "hse@metal.example": (DeliveryStatus.QUEUED, 1)}
    with pytest.raises(ValidationFailed):  # nothing failed any more
        run(service.resend_failed, network.staff_actor, draft.id)


def test_a_purged_outbox_mail_is_shown_as_no_longer_known(network):
    draft = circular(network, {"functions": ["hse"]})
    run(service.send_circular, network.staff_actor, draft.id)
    with db.unit_of_work() as session:
        for mail in session.exec(select(OutboxEmail)):
            session.delete(mail)
    status = run(service.deliveries, network.staff_actor, draft.id)
    assert {d.status for d in status.page.items} == {DeliveryStatus.PURGED}


def _token_of(address: str) -> str:
    [mail] = [mail for mail in outbox() if mail.recipient == address]
    header = mail.headers["List-Unsubscribe"]
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header in mail.body_text.replace("\n", " ") or header[1:-1] in mail.body_text
    return re.fullmatch(r"<https?://[^/]+/unsubscribe/([A-Za-z0-9_-]+)>", header).group(1)


def test_the_unsubscribe_link_opts_out_of_its_category_and_the_next_mandatory_one_arrives(
        network):
    run(service.send_circular, network.staff_actor, circular(network, {"functions": ["hse"]}).id)
    token = _token_of("hse@chem.example")

    assert run(unsubscribe.target_of, token).category == "news"
    assert run(unsubscribe.unsubscribe, token, "192.0.2.1").already_out
    assert run(unsubscribe.unsubscribe, token).already_out  # again: harmless, recorded once

    with db.unit_of_work() as session:
        [opt_out] = session.exec(select(CircularOptOut)).all()
        assert (opt_out.user_id, opt_out.category, opt_out.via) == (
            network.chem_hse.id, "news", "link")
        events = session.exec(select(AuditEvent).where(
            AuditEvent.action == "circular.unsubscribed")).all()
        assert len(events) == 1 and events[0].client_ip == "192.0.2.1"
    assert addressees(network, circular(network, {"functions": ["hse"]})) == {
        "hse@metal.example"}
    assert addressees(network, circular(network, {"functions": ["hse"]}, category="events")) \
        == {"hse@chem.example", "hse@metal.example"}
    assert addressees(network, circular(network, {"functions": ["hse"]}, category="legal")) == {
        "hse@chem.example", "hse@metal.example"}


def test_the_unsubscribe_token_is_unguessable_and_good_for_nothing_else(network):
    run(service.send_circular, network.staff_actor, circular(network, {"functions": ["hse"]}).id)
    token = _token_of("hse@chem.example")
    other = _token_of("hse@metal.example")

    assert len(token) >= 43 and token != other  # 256 bits from `secrets`, one per recipient
    with db.unit_of_work() as session:
        stored = session.exec(select(UnsubscribeLink.token_hash)).all()
    assert token_hash(token) in stored and token not in stored  # only its SHA-256 is kept
    for guess in ("", "x", token[:-1], token + "A", token.upper(), "a" * 500, None, 42):
        assert run(unsubscribe.target_of, guess) is None
        assert run(unsubscribe.unsubscribe, guess) is None
    # It is no account token and no session: it resets no password and signs no one in.
    with pytest.raises(NotFound):
        run(accounts.reset_password, token, "a completely new password 2027")
    with pytest.raises(NotFound):
        run(accounts.accept_invitation, token, "a completely new password 2027")
    assert run(sessions.resolve_session, token) is None
    # And it opts out only its own person, of its own category.
    run(unsubscribe.unsubscribe, token)
    assert run(service.opted_out, network.actor(network.chem_hse)) == {"news"}
    assert run(service.opted_out, network.actor(network.metal_hse)) == frozenset()


def test_mandatory_circulars_carry_no_unsubscribe_link(network):
    run(service.send_circular, network.staff_actor,
        circular(network, {"functions": ["hse"]}, category="assembly").id)
    for mail in outbox():
        assert "List-Unsubscribe" not in mail.headers
        assert "/unsubscribe/" not in mail.body_text
    with db.unit_of_work() as session:
        assert session.exec(select(UnsubscribeLink)).all() == []


def test_members_see_the_circulars_addressed_to_them_and_no_other(network):
    everyone, hse_only, _chemical = _documents(network)
    to_hse = circular(network, {"functions": ["hse"]}, documents=[everyone.id, hse_only.id])
    to_managers = circular(network, {"roles": ["org_manager"]}, subject_de="Für Geschäftsführer")
    for draft in (to_hse, to_managers):
        run(service.send_circular, network.staff_actor, draft.id)

    hse = network.actor(network.chem_hse)
    assert [c.id for c in run(service.my_circulars, hse).items] == [to_hse.id]
    received = run(service.my_circular, hse, to_hse.id)
    assert {d.id for d in received.documents} == {everyone.id, hse_only.id}
    with pytest.raises(NotFound):
        run(service.my_circular, hse, to_managers.id)
    with pytest.raises(NotFound):
        run(service.my_circular, hse, 987654)
    boss = network.actor(network.chem_boss)
    assert [c.id for c in run(service.my_circulars, boss).items] == [to_managers.id]


def test_anonymizing_a_recipient_leaves_no_address_and_no_link_of_theirs(network):
    run(service.send_circular, network.staff_actor, circular(network, {"functions": ["hse"]}).id)
    token = _token_of("hse@chem.example")
    run(contacts.anonymize_contact, network.staff_actor, network.chem_hse.id)
    with db.unit_of_work() as session:
        emails = set(session.exec(select(CircularRecipient.email)).all())
        links = session.exec(select(UnsubscribeLink.user_id)).all()
    assert "hse@chem.example" not in emails
    assert network.chem_hse.id not in links
    assert run(unsubscribe.target_of, token) is None
