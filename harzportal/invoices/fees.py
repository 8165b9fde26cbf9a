"""The fee schedule: the annual fee per organization kind and size band (employees)."""

from __future__ import annotations

from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict
from harzportal.core.forms import parse_form
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.invoices.forms import MAX_EMPLOYEES, FeeItemForm
from harzportal.invoices.models import FeeScheduleItem
from harzportal.organizations.models import Organization, OrganizationKind

KINDS = tuple(kind.value for kind in OrganizationKind)


def schedule(session: Session) -> list[FeeScheduleItem]:
    return list(session.exec(select(FeeScheduleItem)
                             .order_by(FeeScheduleItem.kind, FeeScheduleItem.min_employees)))


def band_for(items: list[FeeScheduleItem], organization: Organization) -> FeeScheduleItem | None:
    employees = organization.employees or 0
    for item in items:
        if item.kind == organization.kind and item.min_employees <= employees and (
                item.max_employees is None or employees <= item.max_employees):
            return item
    return None


def list_fee_schedule(session: Session, actor: Actor) -> tuple[FeeScheduleItem, ...]:
    require(actor, Action.MANAGE_INVOICES)
    return tuple(schedule(session))


def save_fee_item(session: Session, actor: Actor, item_id: object, form: object) -> FeeScheduleItem:
    """Create (item_id None) or change a fee schedule item from the editor's form data."""
    require(actor, Action.MANAGE_INVOICES)
    values = parse_form(FeeItemForm, form)
    item = get_or_not_found(session, FeeScheduleItem, item_id) if item_id is not None else None
    before = item.model_dump() if item else None
    item = item or FeeScheduleItem(kind=values.kind, fee_cents=values.fee)
    this_max = values.max_employees if values.max_employees is not None else MAX_EMPLOYEES
    for other in schedule(session):
        if other.kind != values.kind or other.id == item.id:
            continue
        other_max = other.max_employees if other.max_employees is not None else MAX_EMPLOYEES
        if values.min_employees <= other_max and other.min_employees <= this_max:
            raise Conflict("fees.band_overlaps", field="min_employees")
    item.kind, item.min_employees, item.max_employees = (
        values.kind.value, values.min_employees, values.max_employees)
    item.fee_cents, item.vat_rate_bp, item.vat_exempt, item.vat_category = (
        values.fee, values.vat_rate_bp, values.vat_exempt, values.vat_category)
    item.exemption_note = values.exemption_note if values.vat_exempt else ""
    session.add(item)
    session.flush()
    audit.record(session, action="fees.item_saved", object_type="fee_schedule_item",
                 object_id=item.id, actor_user_id=actor.user_id, before=before,
                 after=item.model_dump(), client_ip=actor.client_ip)
    return item


def delete_fee_item(session: Session, actor: Actor, item_id: object) -> None:
    require(actor, Action.MANAGE_INVOICES)
    item = get_or_not_found(session, FeeScheduleItem, item_id)
    audit.record(session, action="fees.item_deleted", object_type="fee_schedule_item",
                 object_id=item.id, actor_user_id=actor.user_id, before=item.model_dump(),
                 client_ip=actor.client_ip)
    session.delete(item)
