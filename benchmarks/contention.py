"""500 registrations arriving at once for a seminar with 30 seats, through the registration
service with one thread (and one database connection) per person, on the benchmark database."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, create_engine, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.locking import UNIT_OF_WORK
from harzportal.core.roles import Role
from harzportal.seminars import registrations
from harzportal.seminars.models import Registration, Seminar


def run_contention(db_url: str, people: int = 500, seats: int = 30, threads: int = 40) -> dict:
    engine = create_engine(db_url, pool_size=threads, max_overflow=0)  # a connection per thread

    with Session(engine) as session:
        starts = clock.now() + timedelta(days=30)
        seminar = Seminar(title="Ansturm-Test: Gefahrstoffmanagement", topic="hse",
                          starts_at=starts, ends_at=starts + timedelta(hours=4), capacity=seats,
                          registration_opens_at=clock.now() - timedelta(days=1),
                          registration_deadline=starts - timedelta(days=2),
                          status="published", search_text="ansturm-test")
        session.add(seminar)
        session.commit()
        seminar_id = seminar.id
        users = session.exec(select(User.id, User.organization_id).where(
            User.organization_id.is_not(None)).order_by(User.id).limit(people)).all()
    errors: list[str] = []

    def register(user) -> None:
        actor = Actor(user_id=user[0], organization_id=user[1], role=Role.CONTACT)
        try:
            with Session(engine, expire_on_commit=False) as session:
                session.info[UNIT_OF_WORK] = True  # a transaction of its own, as unit_of_work
                registrations.register(session, actor, seminar_id, user[0])
                session.commit()
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(type(error).__name__)

    # All requests are queued at the same moment; `threads` of them run at a time.
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(register, users))
    settled = time.perf_counter() - began
    with Session(engine) as session:
        confirmed = session.exec(select(func.count()).select_from(Registration).where(
            Registration.seminar_id == seminar_id, Registration.status == "confirmed")).one()
        waitlisted = session.exec(select(func.count()).select_from(Registration).where(
            Registration.seminar_id == seminar_id, Registration.status == "waitlisted")).one()
        taken = session.get(Seminar, seminar_id).seats_taken
    engine.dispose()
    return {"requests": len(users), "seats": seats, "threads": threads,
            "settle_s": settled,
            "confirmed": confirmed, "waitlisted": waitlisted, "seats_taken": taken,
            "errors": len(errors), "error_kinds": sorted(set(errors))}
