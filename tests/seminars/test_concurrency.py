"""Seats under concurrent load: many people at the same moment, the same person twice, and a
cancellation racing a registration. Each thread works in its own unit of work, as the portal's
handlers do, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.core.errors import Conflict, ValidationFailed
from harzportal.seminars import participation, registrations, service
from harzportal.seminars.models import Registration, RegistrationStatus
from tests.seminars.helpers import (
    NOW,
    active_of,
    confirmed_users,
    create_seminar,
    insert_seminar,
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


def _at_once(jobs, timeout: float = 60) -> list:
    """Run every job in its own thread, all released at the same moment; returns each job's
    result or the exception it raised, in the jobs' order."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = job()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            outcomes[index] = error

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


class CommitOrder:
    """Records the order in which transactions commit. A job notes itself at the end of its
    unit of work: it still holds the seminar's lock there (core.locking.lock_row, held until
    commit), so no other registration for the seminar can commit in between."""

    def __init__(self):
        self._lock = threading.Lock()
        self.user_ids: list[int] = []

    def note(self, user_id: int) -> None:
        with self._lock:
            self.user_ids.append(user_id)


def _register_job(actor, seminar_id, user_id, order: CommitOrder | None = None):
    def job():
        with db.unit_of_work() as session:
            registration = registrations.register(session, actor, seminar_id, user_id)
            status = registration.status
            if order is not None:
                order.note(user_id)
        return status
    return job


def _cancel_job(actor, registration_id):
    def job():
        with db.unit_of_work() as session:
            registrations.cancel_registration(session, actor, registration_id)
        return "cancelled"
    return job


def _assert_seats_consistent(seminar_id: int) -> None:
    seminar = seminar_row(seminar_id)
    confirmed = confirmed_users(seminar_id)
    assert seminar.seats_taken == len(confirmed) <= seminar.capacity
    active = [r.user_id for r in registrations_of(seminar_id, CONFIRMED, WAITLISTED)]
    assert len(active) == len(set(active)), "someone holds two active registrations"


def test_fifty_people_at_once_get_ten_seats_and_a_waitlist_in_commit_order(factories,
                                                                           staff_actor):
    seminar = create_seminar(staff_actor, capacity=10)
    organizations = [factories.organization() for _ in range(5)]
    people = [factories.user(organizations[i % 5]) for i in range(50)]
    order = CommitOrder()

    outcomes = _at_once([_register_job(factories.actor(person), seminar.id, person.id, order)
                         for person in people])

    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert outcomes.count(CONFIRMED) == 10 and outcomes.count(WAITLISTED) == 40
    assert seminar_row(seminar.id).seats_taken == 10
    _assert_seats_consistent(seminar.id)
    assert sorted(order.user_ids) == sorted(p.id for p in people)
    # Arrival order (registration ids) is the commit order: the first ten to commit have the
    # seats, the other forty queue in the order they committed.
    in_id_order = [r.user_id for r in registrations_of(seminar.id)]
    assert in_id_order == order.user_ids
    assert confirmed_users(seminar.id) == order.user_ids[:10]
    assert waitlisted_users(seminar.id) == order.user_ids[10:]
    with db.unit_of_work() as session:
        queue = session.exec(select(Registration).where(
            Registration.seminar_id == seminar.id, Registration.status == WAITLISTED)
            .order_by(Registration.id)).all()
        positions = [registrations.waitlist_position(session, r) for r in queue]
    assert positions == list(range(1, 41))


@pytest.mark.parametrize("seats_left", [1, 0], ids=["seat-free", "full"])
def test_the_same_person_clicking_twice_at_once_gets_one_registration(factories, staff_actor,
                                                                      seats_left):
    organization = factories.organization()
    for _round in range(3):
        seminar = create_seminar(staff_actor, capacity=2)
        for person in members(factories, organization, 2 - seats_left):
            run(registrations.register, factories.actor(person), seminar.id, person.id)
        person = factories.user(organization)
        actor = factories.actor(person)

        outcomes = _at_once([_register_job(actor, seminar.id, person.id) for _ in range(2)])

        conflicts = [o for o in outcomes if isinstance(o, Conflict)]
        assert len(conflicts) == 1, outcomes
        assert conflicts[0].message_key == "registration.already"
        [registration] = active_of(seminar.id, person.id)
        assert [o for o in outcomes if not isinstance(o, Conflict)] == [registration.status]
        assert registration.status == (CONFIRMED if seats_left else WAITLISTED)
        _assert_seats_consistent(seminar.id)


