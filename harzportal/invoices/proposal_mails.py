"""The staff's summary of the payment reminder proposals (the periodic job
`schedule.payment_reminder_proposals`): one mail to each person who manages the invoices, in
that person's language, with how many invoices are due for which level and the link to the
proposals; no mail on a day without any."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from harzportal.core.formatting import day
from harzportal.core.i18n import translate, translate_plural
from harzportal.invoices.proposals import PAGE_PATH, LevelCount, count_by_level, invoice_managers
from harzportal.mail import service as mail
from harzportal.settings import get as get_settings


def _body(name: str, counts: tuple[LevelCount, ...], today: date, language: str) -> str:
    lines = "\n".join(
        "- " + translate_plural("mail.reminder_proposals.line_one",
                                "mail.reminder_proposals.line_other", entry.count, language,
                                level=entry.level_name)
        for entry in counts)
    return translate("mail.reminder_proposals.body", language, name=name,
                     day=day(today, language), lines=lines,
                     link=get_settings().public_origin + PAGE_PATH)


def mail_summary(session: Session, today: date) -> int:
    """Queue the summary of `today`'s proposals for every invoice manager; the number queued."""
    counts = count_by_level(session, today)
    if not counts:
        return 0
    total = sum(entry.count for entry in counts)
    people = invoice_managers(session)
    for person in people:
        language = person.preferred_language
        mail.enqueue(
            session, recipient=person.email, kind="reminder_proposals", language=language,
            subject=translate_plural("mail.reminder_proposals.subject_one",
                                     "mail.reminder_proposals.subject_other", total, language),
            body=_body(person.full_name, counts, today, language))
    return len(people)
