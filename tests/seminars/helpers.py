"""Small helpers shared by the seminar tests."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.core.roles import Role
from harzportal.invoices.models import Invoice
from harzportal.mail.models import OutboxEmail
from harzportal.seminars import service
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar
from tests.service_calls import load as load  # re-exported for this domain's tests
from tests.service_calls import run as run

# 1 February 2027, 09:00 UTC = 10:00 in Germany (winter time).
NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
ADDRESS = {"street": "Industriestraße 5", "postal_code": "38640", "city": "Goslar"}

# Local (Europe/Berlin) times as staff type them into the form.
FORM = {
    "title": "Gefahrstoffmanagement kompakt",
    "topic": "hse",
    "description": "Praxisnah.",
    "speakers": "Dr. Miriam Braun",
    "venue": "Am Rammelsberg 12, 38640 Goslar",
    "online_link": "",
    "starts_at": "2027-03-10T09:30",
    "ends_at": "2027-03-10T16:00",
    "registration_opens_at": "2027-01-15T08:00",
    "registration_deadline": "2027-03-03T18:00",
    "capacity": "20",
    "per_organization_limit": "",
    "fee": "",
}
# The default seminar's moments in UTC (CET = UTC+1 in January/March before the 28th).
OPENS = datetime(2027, 1, 15, 7, 0, tzinfo=UTC)
DEADLINE = datetime(2027, 3, 3, 17, 0, tzinfo=UTC)
STARTS = datetime(2027, 3, 10, 8, 30, tzinfo=UTC)
ENDS = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)


def create_seminar(staff_actor, *, publish: bool = True, **fields) -> Seminar:
    """A seminar saved through the staff form (local times), published unless told otherwise."""
    form = FORM | {name: str(value) for name, value in fields.items()}
    seminar = run(service.save_seminar, staff_actor, None, form)
    if publish:
        run(service.publish_seminar, staff_actor, seminar.id)
    return load(Seminar, seminar.id)


def insert_seminar(**fields) -> Seminar:
    """A published seminar row written directly (for moments relative to NOW)."""
    values = {"title": "Direkt angelegtes Seminar", "topic": "hse", "venue": "Goslar",
              "capacity": 20, "status": "published", "starts_at": STARTS, "ends_at": ENDS,
              "registration_opens_at": OPENS, "registration_deadline": DEADLINE} | fields
    with db.unit_of_work() as session:
        seminar = Seminar(**values)
        session.add(seminar)
    return seminar


def seminar_row(seminar_id: int) -> Seminar:
    return load(Seminar, seminar_id)


def registrations_of(seminar_id: int, *statuses: str) -> list[Registration]:
    """The seminar's registrations in id (arrival) order, optionally of some statuses only."""
    with db.unit_of_work() as session:
        query = select(Registration).where(Registration.seminar_id == seminar_id)
        if statuses:
            query = query.where(Registration.status.in_(statuses))
        return list(session.exec(query.order_by(Registration.id)))


def confirmed_users(seminar_id: int) -> list[int]:
    return [r.user_id for r in registrations_of(seminar_id, RegistrationStatus.CONFIRMED.value)]


def waitlisted_users(seminar_id: int) -> list[int]:
    return [r.user_id for r in registrations_of(seminar_id, RegistrationStatus.WAITLISTED.value)]


def active_of(seminar_id: int, user_id: int) -> list[Registration]:
    return [r for r in registrations_of(seminar_id, RegistrationStatus.CONFIRMED.value,
                                        RegistrationStatus.WAITLISTED.value)
            if r.user_id == user_id]


def outbox(kind: str | None = None) -> list[OutboxEmail]:
    with db.unit_of_work() as session:
        query = select(OutboxEmail)
        if kind:
            query = query.where(OutboxEmail.kind == kind)
        return list(session.exec(query.order_by(OutboxEmail.id)))


def invoices_of(organization_id: int) -> list[Invoice]:
    with db.unit_of_work() as session:
        return list(session.exec(select(Invoice).where(Invoice.organization_id == organization_id)
                                 .order_by(Invoice.id)))


def calendar_attachment(email: OutboxEmail) -> bytes:
    """The content of the mail's one text/calendar attachment."""
    [entry] = [a for a in email.attachments or []
               if a.get("mime", "").split(";")[0] == "text/calendar"]
    return base64.b64decode(entry["content_b64"])


def members(factories, organization, count: int, role: Role = Role.CONTACT) -> list[User]:
    return [factories.user(organization, role=role) for _ in range(count)]
