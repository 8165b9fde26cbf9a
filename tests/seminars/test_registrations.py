"""Registering and cancelling: the registration window, the seminar's state, the limit per
organization, the waitlist and its promotions, who may act for whom, the mails and the fee
invoices."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from icalendar import Calendar

from harzportal.core import clock
from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.invoices.models import Invoice
from harzportal.seminars import presenter, registrations, service
from harzportal.seminars.models import Registration, RegistrationStatus
from tests.seminars.helpers import (
    ADDRESS,
    DEADLINE,
    ENDS,
    FORM,
    OPENS,
    calendar_attachment,
    confirmed_users,
    create_seminar,
    invoices_of,
    load,
    members,
    outbox,
    registrations_of,
    run,
    seminar_row,
    waitlisted_users,
)

pytestmark = pytest.mark.service

CONFIRMED = RegistrationStatus.CONFIRMED.value
WAITLISTED = RegistrationStatus.WAITLISTED.value
CANCELLED = RegistrationStatus.CANCELLED.value


@pytest.fixture
def organization(factories):
    return factories.organization(name="Harzer Chemiewerke GmbH", **ADDRESS)


@pytest.fixture
def other_organization(factories):
    return factories.organization(name="Oker Recycling GmbH", **ADDRESS)


def register(factories, person, seminar, by=None) -> Registration:
    return run(registrations.register, factories.actor(by or person), seminar.id, person.id)


def cancel(factories, person, registration) -> None:
    run(registrations.cancel_registration, factories.actor(person), registration.id)


def _nothing_stored(seminar_id: int) -> None:
    assert registrations_of(seminar_id) == []
    assert seminar_row(seminar_id).seats_taken == 0
    assert outbox() == []


# The registration window and the seminar's state

@pytest.mark.parametrize(("moment", "key"), [
    (OPENS - timedelta(minutes=1), "registration.not_yet_open"),
    (DEADLINE + timedelta(seconds=1), "registration.closed"),
], ids=["before-opening", "after-deadline"])
def test_registration_outside_the_window_is_refused(factories, staff_actor, organization,
                                                    moment, key):
    seminar = create_seminar(staff_actor)
    person = factories.user(organization)
    with clock.fixed_at(moment), pytest.raises(ValidationFailed) as refused:
        register(factories, person, seminar)
    assert refused.value.message_key == key
    _nothing_stored(seminar.id)


@pytest.mark.parametrize("moment", [OPENS, DEADLINE], ids=["at-opening", "at-deadline"])
def test_registration_at_the_window_edges_is_accepted(factories, staff_actor, organization,
                                                      moment):
    seminar = create_seminar(staff_actor)
    person = factories.user(organization)
    with clock.fixed_at(moment):
        assert register(factories, person, seminar).status == CONFIRMED


def test_a_draft_seminar_takes_no_registrations(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor, publish=False)
    with pytest.raises(Conflict) as refused:
        register(factories, factories.user(organization), seminar)
    assert refused.value.message_key == "seminar.not_open"
    _nothing_stored(seminar.id)


def test_a_cancelled_seminar_takes_no_registrations(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor)
    run(service.cancel_seminar, staff_actor, seminar.id)
    with pytest.raises(Conflict) as refused:
        register(factories, factories.user(organization), seminar)
    assert refused.value.message_key == "seminar.is_cancelled"
    _nothing_stored(seminar.id)


def test_registering_twice_is_refused_but_after_a_cancellation_allowed(factories, staff_actor,
                                                                      organization):
    seminar = create_seminar(staff_actor)
    person = factories.user(organization)
    first = register(factories, person, seminar)
    with pytest.raises(Conflict) as refused:
        register(factories, person, seminar)
    assert refused.value.message_key == "registration.already"
    cancel(factories, person, first)
    again = register(factories, person, seminar)
    assert (again.id != first.id, again.status) == (True, CONFIRMED)
    assert seminar_row(seminar.id).seats_taken == 1


# The limit per organization

def test_the_limit_per_organization_refuses_the_third_of_one_organization(
        factories, staff_actor, organization, other_organization):
    seminar = create_seminar(staff_actor, capacity=10, per_organization_limit=2)
    first, second, third = members(factories, organization, 3)
    assert [register(factories, p, seminar).status for p in (first, second)] == [CONFIRMED] * 2

    with pytest.raises(ValidationFailed) as refused:
        register(factories, third, seminar)
    assert refused.value.message_key == "registration.organization_limit"
    assert refused.value.values == {"limit": 2}
    assert len(registrations_of(seminar.id)) == 2

    outsider = factories.user(other_organization)
    assert register(factories, outsider, seminar).status == CONFIRMED
    assert confirmed_users(seminar.id) == [first.id, second.id, outsider.id]
    assert seminar_row(seminar.id).seats_taken == 3


# The waitlist

def test_a_full_seminar_puts_people_on_the_waitlist_in_order(factories, staff_actor,
                                                             organization):
    seminar = create_seminar(staff_actor, capacity=2)
    people = members(factories, organization, 5)
    made = [register(factories, person, seminar) for person in people]

    assert [r.status for r in made] == [CONFIRMED] * 2 + [WAITLISTED] * 3
    assert all(r.confirmed_at is None for r in made[2:])
    assert seminar_row(seminar.id).seats_taken == 2
    positions = [run(registrations.waitlist_position, r) for r in made[2:]]
    assert positions == [1, 2, 3]
    mails = outbox("seminar_waitlisted")
    assert [m.recipient for m in mails] == [p.email for p in people[2:]]
    for mail, position in zip(mails, positions, strict=True):
        assert f"Position {position} der Warteliste" in mail.body_text
        assert mail.attachments is None


def test_a_participant_cancelling_before_the_deadline_gives_the_seat_to_the_first_waiting(
        factories, staff_actor, organization):
    seminar = create_seminar(staff_actor, capacity=2)
    seated = members(factories, organization, 2)
    waiting = members(factories, organization, 3)
    made = {p.id: register(factories, p, seminar) for p in seated + waiting}

    with clock.fixed_at(DEADLINE):
        cancel(factories, seated[0], made[seated[0].id])

    assert load(Registration, made[seated[0].id].id).status == CANCELLED
    assert confirmed_users(seminar.id) == [seated[1].id, waiting[0].id]
    assert waitlisted_users(seminar.id) == [waiting[1].id, waiting[2].id]
    assert seminar_row(seminar.id).seats_taken == 2
    promoted = load(Registration, made[waiting[0].id].id)
    assert promoted.confirmed_at is not None
    assert run(registrations.waitlist_position, made[waiting[1].id]) == 1
    [mail] = outbox("seminar_promoted")
    assert mail.recipient == waiting[0].email
    [entry] = mail.attachments
    assert (entry["filename"], entry["mime"]) == (
        f"seminar-{seminar.id}.ics", "text/calendar; method=REQUEST; charset=utf-8")
    [event] = Calendar.from_ical(calendar_attachment(mail)).walk("VEVENT")
    assert str(event["SUMMARY"]) == FORM["title"]


def test_cancelling_a_waitlist_place_frees_no_seat(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor, capacity=1)
    seated, first_waiting, second_waiting = members(factories, organization, 3)
    register(factories, seated, seminar)
    waiting = register(factories, first_waiting, seminar)
    later = register(factories, second_waiting, seminar)

    cancel(factories, first_waiting, waiting)

    assert confirmed_users(seminar.id) == [seated.id]
    assert run(registrations.waitlist_position, later) == 1
    assert seminar_row(seminar.id).seats_taken == 1
    assert outbox("seminar_promoted") == []


def test_promotion_skips_someone_whose_organization_is_at_its_limit(
        factories, staff_actor, organization, other_organization):
    """Three seats, two per organization. Harzer has one seat and two people waiting; Oker has
    two seats and then one waiting. The first freed seat goes to the first Harzer person (their
    second seat); for the next one the second Harzer person is skipped (the limit is reached)
    and the Oker person behind them gets it."""
    third = factories.organization(name="Drittfirma AG", **ADDRESS)
    seminar = create_seminar(staff_actor, capacity=3, per_organization_limit=2)
    harzer_seated, harzer_first, harzer_second = members(factories, organization, 3)
    oker_one, oker_two = members(factories, other_organization, 2)
    third_waiting = factories.user(third)
    made = {}
    for person in (harzer_seated, oker_one, oker_two, harzer_first, harzer_second,
                   third_waiting):
        made[person.id] = register(factories, person, seminar)
    assert waitlisted_users(seminar.id) == [harzer_first.id, harzer_second.id, third_waiting.id]

    cancel(factories, oker_one, made[oker_one.id])
    assert confirmed_users(seminar.id) == [harzer_seated.id, oker_two.id, harzer_first.id]

    cancel(factories, oker_two, made[oker_two.id])
    assert confirmed_users(seminar.id) == [harzer_seated.id, harzer_first.id, third_waiting.id]
    assert waitlisted_users(seminar.id) == [harzer_second.id]
    assert seminar_row(seminar.id).seats_taken == 3
    assert [m.recipient for m in outbox("seminar_promoted")] == [harzer_first.email,
                                                                 third_waiting.email]


def test_after_the_deadline_only_staff_can_cancel(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor, capacity=1)
    person, waiting = members(factories, organization, 2)
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    registration = register(factories, person, seminar)
    register(factories, waiting, seminar)

    with clock.fixed_at(DEADLINE + timedelta(minutes=1)):
        for who in (person, manager):
            with pytest.raises(ValidationFailed) as refused:
                cancel(factories, who, registration)
            assert refused.value.message_key == "registration.cancel_closed"
        assert load(Registration, registration.id).status == CONFIRMED
        assert seminar_row(seminar.id).seats_taken == 1

        run(registrations.cancel_registration, staff_actor, registration.id)

    assert load(Registration, registration.id).status == CANCELLED
    assert confirmed_users(seminar.id) == [waiting.id]
    assert seminar_row(seminar.id).seats_taken == 1


def test_a_cancelled_registration_cannot_be_cancelled_again(factories, staff_actor,
                                                           organization):
    seminar = create_seminar(staff_actor)
    person = factories.user(organization)
    registration = register(factories, person, seminar)
    cancel(factories, person, registration)
    with pytest.raises(Conflict) as refused:
        cancel(factories, person, registration)
    assert refused.value.message_key == "registration.not_active"
    assert seminar_row(seminar.id).seats_taken == 0


# Acting for others

def test_an_org_manager_registers_and_cancels_a_colleague(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor)
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    colleague = factories.user(organization)

    registration = register(factories, colleague, seminar, by=manager)

    assert (registration.user_id, registration.registered_by_user_id,
            registration.organization_id) == (colleague.id, manager.id, organization.id)
    assert [m.recipient for m in outbox("seminar_confirmed")] == [colleague.email]
    cancel(factories, manager, registration)
    assert load(Registration, registration.id).status == CANCELLED


def test_a_contact_cannot_register_a_colleague(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor)
    contact, colleague = members(factories, organization, 2)
    with pytest.raises(PermissionDenied):
        register(factories, colleague, seminar, by=contact)
    _nothing_stored(seminar.id)


def test_an_org_manager_cannot_register_someone_of_another_organization(
        factories, staff_actor, organization, other_organization):
    seminar = create_seminar(staff_actor)
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    stranger = factories.user(other_organization)
    with pytest.raises(NotFound):  # another organization's objects are answered as missing
        register(factories, stranger, seminar, by=manager)
    _nothing_stored(seminar.id)


def test_an_org_manager_cannot_cancel_someone_of_another_organization(
        factories, staff_actor, organization, other_organization):
    seminar = create_seminar(staff_actor, capacity=1)
    manager = factories.user(organization, role=Role.ORG_MANAGER)
    stranger, waiting = members(factories, other_organization, 2)
    registration = register(factories, stranger, seminar)
    register(factories, waiting, seminar)
    mails = len(outbox())

    with pytest.raises(NotFound):  # another organization's objects are answered as missing
        cancel(factories, manager, registration)

    assert load(Registration, registration.id).status == CONFIRMED
    assert (confirmed_users(seminar.id), waitlisted_users(seminar.id)) == ([stranger.id],
                                                                           [waiting.id])
    assert seminar_row(seminar.id).seats_taken == 1
    assert len(outbox()) == mails


def test_a_contact_cannot_cancel_another_persons_registration(factories, staff_actor,
                                                             organization):
    seminar = create_seminar(staff_actor)
    contact, colleague = members(factories, organization, 2)
    registration = register(factories, colleague, seminar)
    with pytest.raises(PermissionDenied):
        cancel(factories, contact, registration)
    assert load(Registration, registration.id).status == CONFIRMED
    assert seminar_row(seminar.id).seats_taken == 1


# Staff changing and cancelling the seminar

def _save(staff_actor, seminar, **changes):
    form = vars(presenter.form_values(run(service.get_seminar_form, staff_actor, seminar.id)))
    return run(service.save_seminar, staff_actor, seminar.id, form | changes)


def test_a_larger_capacity_promotes_the_waitlist(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor, capacity=2)
    people = members(factories, organization, 5)
    for person in people:
        register(factories, person, seminar)

    _save(staff_actor, seminar, capacity="4")

    assert confirmed_users(seminar.id) == [p.id for p in people[:4]]
    assert waitlisted_users(seminar.id) == [people[4].id]
    assert (seminar_row(seminar.id).seats_taken, seminar_row(seminar.id).capacity) == (4, 4)
    assert [m.recipient for m in outbox("seminar_promoted")] == [people[2].email,
                                                                 people[3].email]


def test_the_capacity_cannot_go_below_the_seats_taken(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor, capacity=5)
    for person in members(factories, organization, 3):
        register(factories, person, seminar)

    with pytest.raises(ValidationFailed) as refused:
        _save(staff_actor, seminar, capacity="2")
    assert (refused.value.message_key, refused.value.field) == ("seminar.capacity_below_taken",
                                                                "capacity")
    assert refused.value.values == {"taken": 3}
    assert seminar_row(seminar.id).capacity == 5

    _save(staff_actor, seminar, capacity="3")
    assert (seminar_row(seminar.id).capacity, seminar_row(seminar.id).seats_taken) == (3, 3)


def test_cancelling_a_seminar_mails_everyone_registered_or_waiting_once(
        factories, staff_actor, organization, other_organization):
    seminar = create_seminar(staff_actor, capacity=2)
    seated = [factories.user(organization), factories.user(other_organization)]
    waiting = members(factories, organization, 2)
    gone = factories.user(organization)
    returned = factories.user(other_organization)
    for person in seated:
        register(factories, person, seminar)
    cancel(factories, gone, register(factories, gone, seminar))
    cancel(factories, returned, register(factories, returned, seminar))
    for person in waiting + [returned]:
        register(factories, person, seminar)

    notified = run(service.cancel_seminar, staff_actor, seminar.id)

    expected = sorted(p.email for p in seated + waiting + [returned])
    assert notified == len(expected)
    assert sorted(m.recipient for m in outbox("seminar_cancelled")) == expected
    assert seminar_row(seminar.id).status == "cancelled"
    with pytest.raises(Conflict):
        run(service.cancel_seminar, staff_actor, seminar.id)
    assert len(outbox("seminar_cancelled")) == len(expected)


def test_the_confirmation_mail_carries_the_calendar_entry(factories, staff_actor,
                                                          organization):
    seminar = create_seminar(staff_actor, venue="", online_link="https://meet.example/gefahr")
    person = factories.user(organization)
    register(factories, person, seminar)

    [mail] = outbox("seminar_confirmed")
    assert mail.recipient == person.email
    [entry] = mail.attachments
    assert (entry["filename"], entry["mime"]) == (
        f"seminar-{seminar.id}.ics", "text/calendar; method=REQUEST; charset=utf-8")
    [event] = Calendar.from_ical(calendar_attachment(mail)).walk("VEVENT")
    assert str(event["SUMMARY"]) == FORM["title"]
    assert str(event["URL"]) == "https://meet.example/gefahr"  # the confirmed person's own link


# Fees

def _gross(fee_cents: int) -> int:
    """The fee plus 19 % VAT, rounded half up to the cent."""
    vat = (Decimal(fee_cents) * Decimal("0.19")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return fee_cents + int(vat)


def test_a_fee_invoices_the_participants_organization_for_a_confirmed_seat(
        factories, staff_actor, organization, other_organization):
    seminar = create_seminar(staff_actor, capacity=1, fee="149,99")
    assert seminar.fee_cents == 14999
    manager = factories.user(organization, role=Role.ORG_MANAGER)  # gets the invoice mail
    person = factories.user(organization)
    waiting = factories.user(other_organization)

    registration = register(factories, person, seminar)
    waitlisted = register(factories, waiting, seminar)

    [invoice] = invoices_of(organization.id)
    assert registration.invoice_id == invoice.id
    assert (invoice.net_cents, invoice.gross_cents) == (14999, _gross(14999))
    assert invoice.vat_cents == _gross(14999) - 14999
    assert waitlisted.invoice_id is None
    assert invoices_of(other_organization.id) == []
    assert [m.recipient for m in outbox("invoice")] == [manager.email]


def test_a_fee_invoices_the_organization_when_promoted_from_the_waitlist(
        factories, staff_actor, organization, other_organization):
    seminar = create_seminar(staff_actor, capacity=1, fee="180")
    person = factories.user(organization)
    waiting = factories.user(other_organization)
    registration = register(factories, person, seminar)
    waitlisted = register(factories, waiting, seminar)
    assert invoices_of(other_organization.id) == []

    cancel(factories, person, registration)

    [invoice] = invoices_of(other_organization.id)
    promoted = load(Registration, waitlisted.id)
    assert (promoted.status, promoted.invoice_id) == (CONFIRMED, invoice.id)
    assert (invoice.net_cents, invoice.gross_cents) == (18000, _gross(18000))
    assert load(Invoice, invoice.id).organization_id == other_organization.id


def test_a_free_seminar_issues_no_invoice(factories, staff_actor, organization):
    seminar = create_seminar(staff_actor)
    registration = register(factories, factories.user(organization), seminar)
    assert registration.invoice_id is None
    assert invoices_of(organization.id) == []




def test_no_one_is_promoted_into_a_seminar_that_has_ended(factories, staff_actor, organization,
                                                         other_organization):
    seminar = create_seminar(staff_actor, capacity=1, fee="100")
    person = factories.user(organization)
    waiting = factories.user(other_organization)
    registration = register(factories, person, seminar)
    waitlisted = register(factories, waiting, seminar)

    with clock.fixed_at(ENDS + timedelta(days=1)):
        run(registrations.cancel_registration, staff_actor, registration.id)

    assert load(Registration, registration.id).status == CANCELLED
    assert load(Registration, waitlisted.id).status == WAITLISTED
    assert outbox("seminar_promoted") == []
    assert invoices_of(other_organization.id) == []
