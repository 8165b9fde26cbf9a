"""`harzportal seed-demo`: the demo network, its logins, and refusing to touch real data."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func
from sqlmodel import select

from harzportal import db
from harzportal.accounts import service as auth_service
from harzportal.accounts.models import User
from harzportal.core.errors import Conflict
from harzportal.demo import accounts
from harzportal.demo.seed import SeedOutcome, seed_demo
from harzportal.organizations.models import Organization

pytestmark = pytest.mark.service


def seed() -> SeedOutcome:
    with db.unit_of_work() as session:
        return seed_demo(session)


def organizations() -> list[Organization]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Organization)).all())


def user_count() -> int:
    with db.unit_of_work() as session:
        return session.exec(select(func.count()).select_from(User)).one()


@pytest.fixture
def seeded(engine):
    assert seed() == SeedOutcome.SEEDED


def test_the_demo_network_has_19_member_organizations(seeded):
    members = organizations()

    kinds = Counter(organization.kind for organization in members)
    assert len(members) == 19
    assert kinds["chemical"] + kinds["metallurgical"] + kinds["recycling"] == 14
    assert min(kinds["chemical"], kinds["metallurgical"], kinds["recycling"]) >= 1
    assert (kinds["logistics"], kinds["university"], kinds["business_development"]) == (2, 2, 1)
    assert sum(kinds.values()) == 19  # no other kinds
    assert {organization.federal_state for organization in members} == {"NI", "ST", "TH"}
    assert len({organization.name for organization in members}) == 19


def test_every_organization_has_2_to_4_people(seeded):
    with db.unit_of_work() as session:
        people = Counter(session.exec(select(User.organization_id)).all())
    for organization in organizations():
        assert 2 <= people[organization.id] <= 4, organization.name
    assert people[None] == 1  # the network office's administrator


def test_every_organization_has_exactly_one_org_manager(seeded):
    with db.unit_of_work() as session:
        managers = Counter(session.exec(
            select(User.organization_id).where(User.role == "org_manager")).all())
    assert sorted(managers.values()) == [1] * 19


@pytest.mark.parametrize(("email", "password", "role", "organization_name"), accounts.DEMO_LOGINS,
                         ids=[login[0] for login in accounts.DEMO_LOGINS])
def test_the_demo_logins_work(seeded, email, password, role, organization_name):
    with db.unit_of_work() as session:
        result = auth_service.sign_in(session, email, password, "127.0.0.1")
        user = session.exec(select(User).where(User.email == email)).one()
        organization = session.get(Organization, user.organization_id) \
            if user.organization_id else None

    assert result.token is not None, result.error_key
    assert user.role == role
    assert (organization.name if organization else None) == organization_name


def test_every_demo_address_ends_in_example(seeded):
    with db.unit_of_work() as session:
        emails = session.exec(select(User.email)).all()
    assert all(address.endswith(accounts.DEMO_EMAIL_DOMAIN_SUFFIX) for address in emails)
    assert len(emails) == len(set(emails))


def test_a_second_run_changes_nothing(seeded):
    before = (len(organizations()), user_count())

    assert seed() == SeedOutcome.ALREADY_SEEDED

    assert (len(organizations()), user_count()) == before


def test_a_database_with_a_real_person_is_refused(factories):
    factories.user(None, email="anna.krueger@chemiewerk-goslar.de")

    with pytest.raises(Conflict) as caught:
        seed()

    assert caught.value.message_key == "seed.refused_non_demo_data"
    assert organizations() == []
    assert user_count() == 1


def test_a_database_with_organizations_already_is_refused(factories):
    factories.organization(name="Harzer Chemiewerke GmbH")

    with pytest.raises(Conflict):
        seed()

    assert len(organizations()) == 1
    assert user_count() == 0


def test_the_demo_has_a_decided_and_an_open_change_request(seeded):
    from harzportal.audit.models import AuditEvent
    from harzportal.demo.changes import DECIDED_FOR, OPEN_FOR
    from harzportal.organizations.models import ChangeRequest

    with db.unit_of_work() as session:
        requests = {name: status for name, status in session.exec(
            select(Organization.name, ChangeRequest.status)
            .join(ChangeRequest, ChangeRequest.organization_id == Organization.id))}
        decided_phone = session.exec(select(Organization.phone).where(
            Organization.name == DECIDED_FOR)).one()
        decisions = session.exec(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "profile.change_decided")).one()
    assert requests == {DECIDED_FOR: "decided", OPEN_FOR: "open"}
    assert decided_phone == "+49 3943 55210"  # the approved field went live
    assert decisions == 1


def test_the_demo_has_a_year_of_downloads_and_the_managers_seminar(seeded):
    from harzportal.audit.models import AuditEvent
    from harzportal.demo.seminars import MANAGERS_SEMINAR
    from harzportal.documents.models import DocumentVersion
    from harzportal.seminars.models import Registration, Seminar

    with db.unit_of_work() as session:
        moments = list(session.exec(select(AuditEvent.occurred_at).where(
            AuditEvent.action == "document.download")))
        counted = session.exec(select(func.sum(DocumentVersion.download_count))).one()
        registered = session.exec(
            select(Registration.status).join(Seminar).join(User, User.id == Registration.user_id)
            .where(Seminar.title == MANAGERS_SEMINAR,
                   User.email == accounts.HARZER_MANAGER_EMAIL)).all()
    assert len({moment.strftime("%Y-%m") for moment in moments}) == 12
    assert counted == len(moments)  # counters and audit events tell the same
    assert registered == ["confirmed"]


def test_the_demo_history_lies_in_the_past(seeded):
    from harzportal.audit.models import AuditEvent
    from harzportal.core import clock

    with db.unit_of_work() as session:
        latest = session.exec(select(func.max(AuditEvent.occurred_at))).one()
    assert clock.as_utc(latest) <= clock.now()


def test_the_demo_exchange_shows_real_content_to_the_demo_logins(seeded):
    from harzportal.exchange import service as exchange
    from harzportal.exchange.models import Interest, Post
    from tests.factories import actor_for

    with db.unit_of_work() as session:
        posts = list(session.exec(select(Post)))
        interests = session.exec(select(func.count()).select_from(Interest)).one()
        oker = session.exec(select(User).where(User.email == accounts.OKER_MANAGER_EMAIL)).one()
        admin = session.exec(select(User).where(User.email == accounts.ADMIN_EMAIL)).one()
        seen_by_oker = exchange.search_posts(session, actor_for(oker)).total
        seen_by_staff = exchange.search_posts(session, actor_for(admin)).total
        queue = exchange.moderation_queue(session, actor_for(admin)).total
    assert {post.kind for post in posts} == {"offer", "request", "project_idea"}
    assert [post.visibility for post in posts].count("office") == 1
    assert interests == 4 and queue == 1
    assert seen_by_staff == seen_by_oker + 1  # the confidential post
    assert any(post.cooperation_started_at for post in posts)


# Seeded on each day of one week: the collection date of an invoice issued yesterday, 30 days
# net, moved past a weekend, can fall beyond the 30 days the debit page shows by default.
@pytest.mark.parametrize("day", range(28, 35))
def test_the_demo_has_debits_due_for_collection_on_any_day_of_the_week(engine, day):
    from datetime import UTC, datetime, timedelta

    from harzportal.core import clock
    from harzportal.debits import collection

    seeded_on = datetime(2026, 11, 1, 8, 0, tzinfo=UTC) + timedelta(days=day)
    with clock.fixed_at(seeded_on):
        assert seed() == SeedOutcome.SEEDED
        with db.unit_of_work() as session:
            due = {(debit.invoice.recipient_name, debit.mandate.scheme)
                   for debit in collection.due_debits(session)}
    assert ("Selketal Pigmente GmbH", "CORE") in due, seeded_on.date()
