"""What an invoice of an organization with an active SEPA mandate states (issue 18).

The mandates are the debits unit's (layer 8); the invoices read the table through the schema
only and fix at issue, on the invoice row, what the pre-notification says: the mandate and its
reference, the debited IBAN, the creditor identifier and the collection date. The collection
date is the due date, but never earlier than HARZPORTAL_SEPA_PRENOTIFICATION_DAYS business days
after the issue date (Monday to Friday except the TARGET2 holidays, on which no SEPA debit is
settled).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter
from sqlmodel import Session, select

from harzportal.debits.models import SepaMandate


def target_holidays(year: int) -> frozenset[date]:
    """The TARGET2 closing days: New Year, Good Friday, Easter Monday, 1 May, 25/26 December."""
    sunday = easter(year)
    return frozenset({date(year, 1, 1), sunday - timedelta(days=2), sunday + timedelta(days=1),
                      date(year, 5, 1), date(year, 12, 25), date(year, 12, 26)})


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in target_holidays(day.year)


def add_business_days(start: date, days: int) -> date:
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            days -= 1
    return day


def next_business_day_on_or_after(day: date) -> date:
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def collection_date(issue_date: date, due_date: date, prenotification_days: int) -> date:
    """max(due date, issue date + the pre-notification period), on a business day."""
    earliest = add_business_days(issue_date, prenotification_days)
    return next_business_day_on_or_after(max(due_date, earliest))


def active_mandate(session: Session, organization_id: int) -> SepaMandate | None:
    return session.exec(select(SepaMandate).where(
        SepaMandate.organization_id == organization_id,
        SepaMandate.revoked_at.is_(None))).first()


def active_schemes(session: Session) -> dict[int, str]:
    """The scheme of every organization's active mandate, by organization (one query)."""
    return {organization_id: scheme for organization_id, scheme in session.exec(
        select(SepaMandate.organization_id, SepaMandate.scheme)
        .where(SepaMandate.revoked_at.is_(None)))}


def masked_iban(iban: str) -> str:
    """DE…1234: the country code and the last four characters, never more."""
    compact = iban.replace(" ", "")
    if len(compact) <= 6:
        return "…"
    return f"{compact[:2]}…{compact[-4:]}"
