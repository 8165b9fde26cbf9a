"""Payment reminder proposals (issue 19): the portal proposes, staff decide. For a day, the
invoices whose next reminder level is due: an overdue invoice still open (not cancelled, not
paid, not waiting for a direct debit), whose next level exists, and whose last deadline — the
due date before the first reminder, the previous reminder's new deadline after it — is at least
`HARZPORTAL_REMINDER_WAIT_DAYS` days past. Sending one goes through `collection.send_reminder`
(its rules, PDF, mails and audit event); the periodic job mails the staff a summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, exists, func, not_, or_
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict
from harzportal.core.ids import is_id
from harzportal.core.locking import lock_row
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require, roles_allowed_everywhere
from harzportal.debits.models import DebitRunItem, SepaMandate
from harzportal.invoices import collection
from harzportal.invoices.models import Invoice, InvoiceKind, InvoiceStatus, Payment, Reminder
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings

PAGE_SIZE = 25
PAGE_PATH = "/admin/invoices/reminders"  # the staff page of the proposals (Mahnvorschläge)


@dataclass(frozen=True)
class ReminderProposal:
    invoice_id: int
    number: str
    organization: str
    open_cents: int
    due_date: date
    days_overdue: int
    level: int  # the level proposed (1: the first reminder)
    level_name: str  # its title as HARZPORTAL_REMINDER_LEVELS names it


@dataclass(frozen=True)
class LevelCount:
    level: int
    level_name: str
    count: int


def _awaits_debit():
    """An invoice a direct debit will still collect: under a mandate and either in a run whose
    debit was not returned, or in no run yet with its mandate still in force."""
    in_run = exists().where(DebitRunItem.invoice_id == Invoice.id)
    returned = exists().where(Payment.invoice_id == Invoice.id, Payment.returned_on.is_not(None))
    mandate_in_force = exists().where(SepaMandate.id == Invoice.debit_mandate_id,
                                      SepaMandate.revoked_at.is_(None))
    return and_(Invoice.debit_mandate_id.is_not(None),
                or_(and_(in_run, not_(returned)), and_(not_(in_run), mandate_in_force)))


def _due_conditions(today: date) -> tuple:
    settings = get_settings()
    latest_deadline = (select(func.max(Reminder.new_due_date))
                       .where(Reminder.invoice_id == Invoice.id,
                              Reminder.level == Invoice.reminder_level)
                       .correlate(Invoice).scalar_subquery())
    deadline = case((Invoice.reminder_level == 0, Invoice.due_date),
                    else_=func.coalesce(latest_deadline, Invoice.due_date))
    return (Invoice.kind == InvoiceKind.INVOICE.value,
            Invoice.status == InvoiceStatus.ISSUED.value,
            Invoice.paid_cents < Invoice.gross_cents,
            Invoice.due_date < today,
            Invoice.reminder_level < len(settings.reminder_level_names),
            deadline <= today - timedelta(days=settings.reminder_wait_days),
            not_(_awaits_debit()))


def _level_name(level: int) -> str:
    return get_settings().reminder_level_names[level - 1]


def _proposal(row, today: date) -> ReminderProposal:
    invoice_id, number, organization, open_cents, due_date, reminded = row
    return ReminderProposal(invoice_id=invoice_id, number=number, organization=organization,
                            open_cents=open_cents, due_date=due_date,
                            days_overdue=(today - due_date).days, level=reminded + 1,
                            level_name=_level_name(reminded + 1))


def _proposals_query(today: date):
    return (select(Invoice.id, Invoice.number, Organization.name,
                   Invoice.gross_cents - Invoice.paid_cents, Invoice.due_date,
                   Invoice.reminder_level)
            .join(Organization, Organization.id == Invoice.organization_id)
            .where(*_due_conditions(today))
            .order_by(Invoice.due_date, Invoice.id))


def list_proposals(session: Session, actor: Actor, page: object = 1,
                   today: date | None = None) -> Page[ReminderProposal]:
    """One page of the proposals of `today` (default: today), the longest overdue first: one
    count and one page of rows."""
    require(actor, Action.MANAGE_INVOICES)
    day = today or clock.today()
    return paginate(session, _proposals_query(day), page, PAGE_SIZE).map(
        lambda row: _proposal(row, day))


def count_by_level(session: Session, today: date | None = None) -> tuple[LevelCount, ...]:
    """How many invoices are due for each level (levels without any left out): one query."""
    day = today or clock.today()
    counted = session.exec(select(Invoice.reminder_level, func.count())
                           .where(*_due_conditions(day))
                           .group_by(Invoice.reminder_level)
                           .order_by(Invoice.reminder_level)).all()
    return tuple(LevelCount(reminded + 1, _level_name(reminded + 1), count)
                 for reminded, count in counted)


def send_proposed(session: Session, actor: Actor, invoice_id: object, level: object):
    """Send the proposed reminder of `level` for the invoice, if it is still due: a second
    click, or another clerk who sent it meanwhile, finds it no longer proposed (Conflict)
    instead of sending the next level."""
    require(actor, Action.MANAGE_INVOICES)
    if not (is_id(invoice_id) and is_id(level)):
        raise Conflict("reminder_proposal.no_longer_due")
    lock_row(session, Invoice, invoice_id)
    today = clock.today()
    still_due = session.exec(select(Invoice.reminder_level)
                             .where(Invoice.id == invoice_id, *_due_conditions(today))).first()
    if still_due is None or still_due + 1 != level:
        raise Conflict("reminder_proposal.no_longer_due")
    return collection.send_reminder(session, actor, invoice_id)


def invoice_managers(session: Session) -> list[User]:
    """The active staff accounts whose role manages the invoices of every organization: the
    people the summary mail is for."""
    roles = [role.value for role in roles_allowed_everywhere(Action.MANAGE_INVOICES)]
    return list(session.exec(select(User).where(User.role.in_(roles), User.is_active.is_(True),
                                                User.password_hash.is_not(None))
                             .order_by(User.id)))
