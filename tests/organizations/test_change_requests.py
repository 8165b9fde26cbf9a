"""Change requests: an org_manager proposes, staff decide field by field, the profile changes.

Every service call runs in its own unit of work, as the portal's handlers do.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from harzportal import db
from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.organizations import changes, logos, presenter, service
from harzportal.organizations.models import ChangeRequest
from tests.factories import actor_for
from tests.organizations.helpers import (
    audit_events,
    changed_values,
    fields_of,
    image_bytes,
    live_form,
    load,
    organization_row,
    outbox,
    requests_of,
    run,
)

pytestmark = pytest.mark.service

REASON = "Die Domain gehört nicht zu Ihrem Unternehmen."


@pytest.fixture(autouse=True)
def _fixed_time(fake_clock):
    return fake_clock


@pytest.fixture
def organization(factories):
    return factories.organization(name="Harzer Chemiewerke GmbH", street="Industriestraße 5",
                                  city="Goslar", member_since=date(2019, 5, 1))


@pytest.fixture
def manager(factories, organization):
    return factories.user(organization, role=Role.ORG_MANAGER,
                          email="mara.manager@harzer-chemie.example")


@pytest.fixture
def staff(factories):
    return factories.user(None, role=Role.NETWORK_ADMIN, full_name="Gesa Geschäftsstelle")


def propose(user, organization_id, **new_values) -> tuple[ChangeRequest, bool]:
    form = live_form(organization_id) | new_values
    return run(changes.propose_change, actor_for(user), organization_id, form)


def edit_directly(user, organization_id, **new_values) -> ChangeRequest:
    form = live_form(organization_id) | new_values
    return run(changes.edit_profile_directly, actor_for(user), organization_id, form)


def decide(user, request, decisions, revision=None) -> ChangeRequest:
    revision = request.revision if revision is None else revision
    return run(changes.decide_change, actor_for(user), request.id, revision, decisions)


def request_row(request_id: int) -> ChangeRequest:
    return load(ChangeRequest, request_id)


# Proposing and withdrawing

def test_a_proposal_stores_only_the_changed_fields_with_old_and_new_values(organization, manager):
    request, updated = propose(manager, organization.id, city="Clausthal-Zellerfeld",
                               website="harzer-chemie.example")

    assert updated is False
    assert changed_values(request.id) == {
        "city": ("Goslar", "Clausthal-Zellerfeld"),
        "website": ("", "https://harzer-chemie.example"),
    }
    stored = request_row(request.id)
    assert (stored.status, stored.revision, stored.author_user_id) == ("open", 1, manager.id)
    assert organization_row(organization.id).city == "Goslar"  # nothing live before a decision


def test_a_second_proposal_updates_the_open_request(organization, manager):
    first, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld",
                       website="harzer-chemie.example")

    second, updated = propose(manager, organization.id, city="Wernigerode",
                              phone="+49 5321 1234-0")  # the website is back to the live value

    assert updated is True
    assert second.id == first.id
    assert request_row(first.id).revision == 2
    assert changed_values(first.id) == {
        "city": ("Goslar", "Wernigerode"),
        "phone": ("", "+49 5321 1234-0"),
    }
    assert [request.id for request in requests_of(organization.id)] == [first.id]


def test_a_proposal_without_changes_is_refused(organization, manager):
    with pytest.raises(ValidationFailed) as raised:
        propose(manager, organization.id)

    assert raised.value.message_key == "change.nothing_changed"
    assert requests_of(organization.id) == []


def test_a_withdrawn_request_is_closed_and_the_next_proposal_opens_a_new_one(organization,
                                                                              manager):
    first, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld")

    run(changes.withdraw_change, actor_for(manager), first.id)

    assert request_row(first.id).status == "withdrawn"
    second, updated = propose(manager, organization.id, city="Wernigerode")
    assert updated is False
    assert second.id != first.id
    assert changed_values(second.id) == {"city": ("Goslar", "Wernigerode")}
    with pytest.raises(Conflict):
        run(changes.withdraw_change, actor_for(manager), first.id)


@pytest.fixture(params=["contact_of_the_organization", "manager_of_another_organization"])
def outsider(request, factories, organization):
    if request.param == "contact_of_the_organization":
        return factories.user(organization, role=Role.CONTACT)
    return factories.user(factories.organization(name="Oker Recycling GmbH"),
                          role=Role.ORG_MANAGER)


def _refusal_for(outsider, organization):
    """A contact of the organization is refused; for anyone of another organization it does not
    exist."""
    return PermissionDenied if outsider.organization_id == organization.id else NotFound


def test_outsiders_cannot_propose_and_nothing_is_stored(organization, outsider):
    with pytest.raises(_refusal_for(outsider, organization)):
        propose(outsider, organization.id, city="Clausthal-Zellerfeld")

    assert requests_of(organization.id) == []


def test_outsiders_cannot_withdraw(organization, manager, outsider):
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld")

    with pytest.raises(_refusal_for(outsider, organization)):
        run(changes.withdraw_change, actor_for(outsider), request.id)

    assert request_row(request.id).status == "open"


def test_two_managers_proposing_at_once_leave_one_open_request(factories, organization,
                                                               manager):
    second_manager = factories.user(organization, role=Role.ORG_MANAGER)
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def propose_at_once(user, city):
        form = live_form(organization.id) | {"city": city}
        try:
            with db.unit_of_work() as session:
                barrier.wait()
                _request, updated = changes.propose_change(session, actor_for(user),
                                                           organization.id, form)
            outcomes.append("updated" if updated else "created")
        except Conflict:
            outcomes.append("conflict")
        except Exception as error:  # noqa: BLE001 - anything else is reported by the assert
            outcomes.append(repr(error))

    threads = [threading.Thread(target=propose_at_once, args=(user, city))
               for user, city in ((manager, "Wernigerode"), (second_manager, "Bad Harzburg"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) in (["conflict", "created"], ["created", "updated"])
    assert [request.status for request in requests_of(organization.id)] == ["open"]


def test_status_and_membership_date_are_not_changed_through_the_form(organization, manager,
                                                                     staff):
    not_profile = {"status": "left", "member_since": "2001-01-01"}
    request, _ = propose(manager, organization.id, city="Wernigerode", **not_profile)
    assert set(changed_values(request.id)) == {"city"}

    edit_directly(staff, organization.id, city="Wernigerode", **not_profile)

    stored = organization_row(organization.id)
    assert (stored.city, stored.status, stored.member_since) == (
        "Wernigerode", "active", date(2019, 5, 1))


# Deciding

def test_a_decision_applies_the_approved_fields_and_records_everything(
        organization, manager, staff, fake_clock):
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld",
                         website="harzer-chemie.example")
    fake_clock.advance(hours=2)

    decide(staff, request, {"city": {"decision": "approve"},
                            "website": {"decision": "reject", "reason": REASON}})

    stored = organization_row(organization.id)
    assert (stored.city, stored.website) == ("Clausthal-Zellerfeld", "")
    decided = request_row(request.id)
    assert (decided.status, decided.decided_by_user_id) == ("decided", staff.id)
    assert clock.as_utc(decided.decided_at) == fake_clock.current
    rows = fields_of(request.id)
    assert (rows["city"].decision, rows["city"].reason) == ("approved", "")
    assert (rows["website"].decision, rows["website"].reason) == ("rejected", REASON)

    [changed] = audit_events("profile.changed")
    assert (changed.actor_user_id, changed.object_id) == (staff.id, str(organization.id))
    assert (changed.before, changed.after) == ({"city": "Goslar"},
                                               {"city": "Clausthal-Zellerfeld"})
    [recorded] = audit_events("profile.change_decided")
    assert recorded.after == {"city": {"decision": "approved", "reason": ""},
                              "website": {"decision": "rejected", "reason": REASON}}

    [mail] = outbox()
    assert (mail.recipient, mail.kind) == (manager.email, "change_decided")
    assert REASON in mail.body_text


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_rejection_needs_a_reason(organization, manager, staff, reason):
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld",
                         website="harzer-chemie.example")

    with pytest.raises(ValidationFailed) as raised:
        decide(staff, request, {"city": {"decision": "approve"},
                                "website": {"decision": "reject", "reason": reason}})

    assert (raised.value.message_key, raised.value.field) == ("change.reason_required", "website")
    assert request_row(request.id).status == "open"
    assert organization_row(organization.id).city == "Goslar"
    assert outbox() == []


def test_every_field_needs_a_decision(organization, manager, staff):
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld",
                         website="harzer-chemie.example")

    with pytest.raises(ValidationFailed) as raised:
        decide(staff, request, {"city": {"decision": "approve"}})

    assert (raised.value.message_key, raised.value.field) == ("change.decision_missing",
                                                              "website")
    assert request_row(request.id).status == "open"
    assert organization_row(organization.id).city == "Goslar"


def test_only_staff_decide(organization, manager):
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld")

    with pytest.raises(PermissionDenied):
        decide(manager, request, {"city": {"decision": "approve"}})

    assert request_row(request.id).status == "open"
    assert organization_row(organization.id).city == "Goslar"


def test_deciding_twice_is_a_conflict(organization, manager, staff):
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld")
    decide(staff, request, {"city": {"decision": "approve"}})

    with pytest.raises(Conflict):
        decide(staff, request, {"city": {"decision": "approve"}})

    assert len(audit_events("profile.change_decided")) == 1
    assert len(outbox()) == 1


def test_a_decision_on_a_stale_revision_is_a_conflict(organization, manager, staff):
    seen, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld")
    propose(manager, organization.id, city="Wernigerode")  # updated after staff opened it

    with pytest.raises(Conflict):
        decide(staff, seen, {"city": {"decision": "approve"}}, revision=1)

    assert request_row(seen.id).status == "open"
    assert organization_row(organization.id).city == "Goslar"


def test_two_staff_deciding_at_once_apply_the_change_once(factories, organization, manager,
                                                          staff):
    other_staff = factories.user(None, role=Role.NETWORK_ADMIN)
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld")
    barrier = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def decide_at_once(user):
        try:
            with db.unit_of_work() as session:
                barrier.wait()
                changes.decide_change(session, actor_for(user), request.id, request.revision,
                                      {"city": {"decision": "approve"}})
            outcomes.append("decided")
        except Conflict:
            outcomes.append("conflict")
        except Exception as error:  # noqa: BLE001 - anything else is reported by the assert
            outcomes.append(repr(error))

    threads = [threading.Thread(target=decide_at_once, args=(user,))
               for user in (staff, other_staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["conflict", "decided"]
    assert organization_row(organization.id).city == "Clausthal-Zellerfeld"
    assert len(audit_events("profile.changed")) == 1
    assert len(audit_events("profile.change_decided")) == 1
    assert len(outbox()) == 1


# A field that staff changed while the request waited

@pytest.fixture
def conflicting_request(organization, manager, staff):
    """The manager proposes a new city and website; staff then change the city directly."""
    request, _ = propose(manager, organization.id, city="Clausthal-Zellerfeld",
                         website="harzer-chemie.example")
    edit_directly(staff, organization.id, city="Bad Harzburg")
    return request


def test_a_field_changed_meanwhile_is_marked_as_conflict(conflicting_request, staff):
    page = run(service.get_request_for_decision, actor_for(staff), conflicting_request.id)

    rows = {row.field: row for row in presenter.field_change_views(page.fields, "de", page.live)}
    assert (rows["city"].conflict, rows["city"].current_text) == (True, "Bad Harzburg")
    assert rows["website"].conflict is False


def test_approving_a_conflicting_field_needs_an_explicit_choice(organization, conflicting_request,
                                                                staff):
    with pytest.raises(ValidationFailed) as raised:
        decide(staff, conflicting_request, {"city": {"decision": "approve"},
                                            "website": {"decision": "approve"}})

    assert (raised.value.message_key, raised.value.field) == ("change.conflict_needs_choice",
                                                              "city")
    assert request_row(conflicting_request.id).status == "open"
    assert organization_row(organization.id).city == "Bad Harzburg"


@pytest.mark.parametrize(("choice", "city"), [("override", "Clausthal-Zellerfeld"),
                                              ("reject", "Bad Harzburg")])
def test_a_conflicting_field_can_be_overridden_or_rejected(organization, conflicting_request,
                                                           staff, choice, city):
    decide(staff, conflicting_request, {"city": {"decision": choice, "reason": REASON},
                                        "website": {"decision": "approve"}})

    stored = organization_row(organization.id)
    assert (stored.city, stored.website) == (city, "https://harzer-chemie.example")
    assert request_row(conflicting_request.id).status == "decided"


# Staff edits and the profile page

def test_a_staff_edit_applies_at_once_and_shows_in_the_history(organization, manager, staff):
    edit_directly(staff, organization.id, city="Wernigerode")

    assert organization_row(organization.id).city == "Wernigerode"
    page = run(service.get_profile_page, actor_for(manager), organization.id)
    [(record, [field])] = page.history
    assert (field.field_name, field.old_value, field.new_value, field.decision) == (
        "city", "Goslar", "Wernigerode", "approved")
    assert record.decided_by_user_id == staff.id
    [row] = presenter.history_views(page.history, page.names, "de")
    assert (row.field, row.new_text, row.decision) == ("city", "Wernigerode", "approved")
    assert row.request_decider == staff.full_name
    assert [event.after for event in audit_events("profile.edited_by_staff")] == [
        {"city": "Wernigerode"}]


def test_a_manager_cannot_edit_directly(organization, manager):
    with pytest.raises(PermissionDenied):
        edit_directly(manager, organization.id, city="Wernigerode")

    assert organization_row(organization.id).city == "Goslar"
    assert requests_of(organization.id) == []


@pytest.mark.parametrize("role", [Role.CONTACT, Role.ORG_MANAGER])
def test_the_profile_page_of_another_organization_is_denied(factories, organization, role):
    stranger = factories.user(factories.organization(name="Oker Recycling GmbH"), role=role)

    with pytest.raises(NotFound):  # another organization's objects are answered as missing
        run(service.get_profile_page, actor_for(stranger), organization.id)


def test_the_history_shows_the_rejection_reason(factories, organization, manager, staff):
    contact = factories.user(organization, role=Role.CONTACT)
    request, _ = propose(manager, organization.id, website="harzer-chemie.example")
    decide(staff, request, {"website": {"decision": "reject", "reason": REASON}})

    page = run(service.get_profile_page, actor_for(contact), organization.id)

    assert page.pending is None
    [row] = presenter.history_views(page.history, page.names, "de")
    assert (row.field, row.decision, row.reason) == ("website", "rejected", REASON)
    assert row.decision_label == "Abgelehnt"


def test_markup_is_stored_and_shown_as_plain_text(organization, manager, staff):
    markup = "<script>alert(1)</script>"
    request, _ = propose(manager, organization.id, description=markup)
    decide(staff, request, {"description": {"decision": "approve"}})

    page = run(service.get_profile_page, actor_for(manager), organization.id)
    assert presenter.profile_view(page.organization, "de").description == markup


# Logos in a proposal

def test_a_logo_that_was_never_stored_cannot_be_proposed(organization, manager):
    with pytest.raises(ValidationFailed) as raised:
        propose(manager, organization.id, logo="0" * 64 + ".png")

    assert (raised.value.message_key, raised.value.field) == ("logo.invalid", "logo")
    assert requests_of(organization.id) == []


def test_a_stored_logo_can_be_proposed(organization, manager):
    name = logos.store_logo(image_bytes("PNG"))

    request, _ = propose(manager, organization.id, logo=name)

    assert changed_values(request.id) == {"logo": ("", name)}
