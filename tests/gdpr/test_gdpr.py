"""GDPR self-service: one's own data, an organization's data, anonymizing a contact."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.audit.models import AuditEvent
from harzportal.core.errors import NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.gdpr import service
from harzportal.gdpr.routes import PERSON_URL, ROUTES, organization_url
from harzportal.invoices import issuing
from harzportal.invoices.amounts import LineInput
from harzportal.invoices.models import Invoice
from harzportal.organizations import contacts, public_buyer
from harzportal.shell.state import SESSION_COOKIE

pytestmark = pytest.mark.service


@pytest.fixture(autouse=True)
def private_store(private_data_dir):
    """Invoice PDFs go to the test's own data folder."""


@pytest.fixture
def world(factories):
    harzer = factories.organization(name="Harzer Chemiewerke GmbH", street="Am Rammelsberg 12")
    oker = factories.organization(name="Oker Recycling GmbH", street="Hüttenstraße 4")
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    manager = factories.user(harzer, role=Role.ORG_MANAGER, full_name="Anna Krüger")
    second_manager = factories.user(harzer, role=Role.ORG_MANAGER)
    contact = factories.user(harzer, role=Role.CONTACT, full_name="Jonas Lehmann",
                             phone="+49 5321 4001", job_title="QM")
    with db.unit_of_work() as session:
        invoice = issuing.issue_manual_invoice(
            session, factories.actor(staff), harzer.id,
            [LineInput("Seminar", 1000, 10000, 1900)], date(2026, 1, 1), date(2026, 1, 31))
    return {"harzer": harzer, "oker": oker, "staff": staff, "manager": manager,
            "second_manager": second_manager, "contact": contact, "invoice": invoice}


def test_a_person_downloads_everything_held_about_them(factories, world):
    contact = world["contact"]
    with db.unit_of_work() as session:
        sessions.start_session(session, contact, "10.0.0.7")
        contacts.update_own_details(session, factories.actor(contact), {
            "full_name": "Jonas Lehmann", "job_title": "HSE", "phone": "+49 5321 4001"})
    with db.unit_of_work() as session:
        data = service.person_export(session, factories.actor(contact))
    assert data["profile"]["email"] == contact.email
    assert data["profile"]["job_title"] == "HSE"
    assert data["organization"] == "Harzer Chemiewerke GmbH"
    assert [s["client_ip"] for s in data["sessions"]] == ["10.0.0.7"]
    assert "token_hash" not in json.dumps(data) and "password" not in json.dumps(data)
    assert any(e["action"] == "user.details_changed" for e in data["audit_events"])
    assert "Anna Krüger" not in json.dumps(data)  # nobody else's data


def test_the_organization_zip_has_its_json_and_invoice_pdfs(factories, world):
    with db.unit_of_work() as session:
        content = service.organization_export(session, factories.actor(world["manager"]),
                                              world["harzer"].id)
    archive = zipfile.ZipFile(io.BytesIO(content))
    data = json.loads(archive.read("organization.json"))
    assert data["organization"]["name"] == "Harzer Chemiewerke GmbH"
    assert {c["full_name"] for c in data["contacts"]} >= {"Anna Krüger", "Jonas Lehmann"}
    number = world["invoice"].number
    assert [i["number"] for i in data["invoices"]] == [number]
    assert archive.read(f"rechnungen/{number}.pdf").startswith(b"%PDF")
    assert "Oker" not in json.dumps(data)


def test_a_public_buyers_zip_has_its_xrechnung_beside_the_pdf(factories, world):
    staff = factories.actor(world["staff"])
    with db.unit_of_work() as session:
        public_buyer.set_public_buyer(session, staff, world["oker"].id, "991-33333TEST-33")
    with db.unit_of_work() as session:
        invoice = issuing.issue_manual_invoice(
            session, staff, world["oker"].id, [LineInput("Seminar", 1000, 10000, 1900)],
            date(2026, 1, 1), date(2026, 1, 31))
    with db.unit_of_work() as session:
        content = service.organization_export(session, staff, world["oker"].id)
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert json.loads(archive.read("organization.json"))["organization"]["leitweg_id"] == (
        "991-33333TEST-33")
    assert archive.read(f"rechnungen/{invoice.number}.pdf").startswith(b"%PDF")
    assert b"xrechnung_3.0" in archive.read(f"rechnungen/{invoice.number}-xrechnung.xml")