def test_cancellations_racing_registrations_never_lose_or_double_a_seat(factories,
                                                                        staff_actor):
    """A full seminar (5 seats) with four waiting. At the same moment three participants cancel
    and three newcomers register. Whatever the interleaving: each freed seat goes at once to the
    head of the waitlist (the four who waited are ahead of every newcomer), so the first three
    who waited are promoted, the newcomers queue behind the fourth, and the seats stay full."""
    organization = factories.organization()
    for _round in range(4):
        seminar = create_seminar(staff_actor, capacity=5)
        seated = members(factories, organization, 5)
        waiting = members(factories, organization, 4)
        newcomers = members(factories, organization, 3)
        for person in seated + waiting:
            run(registrations.register, factories.actor(person), seminar.id, person.id)
        assert confirmed_users(seminar.id) == [p.id for p in seated]
        leaving = {r.user_id: r.id for r in registrations_of(seminar.id)}
        order = CommitOrder()

        jobs = [_cancel_job(factories.actor(person), leaving[person.id])
                for person in seated[:3]]
        jobs += [_register_job(factories.actor(person), seminar.id, person.id, order)
                 for person in newcomers]
        outcomes = _at_once(jobs)

        assert outcomes == ["cancelled"] * 3 + [WAITLISTED] * 3
        assert seminar_row(seminar.id).seats_taken == 5
        _assert_seats_consistent(seminar.id)
        assert sorted(confirmed_users(seminar.id)) == sorted(
            [p.id for p in seated[3:]] + [p.id for p in waiting[:3]])
        assert waitlisted_users(seminar.id) == [waiting[3].id] + order.user_ids
        assert sorted(order.user_ids) == sorted(p.id for p in newcomers)


def test_the_limit_per_organization_holds_when_colleagues_register_at_once(factories,
                                                                          staff_actor):
    seminar = create_seminar(staff_actor, capacity=20, per_organization_limit=2)
    organization, other = factories.organization(), factories.organization()
    colleagues = members(factories, organization, 8)
    outsiders = members(factories, other, 2)

    outcomes = _at_once([_register_job(factories.actor(p), seminar.id, p.id)
                         for p in colleagues + outsiders])

    refused = [o for o in outcomes if isinstance(o, ValidationFailed)]
    assert len(refused) == 6, outcomes
    assert {error.message_key for error in refused} == {"registration.organization_limit"}
    assert outcomes.count(CONFIRMED) == 4
    assert outcomes[8:] == [CONFIRMED, CONFIRMED]
    assert len([u for u in confirmed_users(seminar.id) if u in {p.id for p in colleagues}]) == 2
    _assert_seats_consistent(seminar.id)


def test_cancelling_the_seminar_while_people_register_tells_everyone_who_got_in(factories,
                                                                                staff_actor):
    """Whoever registered before the cancellation committed is told of it; everyone after is
    refused. Nobody ends up registered for a cancelled seminar without the mail."""
    seminar = create_seminar(staff_actor, capacity=4)
    people = members(factories, factories.organization(), 10)

    def cancel_it():
        with db.unit_of_work() as session:
            return service.cancel_seminar(session, staff_actor, seminar.id)

    outcomes = _at_once([cancel_it] + [_register_job(factories.actor(p), seminar.id, p.id)
                                       for p in people])

    notified = outcomes[0]
    registered = [p for p, o in zip(people, outcomes[1:], strict=True) if isinstance(o, str)]
    refused = [o for o in outcomes[1:] if not isinstance(o, str)]
    assert all(isinstance(o, Conflict) and o.message_key == "seminar.is_cancelled"
               for o in refused), refused
    assert notified == len(registered)
    assert sorted(m.recipient for m in outbox("seminar_cancelled")) == sorted(
        p.email for p in registered)
    assert seminar_row(seminar.id).status == "cancelled"
    _assert_seats_consistent(seminar.id)


def test_two_reminder_runs_at_once_remind_each_participant_once(factories):
    soon = NOW + timedelta(days=1)
    seminar = insert_seminar(starts_at=soon, ends_at=soon + timedelta(hours=2))
    people = members(factories, factories.organization(), 12)
    with db.unit_of_work() as session:
        for person in people:
            session.add(Registration(seminar_id=seminar.id, user_id=person.id,
                                     organization_id=person.organization_id,
                                     status=CONFIRMED, registered_by_user_id=person.id))

    def remind():
        with db.unit_of_work() as session:
            return participation.send_due_reminders(session)

    outcomes = _at_once([remind for _ in range(4)])

    assert sum(outcomes) == len(people), outcomes
    assert sorted(m.recipient for m in outbox("seminar_reminder")) == sorted(
        p.email for p in people)
