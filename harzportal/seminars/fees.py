"""A seminar fee becomes an invoice for the participant's organization once the seat is
confirmed (at registration or on promotion from the waitlist)."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.invoices import issuing
from harzportal.invoices.amounts import LineInput
from harzportal.organizations.models import Organization
from harzportal.seminars.models import Registration, Seminar

SEMINAR_VAT_BP = 1900


def charge_seat(session: Session, actor: Actor | None, seminar: Seminar,
                registration: Registration) -> None:
    if seminar.fee_cents <= 0 or registration.invoice_id is not None:
        return
    participant = session.get(User, registration.user_id)
    organization = session.get(Organization, registration.organization_id)
    issuer = actor or Actor(user_id=registration.registered_by_user_id,
                            organization_id=registration.organization_id, role=Role.CONTACT)
    day = clock.as_utc(seminar.starts_at).astimezone(clock.LOCAL_ZONE).date()
    invoice = issuing.issue(session, issuer, issuing.IssueRequest(
        organization=organization, service_from=day, service_to=day,
        lines=[LineInput(description=f"Seminar „{seminar.title}“ am {day:%d.%m.%Y}, "
                                     f"Teilnahme {participant.full_name}",
                         quantity_milli=1000, unit_price_cents=seminar.fee_cents,
                         vat_rate_bp=SEMINAR_VAT_BP)]))
    registration.invoice_id = invoice.id
    session.add(registration)
