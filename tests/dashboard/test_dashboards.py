"""Dashboards: what needs a member's attention (and only what they may see), and the staff's
figures of the network."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from harzportal import db
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.dashboard import presenter
from harzportal.dashboard.network import SeminarFill
from harzportal.dashboard.service import get_dashboard
from harzportal.invoices import issuing
from harzportal.invoices.amounts import LineInput
from harzportal.organizations.models import ContactFunctionAssignment
from harzportal.seminars import registrations
from harzportal.seminars import service as seminars

pytestmark = pytest.mark.service
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def setting(private_data_dir):
    with clock.fixed_at(NOW):
        yield


@pytest.fixture
def world(factories):
    harzer = factories.organization(name="Harzer Chemiewerke GmbH", street="Weg 1")
    staff = factories.user(None, role=Role.NETWORK_ADMIN)
    manager = factories.user(harzer, role=Role.ORG_MANAGER)
    contact = factories.user(harzer, role=Role.CONTACT)
    billing = factories.user(harzer, role=Role.CONTACT)
    with db.unit_of_work() as session:
        session.add(ContactFunctionAssignment(user_id=billing.id, function="billing"))
    staff_actor = factories.actor(staff)
    with clock.fixed_at(NOW - timedelta(days=45)), db.unit_of_work() as session:
        issuing.issue_manual_invoice(session, staff_actor, harzer.id,
                                     [LineInput("Beitrag", 1000, 100000, 1900)],
                                     date(2027, 1, 1), date(2027, 1, 31))
    with db.unit_of_work() as session:
        seminar = seminars.save_seminar(session, staff_actor, None, {
            "title": "Gefahrstoffe kompakt", "topic": "hse", "venue": "Goslar",
            "starts_at": "2027-03-20T09:00", "ends_at": "2027-03-20T16:00",
            "registration_opens_at": "2027-02-01T09:00",
            "registration_deadline": "2027-03-18T09:00", "capacity": "10"})
        seminars.publish_seminar(session, staff_actor, seminar.id)
        registrations.register(session, factories.actor(contact), seminar.id, contact.id)
    return {"staff": staff, "manager": manager, "contact": contact, "billing": billing}


def _attention(factories, user) -> list[str]:
    with db.unit_of_work() as session:
        items = get_dashboard(session, factories.actor(user)).attention
    return [presenter.attention_view(item, "de").text for item in items]


def test_overdue_invoices_show_only_to_people_who_may_see_invoices(factories, world):
    for who in ("manager", "billing"):
        texts = _attention(factories, world[who])
        assert any("1 offene Rechnung, davon 1 überfällig" in text and "1.190,00\xa0€" in text
                   for text in texts), who
    assert not any("Rechnung" in text for text in _attention(factories, world["contact"]))


def test_a_member_sees_their_seminar_and_new_documents(factories, world):
    texts = _attention(factories, world["contact"])
    assert any(text.startswith("Angemeldet: Gefahrstoffe kompakt") for text in texts)


def test_staff_see_the_networks_figures(factories, world):
    with db.unit_of_work() as session:
        network = get_dashboard(session, factories.actor(world["staff"])).network
    assert network.fees.overdue_count == 1
    assert network.fees.outstanding_cents == network.fees.overdue_cents == 119000
    assert network.seminar_fill == (SeminarFill("Gefahrstoffe kompakt", 1, 10),)
    assert [tally.count for tally in network.by_kind] == [1]
    assert network.approvals.count == 0 and network.approvals.oldest_days is None
    figures = presenter.figures_view(network, "de")
    assert (figures.overdue_count, figures.outstanding) == ("1", "1.190,00\xa0€")
    assert figures.oldest_approval == ""
    [bar] = presenter.seminar_fill_bars(network.seminar_fill)
    assert (bar.label, bar.value, bar.text) == ("Gefahrstoffe kompakt", 10, "1 / 10")


def test_members_get_no_network_figures(factories, world):
    with db.unit_of_work() as session:
        assert get_dashboard(session, factories.actor(world["manager"])).network is None
