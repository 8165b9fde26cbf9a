"""The fee schedule: the annual fee per organization kind and size band (employees)."""

from __future__ import annotations

from sqlmodel import Session, select

from harzportal.audit import service as audit
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, ValidationFailed
from harzportal.core.formatting import money, number
from harzportal.core.i18n import translate
from harzportal.core.ids import is_id, parse_id
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.invoices.amounts import ALLOWED_VAT_RATES_BP, parse_euro_amount
from harzportal.invoices.models import FeeScheduleItem
from harzportal.organizations.models import Organization, OrganizationKind

KINDS = tuple(kind.value for kind in OrganizationKind)
MAX_EMPLOYEES = 1_000_000


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


def band_label(item: FeeScheduleItem, language: str) -> str:
    if item.max_employees is None and item.min_employees == 0:
        return translate("fees.band_all", language)
    if item.max_employees is None:
        return translate("fees.band_open", language, min=number(item.min_employees, language))
    return translate("fees.band", language, min=number(item.min_employees, language),
                     max=number(item.max_employees, language))


def list_fee_schedule(session: Session, actor: Actor) -> list[dict[str, str]]:
    require(actor, Action.MANAGE_INVOICES)
    return [{
        "id": str(item.id),
        "kind": translate(f"org_kind.{item.kind}", actor.language),
        "kind_value": item.kind,
        "band": band_label(item, actor.language),
        "min_employees": str(item.min_employees),
        "max_employees": "" if item.max_employees is None else str(item.max_employees),
        "fee": money(item.fee_cents, actor.language),
        "fee_input": f"{item.fee_cents // 100},{item.fee_cents % 100:02d}",
        "vat": translate("fees.exempt", actor.language) if item.vat_exempt
        else f"{item.vat_rate_bp // 100} %",
        "vat_rate": "exempt" if item.vat_exempt else str(item.vat_rate_bp),
        "exemption_note": item.exemption_note,
    } for item in schedule(session)]


def _employees(raw: object, field: str, *, optional: bool) -> int | None:
    text = single_line(raw).replace(".", "")
    if not text and optional:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_EMPLOYEES:
        raise ValidationFailed("fees.employees_invalid", field=field)
    return int(text)


def save_fee_item(session: Session, actor: Actor, item_id: object, form: object) -> FeeScheduleItem:
    """Create (item_id None) or change a fee schedule item."""
    require(actor, Action.MANAGE_INVOICES)
    values = form if isinstance(form, dict) else {}
    kind = values.get("kind")
    if kind not in KINDS:
        raise ValidationFailed("profile.kind_invalid", field="kind")
    minimum = _employees(values.get("min_employees"), "min_employees", optional=False)
    maximum = _employees(values.get("max_employees"), "max_employees", optional=True)
    if maximum is not None and maximum < minimum:
        raise ValidationFailed("fees.band_invalid", field="max_employees")
    fee = parse_euro_amount(values.get("fee"), field="fee")
    rate = values.get("vat_rate")
    exempt = rate == "exempt"
    rate_bp = 0 if exempt else parse_id(rate)
    if not exempt and rate_bp not in ALLOWED_VAT_RATES_BP:
        raise ValidationFailed("invoice.vat_rate_invalid", field="vat_rate")
    note = single_line(values.get("exemption_note"))[:300]
    if exempt and not note:
        raise ValidationFailed("fees.note_required", field="exemption_note")
    item = session.get(FeeScheduleItem, item_id) if is_id(item_id) else None
    if item_id is not None and item is None:
        raise NotFound()
    before = item.model_dump() if item else None
    item = item or FeeScheduleItem(kind=kind, fee_cents=fee)
    others = [other for other in schedule(session) if other.kind == kind and other.id != item.id]
    for other in others:
        other_max = other.max_employees if other.max_employees is not None else MAX_EMPLOYEES
        this_max = maximum if maximum is not None else MAX_EMPLOYEES
        if minimum <= other_max and other.min_employees <= this_max:
            raise Conflict("fees.band_overlaps", field="min_employees")
    item.kind, item.min_employees, item.max_employees = kind, minimum, maximum
    item.fee_cents, item.vat_rate_bp, item.vat_exempt = fee, rate_bp, exempt
    item.exemption_note = note if exempt else ""
    session.add(item)
    session.flush()
    audit.record(session, action="fees.item_saved", object_type="fee_schedule_item",
                 object_id=item.id, actor_user_id=actor.user_id, before=before,
                 after=item.model_dump(), client_ip=actor.client_ip)
    return item


def delete_fee_item(session: Session, actor: Actor, item_id: object) -> None:
    require(actor, Action.MANAGE_INVOICES)
    item = session.get(FeeScheduleItem, item_id) if is_id(item_id) else None
    if item is None:
        raise NotFound()
    audit.record(session, action="fees.item_deleted", object_type="fee_schedule_item",
                 object_id=item.id, actor_user_id=actor.user_id, before=item.model_dump(),
                 client_ip=actor.client_ip)
    session.delete(item)
