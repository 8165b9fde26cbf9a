"""The seminar mails, all through the outbox in the caller's transaction."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.core.i18n import N_, translate
from harzportal.mail import service as mail
from harzportal.seminars.calendars import seminar_ics
from harzportal.seminars.models import Registration, Seminar
from harzportal.seminars.schedule import when
from harzportal.settings import get as get_settings


def _send(session: Session, seminar: Seminar, registration: Registration, kind: str,
          subject_key: str, body_key: str, *, with_calendar: bool = False, **values) -> None:
    user = session.get(User, registration.user_id)
    if user is None or not user.is_active:
        return
    lang = user.preferred_language
    attachments = [mail.inline_attachment(f"seminar-{seminar.id}.ics", "text/calendar",
                                          seminar_ics(seminar, with_link=True))] \
        if with_calendar else None
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
          N_("mail.seminar_confirmed.body"), with_calendar=True)


def waitlisted(session: Session, seminar: Seminar, registration: Registration,
               position: int) -> None:
    _send(session, seminar, registration, "seminar_waitlisted",
          N_("mail.seminar_waitlisted.subject"), N_("mail.seminar_waitlisted.body"),
          position=position)


def promoted(session: Session, seminar: Seminar, registration: Registration) -> None:
    _send(session, seminar, registration, "seminar_promoted", N_("mail.seminar_promoted.subject"),
          N_("mail.seminar_promoted.body"), with_calendar=True)


def seminar_cancelled(session: Session, seminar: Seminar, registration: Registration) -> None:
    _send(session, seminar, registration, "seminar_cancelled", N_("mail.seminar_cancelled.subject"),
          N_("mail.seminar_cancelled.body"))


def reminder(session: Session, seminar: Seminar, registration: Registration) -> None:
    _send(session, seminar, registration, "seminar_reminder", N_("mail.seminar_reminder.subject"),
          N_("mail.seminar_reminder.body"), with_calendar=True)
