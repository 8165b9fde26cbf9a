"""Who sees an organization's invoices: its org_managers, its contacts with the billing function,
and staff. Other contacts of the same organization see none. Another organization's invoices
are refused as if they did not exist (`core.permissions.refusal`)."""

from __future__ import annotations

from sqlmodel import Session, select

from harzportal.core.actor import Actor
from harzportal.core.permissions import Action, is_allowed, refusal
from harzportal.organizations.models import ContactFunction, ContactFunctionAssignment


def may_view_invoices(session: Session, actor: Actor, organization_id: int | None) -> bool:
    if is_allowed(actor, Action.VIEW_INVOICES, organization_id):
        return True
    if organization_id is None or organization_id != actor.organization_id:
        return False
    return session.exec(select(ContactFunctionAssignment.id).where(
        ContactFunctionAssignment.user_id == actor.user_id,
        ContactFunctionAssignment.function == ContactFunction.BILLING.value)).first() is not None


def require_invoice_access(session: Session, actor: Actor, organization_id: int | None) -> None:
    if not may_view_invoices(session, actor, organization_id):
        raise refusal(actor, organization_id)
