"""Calendar files (RFC 5545, icalendar library): one per seminar, the entries mailed to a
participant (RFC 5546 iTIP), and a personal feed.

Times are written in UTC (the icalendar library marks them with Z), so every calendar app shows
the right local time. The online link is in an entry only for a confirmed participant. The feed
is reached by a secret URL whose token is stored only as its SHA-256; a new link revokes the old.

Every entry of a seminar has the same UID. Its SEQUENCE and DTSTAMP are the seminar's
`calendar_sequence` and `calendar_changed_at`: `mark_changed` raises the one and sets the other
at every change a calendar must apply (time or place, the seminar's cancellation, a person's own
cancellation), so a later message always outranks an earlier one. The mails carry
`METHOD:REQUEST` (confirmation, promotion, update) or `METHOD:CANCEL` (cancelled seminar, own
cancellation) with the network as ORGANIZER and the person as ATTENDEE; downloads and the feed
carry no METHOD.
"""

from __future__ import annotations

from datetime import timedelta
from email.utils import parseaddr
from enum import StrEnum

from icalendar import Calendar, Event, vCalAddress
from sqlalchemy import update
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.accounts.tokens import new_token, token_hash
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.seminars.models import (
    CalendarFeed,
    Registration,
    RegistrationStatus,
    Seminar,
    SeminarStatus,
)
from harzportal.settings import get as get_settings

FEED_PREFIX = "/calendar/"
FEED_PAST_DAYS = 180
# What a calendar must apply: staff changing one of these mails everyone confirmed an update.
CALENDAR_FIELDS = ("starts_at", "ends_at", "venue", "online_link")


class Method(StrEnum):
    """The iTIP method of a mailed entry (RFC 5546)."""

    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


def mark_changed(seminar: Seminar) -> None:
    """Every calendar entry of the seminar changes: SEQUENCE + 1, DTSTAMP now. The caller holds
    the seminar's lock (registrations.lock_seminar), so no two changes get the same SEQUENCE."""
    seminar.calendar_sequence += 1
    seminar.calendar_changed_at = clock.now()


def _calendar(name: str, method: Method | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//HarzPortal//Seminare//DE")
    calendar.add("version", "2.0")
    if method is not None:
        calendar.add("method", method.value)
    calendar.add("x-wr-calname", name)
    return calendar


def _event(seminar: Seminar, with_link: bool, *, cancelled: bool = False) -> Event:
    settings = get_settings()
    event = Event()
    event.add("uid", f"seminar-{seminar.id}@{settings.network_short_name.lower()}")
    event.add("sequence", seminar.calendar_sequence)
    event.add("dtstamp", clock.as_utc(seminar.calendar_changed_at))
    event.add("dtstart", clock.as_utc(seminar.starts_at))
    event.add("dtend", clock.as_utc(seminar.ends_at))
    event.add("summary", seminar.title)
    location = seminar.venue or ("Online" if seminar.online_link else "")
    if location:
        event.add("location", location)
    details = [seminar.description]
    if with_link and seminar.online_link:
        details.append(f"Online: {seminar.online_link}")
        event.add("url", seminar.online_link)
    details.append(f"{settings.public_origin}/seminars/{seminar.id}")
    event.add("description", "\n\n".join(part for part in details if part))
    cancelled = cancelled or seminar.status == SeminarStatus.CANCELLED.value
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def seminar_ics(seminar: Seminar, with_link: bool) -> bytes:
    calendar = _calendar(seminar.title)
    calendar.add_component(_event(seminar, with_link))
    return calendar.to_ical()


def _address(mailbox: str, name: str, **parameters: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{mailbox}")
    address.params["cn"] = name
    for key, value in parameters.items():
        address.params[key] = value
    return address


def mailed_ics(seminar: Seminar, participant: User, method: Method) -> bytes:
    """The entry mailed to one confirmed participant: a REQUEST to add or update it, a CANCEL
    (the seminar's, or the person's own) to remove it."""
    settings = get_settings()
    calendar = _calendar(seminar.title, method)
    event = _event(seminar, with_link=method == Method.REQUEST,
                   cancelled=method == Method.CANCEL)
    event.add("organizer", _address(parseaddr(settings.mail_from)[1], settings.network_name))
    event.add("attendee", _address(participant.email, participant.full_name,
                                   role="REQ-PARTICIPANT", partstat="ACCEPTED"))
    calendar.add_component(event)
    return calendar.to_ical()


def create_feed(session: Session, actor: Actor) -> str:
    """A new secret feed token for the actor (their previous feed stops working)."""
    now = clock.now()
    session.exec(update(CalendarFeed).where(CalendarFeed.user_id == actor.user_id,
                                            CalendarFeed.revoked_at.is_(None))
                 .values(revoked_at=now))
    token = new_token()
    session.add(CalendarFeed(user_id=actor.user_id, token_hash=token_hash(token), created_at=now))
    audit.record(session, action="calendar_feed.created", object_type="calendar_feed",
                 actor_user_id=actor.user_id, organization_id=actor.organization_id,
                 client_ip=actor.client_ip)
    return token


def revoke_feed(session: Session, actor: Actor) -> None:
    session.exec(update(CalendarFeed).where(CalendarFeed.user_id == actor.user_id,
                                            CalendarFeed.revoked_at.is_(None))
                 .values(revoked_at=clock.now()))
    audit.record(session, action="calendar_feed.revoked", object_type="calendar_feed",
                 actor_user_id=actor.user_id, organization_id=actor.organization_id,
                 client_ip=actor.client_ip)


def has_feed(session: Session, actor: Actor) -> bool:
    return session.exec(select(CalendarFeed.id).where(
        CalendarFeed.user_id == actor.user_id, CalendarFeed.revoked_at.is_(None))).first() \
        is not None


def feed_ics(session: Session, token: object) -> bytes | None:
    """The feed of the person the token belongs to, or None for any unknown or revoked token."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    feed = session.exec(select(CalendarFeed).where(
        CalendarFeed.token_hash == token_hash(token), CalendarFeed.revoked_at.is_(None))).first()
    if feed is None:
        return None
    owner = session.get(User, feed.user_id)
    if owner is None or not owner.is_active:
        return None
    since = clock.now() - timedelta(days=FEED_PAST_DAYS)
    seminars = session.exec(
        select(Seminar).join(Registration, Registration.seminar_id == Seminar.id)
        .where(Registration.user_id == feed.user_id,
               Registration.status == RegistrationStatus.CONFIRMED.value,
               Seminar.ends_at >= since).order_by(Seminar.starts_at)).all()
    calendar = _calendar(f"{get_settings().network_name}: Seminare")
    for seminar in seminars:
        calendar.add_component(_event(seminar, with_link=True))
    return calendar.to_ical()
