"""Attendance certificates: the number each one keeps, and the public check of a certificate.

A certificate gets its number (`TN-2027-0042`) at its first download and keeps it: the
registration's row is locked (core.locking), an existing number is returned, otherwise the next
of the year of the seminar's last day is taken from a counter row (invoices.numbering, locked
until commit), so numbers are unique and gapless per year even when issued at the same moment.

The verification URL printed on the certificate carries the number and a random check code
(8 symbols, 40 bits): the numbers are sequential, so the number alone would let anyone list
every participant. The public page answers only for a certificate whose number and code match
and whose registration still counts as attended, and shows name, seminar and date; everything
else gets one and the same answer. An address with too many failed checks in a window is
refused for a while (the failures are counted from the audit trail, as reset requests are).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.locking import lock_row
from harzportal.invoices.numbering import next_serial
from harzportal.seminars.models import Certificate, Registration, Seminar
from harzportal.seminars.schedule import local
from harzportal.settings import get as get_settings

NUMBER_PREFIX = "TN"
COUNTER_PREFIX = "TN:certificate"  # the ':' keeps it apart from every invoice prefix
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols, no 0/O or 1/I
CODE_LENGTH = 8
VERIFY_PREFIX = "/certificates/verify/"
_KEY = re.compile(rf"({NUMBER_PREFIX}-\d{{4}}-\d{{4,6}})-([{CODE_ALPHABET}]{{{CODE_LENGTH}}})")

CHECK_FAILED = "certificate.check_failed"
CHECK_WINDOW = timedelta(minutes=15)
MAX_FAILED_CHECKS = 20


@dataclass(frozen=True)
class Verified:
    """All the public check shows of a genuine certificate."""

    number: str
    name: str
    seminar_title: str
    first_day: date
    last_day: date


def last_day(seminar: Seminar) -> date:
    """The certificate's date: the seminar's last day, German time."""
    return local(seminar.ends_at).date()


def first_day(seminar: Seminar) -> date:
    return local(seminar.starts_at).date()


def duration_minutes(seminar: Seminar) -> int:
    """The seminar's length: start to end on one day; over several days, the daily hours (the
    first day's start to the last day's end time) times the days."""
    start, end = local(seminar.starts_at), local(seminar.ends_at)
    days = (end.date() - start.date()).days + 1
    if days == 1:
        return int((end - start).total_seconds() // 60)
    daily = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return daily * days if daily > 0 else int((end - start).total_seconds() // 60)


def verification_url(certificate: Certificate) -> str:
    return (f"{get_settings().public_origin}{VERIFY_PREFIX}"
            f"{certificate.number}-{certificate.check_code}")


def issue(session: Session, actor: Actor, registration: Registration,
          seminar: Seminar) -> Certificate:
    """The registration's certificate, numbered the first time it is asked for."""
    lock_row(session, Registration, registration.id)
    existing = session.exec(select(Certificate).where(
        Certificate.registration_id == registration.id)).first()
    if existing is not None:
        return existing
    year = last_day(seminar).year
    serial = next_serial(session, COUNTER_PREFIX, year)
    certificate = Certificate(
        registration_id=registration.id, year=year, serial=serial,
        number=f"{NUMBER_PREFIX}-{year}-{serial:04d}",
        check_code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
        issued_at=clock.now())
    session.add(certificate)
    session.flush()
    audit.record(session, action="certificate.issued", object_type="registration",
                 object_id=registration.id, actor_user_id=actor.user_id,
                 organization_id=registration.organization_id,
                 after={"number": certificate.number}, client_ip=actor.client_ip)
    return certificate


def is_throttled(session: Session, client_ip: str) -> bool:
    if not client_ip:
        return False
    failures = session.exec(select(func.count()).where(
        AuditEvent.action == CHECK_FAILED, AuditEvent.client_ip == client_ip[:64],
        AuditEvent.occurred_at > clock.now() - CHECK_WINDOW)).one()
    return failures >= MAX_FAILED_CHECKS


def _genuine(session: Session, key: object) -> Verified | None:
    match = _KEY.fullmatch(key) if isinstance(key, str) and len(key) <= 40 else None
    if match is None:
        return None
    number, code = match.groups()
    found = session.exec(
        select(Certificate, Registration, Seminar, User)
        .join(Registration, Registration.id == Certificate.registration_id)
        .join(Seminar, Seminar.id == Registration.seminar_id)
        .join(User, User.id == Registration.user_id)
        .where(Certificate.number == number)).first()
    if found is None:
        return None
    certificate, registration, seminar, user = found
    if not secrets.compare_digest(certificate.check_code, code) or not registration.attended:
        return None
    return Verified(certificate.number, user.full_name, seminar.title, first_day(seminar),
                    last_day(seminar))


def check(session: Session, key: object, client_ip: str) -> Verified | None:
    """The certificate the key (`TN-2027-0042-K7Q3M2XP`) names, or None for anything else: made
    up, malformed, a wrong code, attendance withdrawn. A failure is recorded for throttling."""
    verified = _genuine(session, key)
    if verified is None:
        audit.record(session, action=CHECK_FAILED, object_type="certificate",
                     actor_label="public check", client_ip=client_ip)
    return verified
