"""Demo SEPA direct debit: four members granted a mandate in December of the year before last
(Harzer Chemiewerke and Innerste Metallhütte for the B2B scheme, Selketal Pigmente and Harz
Chemielogistik for SEPA Core), so last year's fee invoices of those four carried the
pre-notification and were collected by last year's February collection runs (submitted, the
payments booked as "Lastschrift …"), and their seminar fee invoices of the last weeks are due
for collection now: staff can create a run with the demo login.

Made through the real services (mandates.grant, collection.create_run/submit_run) with the clock
set back. The IBANs are made-up accounts at banks of the region with valid check digits.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from harzportal.debits import collection, mandates
from harzportal.debits.forms import MandateForm
from harzportal.debits.models import DebitRunItem
from harzportal.invoices.models import Invoice, Payment
from harzportal.organizations.models import Organization

# organization -> (scheme, IBAN)
MANDATES = {
    "Harzer Chemiewerke GmbH": ("B2B", "DE54 2685 0001 1234 5678 97"),
    "Innerste Metallhütte AG": ("B2B", "DE79 2505 0000 0987 6543 21"),
    "Selketal Pigmente GmbH": ("CORE", "DE14 8005 3762 0112 2334 45"),
    "Harz Chemielogistik GmbH": ("CORE", "DE97 8105 3272 0556 6778 89"),
}


def grant_mandates(session: Session) -> None:
    """Before last year's run: each organization's org manager grants its mandate."""
    granted_at = datetime(clock.today().year - 2, 12, 10, 10, 0, tzinfo=UTC)
    with clock.fixed_at(granted_at):
        for name, (scheme, iban) in MANDATES.items():
            organization = session.exec(select(Organization)
                                        .where(Organization.name == name)).one()
            manager = session.exec(select(User).where(
                User.organization_id == organization.id,
                User.role == Role.ORG_MANAGER.value).order_by(User.id)).first()
            actor = Actor(user_id=manager.id, organization_id=organization.id,
                          role=Role.ORG_MANAGER)
            mandates.grant(session, actor, parse_form(MandateForm, {
                "account_holder": name, "iban": iban, "scheme": scheme, "accepted": "on"}))


def collect_last_years_run(session: Session, admin_id: int) -> None:
    """Between last year's issue and its payments: the February runs, submitted."""
    staff = Actor(user_id=admin_id, organization_id=None, role=Role.NETWORK_ADMIN)
    year = clock.today().year - 1
    with clock.fixed_at(datetime(year, 2, 1, 9, 0, tzinfo=UTC)):
        for scheme in ("B2B", "CORE"):
            run = collection.create_run(session, staff, scheme, date(year, 2, 28))
            collection.submit_run(session, staff, run.id)


def debited_payments(session: Session) -> None:
    """The payments of collected invoices came from the debit on its collection day, not from
    a transfer."""
    collected = session.exec(select(Payment, Invoice.number, DebitRunItem.collection_date)
                             .join(Invoice, Invoice.id == Payment.invoice_id)
                             .join(DebitRunItem, DebitRunItem.invoice_id == Invoice.id))
    for payment, number, collected_on in collected:
        payment.reference = f"Lastschrift {number}"
        payment.paid_on = collected_on
        session.add(payment)
