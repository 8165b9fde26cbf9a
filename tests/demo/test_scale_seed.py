"""`harzportal seed-scale` on small numbers: the data is what the services would have made."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func
from sqlmodel import select

from harzportal import db
from harzportal.accounts import service as auth_service
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.core import private_files
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict
from harzportal.core.roles import Role
from harzportal.demo import scale
from harzportal.documents import library, storage
from harzportal.documents.models import Document, DocumentVersion
from harzportal.invoices import service as invoice_service
from harzportal.invoices.amounts import LineInput, compute_totals
from harzportal.invoices.models import Invoice, InvoiceLine, NumberRange, Payment
from harzportal.organizations import directory
from harzportal.organizations.models import ContactFunctionAssignment, Organization
from harzportal.organizations.profile import apply_values
from harzportal.seminars import service as seminar_service
from harzportal.seminars.models import Registration, Seminar

pytestmark = pytest.mark.service

SIZES = {"orgs": 12, "contacts": 60, "invoices": 600, "seminars": 15, "documents": 20}


@pytest.fixture
def seeded(engine, fake_clock, private_data_dir):
    with db.unit_of_work() as session:
        return scale.seed_scale(session, **SIZES)


def _all(model):
    with db.unit_of_work() as session:
        return list(session.exec(select(model)).all())


def test_the_requested_numbers_are_made(seeded):
    assert (seeded.organizations, seeded.users) == (12, 61)
    assert (seeded.invoices, seeded.seminars, seeded.documents) == (600, 15, 20)
    assert len(_all(Invoice)) == 600 and len(_all(Seminar)) == 15 and len(_all(Document)) == 20
    people = Counter(user.organization_id for user in _all(User))
    assert people[None] == 1 and all(people[o.id] == 5 for o in _all(Organization))


def test_organizations_are_german_and_searchable_like_edited_profiles(seeded):
    organizations = _all(Organization)
    assert len({o.name for o in organizations}) == 12
    for organization in organizations:
        assert re.fullmatch(r"\d{5}", organization.postal_code)
        assert organization.federal_state in ("NI", "ST", "TH", "other")
        expected = Organization(name=organization.name, city=organization.city)
        apply_values(expected, {"competences": organization.competences.split("\n")})
        assert organization.search_text == expected.search_text


def test_each_organization_has_a_manager_with_billing_and_people_can_sign_in(seeded):
    managers = [u for u in _all(User) if u.role == "org_manager"]
    assert len(managers) == 12
    billing = {a.user_id for a in _all(ContactFunctionAssignment) if a.function == "billing"}
    assert {m.id for m in managers} == billing
    with db.unit_of_work() as session:
        result = auth_service.sign_in(session, managers[0].email, scale.MEMBER_PASSWORD)
        assert result.token is not None
        admin = auth_service.sign_in(session, scale.ADMIN_EMAIL, scale.ADMIN_PASSWORD)
        assert sessions.resolve_session(session, admin.token).role == Role.NETWORK_ADMIN


def test_invoice_numbers_are_gapless_per_year_and_the_ranges_continue(seeded):
    invoices = _all(Invoice)
    by_year = defaultdict(list)
    for invoice in invoices:
        prefix, year, number = invoice.number.split("-")
        assert prefix == "CNH" and int(year) == invoice.issue_date.year
        by_year[int(year)].append((invoice.issue_date, int(number)))
    ranges = {r.year: r.last_number for r in _all(NumberRange)}
    for year, numbered in by_year.items():
        assert sorted(n for _d, n in numbered) == list(range(1, len(numbered) + 1))
        assert [n for _d, n in sorted(numbered)] == sorted(n for _d, n in numbered)  # issue order
        assert ranges[year] == len(numbered)


def test_amounts_payments_and_credit_notes_agree(seeded):
    invoices = {i.id: i for i in _all(Invoice)}
    lines = defaultdict(list)
    for line in _all(InvoiceLine):
        lines[line.invoice_id].append(line)
    paid = defaultdict(int)
    for payment in _all(Payment):
        paid[payment.invoice_id] += payment.amount_cents
    kinds = Counter(i.kind for i in invoices.values())
    assert kinds["credit_note"] > 0 and kinds["invoice"] > 0
    for invoice in invoices.values():
        totals = compute_totals([LineInput(line.description, line.quantity_milli,
                                           line.unit_price_cents, line.vat_rate_bp,
                                           line.vat_exempt, line.exemption_note)
                                 for line in lines[invoice.id]])
        assert (invoice.net_cents, invoice.gross_cents) == (totals.net_cents, totals.gross_cents)
        assert invoice.paid_cents == paid[invoice.id]
        assert (invoice.status == "paid") == (invoice.paid_cents == invoice.gross_cents > 0)
        if invoice.kind == "credit_note":
            cancelled = invoices[invoice.cancels_invoice_id]
            assert cancelled.status == "cancelled" and cancelled.paid_cents == 0
            assert invoice.gross_cents == cancelled.gross_cents
    assert sum(i.status == "cancelled" for i in invoices.values()) == kinds["credit_note"]
    fee_years = Counter((i.organization_id, i.fee_year) for i in invoices.values() if i.fee_year)
    assert fee_years and max(fee_years.values()) == 1


def test_seats_taken_are_the_confirmed_registrations(seeded):
    confirmed = Counter(r.seminar_id for r in _all(Registration) if r.status == "confirmed")
    active = Counter((r.seminar_id, r.user_id) for r in _all(Registration))
    assert max(active.values()) == 1
    seminars = _all(Seminar)
    assert sum(s.seats_taken for s in seminars) > 0
    for seminar in seminars:
        assert seminar.seats_taken == confirmed[seminar.id] <= seminar.capacity
        assert seminar.search_text == seminar_service._search_text(
            {"title": seminar.title, "speakers": seminar.speakers, "venue": seminar.venue})


def test_document_versions_are_real_stored_files(seeded):
    documents = {d.id: d for d in _all(Document)}
    versions = _all(DocumentVersion)
    assert len(versions) >= len(documents)
    for version in versions:
        path = storage.open_verified(version.file_name, version.sha256)
        assert path is not None and path.stat().st_size == version.size_bytes
        assert private_files.path_of(storage.AREA, version.file_name) is not None
    for document_id, document in documents.items():
        latest = max((v for v in versions if v.document_id == document_id),
                     key=lambda v: v.number)
        assert document.updated_at == latest.uploaded_at
        assert document.title.casefold() in document.search_text


def test_the_pages_show_the_seeded_data(seeded):
    with db.unit_of_work() as session:
        manager = session.exec(select(User).where(User.role == "org_manager")).first()
        member = Actor(user_id=manager.id, organization_id=manager.organization_id,
                       role=Role.ORG_MANAGER)
        own = session.exec(select(func.count()).select_from(Invoice).where(
            Invoice.organization_id == manager.organization_id)).one()
        invoices = invoice_service.list_member_invoices(session, member,
                                                        manager.organization_id, 1)
        assert invoices.page.total == own > 0
        assert directory.search_directory(session, member).total > 0
        assert library.list_library(session, member).page.total > 0


def test_a_database_with_data_is_refused(seeded):
    with pytest.raises(Conflict), db.unit_of_work() as session:
        scale.seed_scale(session, **SIZES)