@pytest.mark.parametrize("who", ["contact", "other_manager"])
def test_only_the_own_manager_and_staff_export_an_organization(factories, world, who):
    person = world["contact"] if who == "contact" else factories.user(
        world["oker"], role=Role.ORG_MANAGER)
    refused = PermissionDenied if who == "contact" else NotFound  # another org's: as if missing
    with pytest.raises(refused), db.unit_of_work() as session:
        service.organization_export(session, factories.actor(person), world["harzer"].id)


def test_the_routes_answer_404_to_everyone_refused(factories, world):
    client = TestClient(Starlette(routes=ROUTES))
    with db.unit_of_work() as session:
        contact_token = sessions.start_session(session, world["contact"])
        manager_token = sessions.start_session(session, world["manager"])
    url = organization_url(world["harzer"].id)
    assert client.get(PERSON_URL).status_code == 404
    assert client.get(url).status_code == 404
    client.cookies.set(SESSION_COOKIE, contact_token)
    assert client.get(url).status_code == 404
    mine = client.get(PERSON_URL)
    client.cookies.set(SESSION_COOKIE, manager_token)
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert mine.status_code == 200 and mine.json()["profile"]["email"] == world["contact"].email


def test_staff_anonymize_a_contact_and_keep_invoices_and_the_trail(factories, world):
    contact, staff = world["contact"], factories.actor(world["staff"])
    with db.unit_of_work() as session:
        token = sessions.start_session(session, contact)
    events_before = [event.model_dump() for event in _events()]
    invoice_before = _invoice(world["invoice"].id)

    with db.unit_of_work() as session:
        contacts.anonymize_contact(session, staff, contact.id)

    with db.unit_of_work() as session:
        user = session.get(User, contact.id)
        assert sessions.resolve_session(session, token) is None
    assert (user.full_name, user.email, user.phone, user.job_title) == (
        f"Ehemaliger Kontakt {contact.id}", f"removed-{contact.id}@anonymized.invalid", "", "")
    assert user.is_active is False and user.password_hash is None
    assert _invoice(world["invoice"].id) == invoice_before
    events = _events()
    # Earlier events are untouched (append-only); the new ones name no personal data.
    assert [event.model_dump() for event in events][:len(events_before)] == events_before
    new = [event for event in events[len(events_before):] if event.action == "user.anonymized"]
    assert len(new) == 1 and "Jonas" not in json.dumps([new[0].before, new[0].after])


def test_the_last_manager_cannot_be_anonymized_away(factories, world):
    staff = factories.actor(world["staff"])
    with db.unit_of_work() as session:
        contacts.anonymize_contact(session, staff, world["second_manager"].id)
    with pytest.raises(ValidationFailed), db.unit_of_work() as session:
        contacts.anonymize_contact(session, staff, world["manager"].id)
    with db.unit_of_work() as session:
        assert session.get(User, world["manager"].id).full_name == "Anna Krüger"


def test_members_cannot_anonymize(factories, world):
    with pytest.raises(PermissionDenied), db.unit_of_work() as session:
        contacts.anonymize_contact(session, factories.actor(world["manager"]),
                                   world["contact"].id)


def _events() -> list[AuditEvent]:
    with db.unit_of_work() as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)))


def _invoice(invoice_id: int) -> dict:
    with db.unit_of_work() as session:
        return session.get(Invoice, invoice_id).model_dump()


def test_a_managers_export_lists_what_they_did_to_others_without_their_data(factories, world):
    from harzportal.accounts.service import invite_contact

    manager = world["manager"]
    with db.unit_of_work() as session:
        invited = invite_contact(session, factories.actor(manager),
                                 organization_id=world["harzer"].id,
                                 raw_email="neu.kollegin@harzer-chemie.example",
                                 full_name="Greta Neumann")
        contacts.change_role(session, factories.actor(manager), world["contact"].id,
                             Role.ORG_MANAGER.value)
    with db.unit_of_work() as session:
        data = service.person_export(session, factories.actor(manager))
    raw = json.dumps(data)
    actions = [event["action"] for event in data["audit_events"]]
    assert "user.invited" in actions and "contact.role_changed" in actions
    assert str(invited.id) not in [event["object_id"] for event in data["audit_events"]]
    for text in ("neu.kollegin@harzer-chemie.example", "Greta Neumann", world["contact"].email):
        assert text not in raw
