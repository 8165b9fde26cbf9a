"""The organization pages in the reader's language: Babel's German and English formats for the
dates and numbers of one profile page, labels from the catalogue, counted texts plural-correct."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from harzportal.accounts.models import User
from harzportal.organizations import presenter, presenter_contacts
from harzportal.organizations.contacts import ContactEntry, ContactList, ContactStatus
from harzportal.organizations.models import ChangeRequest, ChangeRequestField, Organization
from harzportal.organizations.service import ProfilePage, QueueEntry

DECIDED = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)  # 10:30 in Goslar


def profile_page() -> ProfilePage:
    organization = Organization(id=7, name="Harzer Chemiewerke GmbH", kind="chemical",
                                street="Am Rammelsberg 12", postal_code="38640", city="Goslar",
                                federal_state="NI", employees=1250, member_since=date(2019, 5, 2),
                                competences="Katalyse\nAnalytik")
    decided = ChangeRequest(id=3, organization_id=7, author_user_id=11, status="decided",
                            created_at=DECIDED, updated_at=DECIDED, decided_at=DECIDED,
                            decided_by_user_id=12)
    fields = (ChangeRequestField(request_id=3, field_name="employees", old_value=1200,
                                 new_value=1250, decision="approved"),
              ChangeRequestField(request_id=3, field_name="kind", old_value="other",
                                 new_value="chemical", decision="rejected", reason="Nein"))
    return ProfilePage(organization=organization, pending=None, pending_fields=(),
                       history=((decided, fields),),
                       names={11: "Anna Krüger", 12: "Gerd Geschäftsstelle"},
                       may_propose=True, may_edit_directly=False, may_manage_contacts=True)


@pytest.mark.parametrize(("language", "expected"), [
    ("de", {"kind": "Chemische Industrie", "federal_state": "Niedersachsen",
            "employees": "1.250", "member_since": "02.05.2019",
            "when": "01.03.2027, 10:30:00", "history": ["1.250", "Chemische Industrie"],
            "labels": ["Beschäftigte", "Branche"], "decisions": ["Übernommen", "Abgelehnt"],
            "status": "Entschieden"}),
    ("en", {"kind": "Chemical industry", "federal_state": "Lower Saxony",
            "employees": "1,250", "member_since": "2 May 2019",
            "when": "1 Mar 2027, 10:30:00", "history": ["1,250", "Chemical industry"],
            "labels": ["Employees", "Sector"], "decisions": ["Approved", "Rejected"],
            "status": "Decided"}),
])
def test_the_profile_page_in_german_and_english(language, expected):
    profile, pending, pending_rows, history = presenter.profile_page_views(profile_page(),
                                                                           language)

    assert (profile.kind, profile.federal_state, profile.employees, profile.member_since) == (
        expected["kind"], expected["federal_state"], expected["employees"],
        expected["member_since"])
    assert profile.address == "Am Rammelsberg 12, 38640 Goslar"
    assert profile.competences == "Katalyse, Analytik"
    assert (pending.id, pending_rows) == (0, [])
    assert [row.new_text for row in history] == expected["history"]
    assert [row.label for row in history] == expected["labels"]
    assert [row.decision_label for row in history] == expected["decisions"]
    assert {(row.request_created, row.request_decided, row.request_status) for row in history} \
        == {(expected["when"], expected["when"], expected["status"])}
    assert {(row.request_author, row.request_decider) for row in history} == {
        ("Anna Krüger", "Gerd Geschäftsstelle")}


def test_labels_the_browser_tests_read_stay_as_they_were():
    """The exact texts that were produced by the old dynamic keys."""
    assert presenter.kind_label("chemical", "de") == "Chemische Industrie"
    assert presenter.federal_state_label("ST", "en") == "Saxony-Anhalt"
    assert presenter.field_label("postal_code", "de") == "Postleitzahl"


@pytest.mark.parametrize(("days", "language", "expected"), [
    (1, "de", "1 Tag"), (2, "de", "2 Tage"), (1, "en", "1 day"), (2, "en", "2 days"),
    (0, "de", "0 Tage"), (0, "en", "0 days")])
def test_the_age_of_a_request_in_the_queue_is_counted_correctly(days, language, expected):
    request = ChangeRequest(id=5, organization_id=7, author_user_id=11, created_at=DECIDED)
    entry = QueueEntry(request=request, organization_name="Oker Recycling GmbH",
                       author_name="Anna Krüger", field_count=1250, age_days=days)

    [row] = presenter.queue_row_views((entry,), language)

    assert row.age == expected
    assert row.fields == {"de": "1.250", "en": "1,250"}[language]


@pytest.mark.parametrize(("language", "labels", "last_login"), [
    ("de", "Rechnungsempfang, HSE-Ansprechpartner", "01.03.2027, 10:30:00"),
    ("en", "Billing contact, HSE contact", "1 Mar 2027, 10:30:00"),
])
def test_a_contact_row_in_german_and_english(language, labels, last_login):
    user = User(id=4, email="anna@harzer-chemie.example", full_name="Anna Krüger", role="contact",
                organization_id=7, last_login_at=DECIDED, listed_in_directory=True)
    listing = ContactList(organization=profile_page().organization, contacts=(ContactEntry(
        user=user, status=ContactStatus.ACTIVE, functions=("billing", "hse"), manageable=True,
        may_set_functions=True),), may_manage=True, may_invite=True)

    [row] = presenter_contacts.contact_rows(listing, language)

    assert (row.function_labels, row.last_login, row.listed, row.functions) == (
        labels, last_login, True, ("billing", "hse"))
