"""The seminar mails, all through the outbox in the caller's transaction. Those to a confirmed
participant carry the calendar entry (calendars.mailed_ics): a REQUEST to add or update it, a
CANCEL to remove it."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.core.i18n import N_, translate
from harzportal.mail import service as mail
from harzportal.seminars.calendars import Method, mailed_ics
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar
from harzportal.seminars.schedule import when
from harzportal.settings import get as get_settings


def _send(session: Session, seminar: Seminar, registration: Registration, kind: str,
          subject_key: str, body_key: str, *, calendar: Method | None = None, **values) -> None:
    user = session.get(User, registration.user_id)
    if user is None or not user.is_active:
        return
    lang = user.preferred_language
    # RFC 6047: the part names the file's METHOD too, so mail programs offer to apply it.
    attachments = [mail.inline_attachment(
        f"seminar-{seminar.id}.ics", f"text/calendar; method={calendar.value}; charset=utf-8",
        mailed_ics(seminar, user, calendar))] if calendar is not None else None
    page = f"{get_settings().public_origin}/seminars/{seminar.id}"
    mail.enqueue(
        session, recipient=user.email, kind=kind,
        subject=translate(subject_key, lang, title=seminar.title),
        body=translate(body_key, lang, name=user.full_name, title=seminar.title,
                       when=when(seminar, lang), place=seminar.venue or seminar.online_link,
                       link=page, **values),
        attachments=attachments)


def confirmed(session: Session, seminar: Seminar, registration: Registration) -> None:
    _send(session, seminar, registration, "seminar_confirmed", N_("mail.seminar_confirmed.subject"),
          N_("mail.seminar_confirmed.body"), calendar=Method.REQUEST)


def waitlisted(session: Session, seminar: Seminar, registration: Registration,
               position: int) -> None:
    _send(session, seminar, registration, "seminar_waitlisted",
          N_("mail.seminar_waitlisted.subject"), N_("mail.seminar_waitlisted.body"),
          position=position)


def promoted(session: Session, seminar: Seminar, registration: Registration) -> None:
    _send(session, seminar, registration, "seminar_promoted", N_("mail.seminar_promoted.subject"),
          N_("mail.seminar_promoted.body"), calendar=Method.REQUEST)


def _has_entry(registration: Registration) -> bool:
    """Only a confirmed seat's mails carried a calendar entry."""
    return registration.status == RegistrationStatus.CONFIRMED.value


def seminar_cancelled(session: Session, seminar: Seminar, registration: Registration) -> None:
    _send(session, seminar, registration, "seminar_cancelled", N_("mail.seminar_cancelled.subject"),
          N_("mail.seminar_cancelled.body"),
          calendar=Method.CANCEL if _has_entry(registration) else None)


def seminar_changed(session: Session, seminar: Seminar, registration: Registration) -> None:
    """The time or place changed: the updated entry for a confirmed participant."""
    _send(session, seminar, registration, "seminar_changed", N_("mail.seminar_changed.subject"),
          N_("mail.seminar_changed.body"), calendar=Method.REQUEST)


def registration_cancelled(session: Session, seminar: Seminar, registration: Registration,
                           had_seat: bool) -> None:
    """The registration was cancelled (by the person, their manager or staff): a confirmation,
    with a CANCEL for the entry when the person had a seat."""
    _send(session, seminar, registration, "registration_cancelled",
          N_("mail.registration_cancelled.subject"), N_("mail.registration_cancelled.body"),
          calendar=Method.CANCEL if had_seat else None)


def reminder(session: Session, seminar: Seminar, registration: Registration) -> None:
    _send(session, seminar, registration, "seminar_reminder", N_("mail.seminar_reminder.subject"),
          N_("mail.seminar_reminder.body"), calendar=Method.REQUEST)
