"""SEPA mandates: an org manager or billing contact grants one for the own organization, reads
it (with its PDF) and revokes it.

Only members of that organization with invoice rights (invoices/access.py) see or change it;
staff see a mandate only through the collection run. Another organization's mandate is refused
as if it did not exist. The IBAN is checked (check digits, country length, bank code where
schwifty knows the country) and stored as given; the BIC is derived from it. The creditor
identifier in force (HARZPORTAL_SEPA_CREDITOR_ID, checked at start) is recorded with the
mandate. Revoking is effective for every invoice not yet in a collection run: the collection
run no longer takes them and their pages say to pay by transfer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, NotFound, PermissionDenied
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import refusal
from harzportal.debits.forms import MandateForm
from harzportal.debits.iban import bank_of, checked_iban
from harzportal.debits.models import SepaMandate
from harzportal.invoices.access import may_view_invoices
from harzportal.invoices.debit_terms import active_mandate, masked_iban
from harzportal.organizations.models import Organization
from harzportal.settings import get as get_settings

@dataclass(frozen=True)
class MandateDetail:
    """A mandate as its organization's members see it."""

    mandate: SepaMandate
    organization_name: str
    masked_iban: str


@dataclass(frozen=True)
class MandateOverview:
    organization_id: int
    organization_name: str
    creditor_id: str
    creditor_name: str
    active: MandateDetail | None
    revoked: tuple[MandateDetail, ...]  # earlier mandates, newest first


def _require_member_with_invoice_rights(session: Session, actor: Actor,
                                        organization_id: int | None) -> None:
    """The organization's own org managers and billing contacts; nobody else (not staff)."""
    if (actor.is_staff or organization_id is None or actor.organization_id != organization_id
            or not may_view_invoices(session, actor, organization_id)):
        raise refusal(actor, organization_id)


def _detail(mandate: SepaMandate, organization: Organization) -> MandateDetail:
    return MandateDetail(mandate=mandate, organization_name=organization.name,
                         masked_iban=masked_iban(mandate.iban))


def overview(session: Session, actor: Actor) -> MandateOverview:
    """The own organization's mandate and the revoked ones before it."""
    if actor.organization_id is None:
        raise PermissionDenied()
    _require_member_with_invoice_rights(session, actor, actor.organization_id)
    organization = get_or_not_found(session, Organization, actor.organization_id)
    mandates = session.exec(select(SepaMandate)
                            .where(SepaMandate.organization_id == organization.id)
                            .order_by(SepaMandate.id.desc())).all()
    settings = get_settings()
    active = next((m for m in mandates if m.revoked_at is None), None)
    return MandateOverview(
        organization_id=organization.id, organization_name=organization.name,
        creditor_id=settings.sepa_creditor_id, creditor_name=settings.seller.legal_name,
        active=_detail(active, organization) if active else None,
        revoked=tuple(_detail(m, organization) for m in mandates if m.revoked_at is not None))


def _next_reference(session: Session, organization_id: int) -> str:
    """<prefix>-M<organization>-<n>: unique, at most 35 characters of the SEPA set."""
    count = session.exec(select(func.count()).select_from(SepaMandate)
                         .where(SepaMandate.organization_id == organization_id)).one()
    return f"{get_settings().invoice_prefix}-M{organization_id:05d}-{count + 1}"


def grant(session: Session, actor: Actor, form: MandateForm) -> SepaMandate:
    """Grant a mandate for the actor's own organization; refused while one is active."""
    if actor.organization_id is None:
        raise PermissionDenied()
    _require_member_with_invoice_rights(session, actor, actor.organization_id)
    organization = get_or_not_found(session, Organization, actor.organization_id)
    if active_mandate(session, organization.id) is not None:
        raise Conflict("debit.mandate_exists")
    iban = checked_iban(form.iban)
    bic, bank_name = bank_of(iban)
    user = session.get(User, actor.user_id)
    mandate = SepaMandate(
        organization_id=organization.id, reference=_next_reference(session, organization.id),
        scheme=form.scheme, account_holder=form.account_holder, iban=str(iban.compact),
        bic=bic[:11], bank_name=bank_name[:120], creditor_id=get_settings().sepa_creditor_id,
        signed_on=clock.today(), granted_by_user_id=actor.user_id,
        granted_by_name=user.full_name if user else "")
    session.add(mandate)
    try:
        session.flush()
    except IntegrityError:  # another grant of the same organization committed first
        raise Conflict("debit.mandate_exists") from None
    audit.record(session, action="sepa_mandate.granted", object_type="sepa_mandate",
                 object_id=mandate.id, actor_user_id=actor.user_id,
                 organization_id=organization.id,
                 after={"reference": mandate.reference, "scheme": mandate.scheme,
                        "iban": masked_iban(mandate.iban), "bic": mandate.bic,
                        "creditor_id": mandate.creditor_id},
                 client_ip=actor.client_ip)
    return mandate


def _own_mandate(session: Session, actor: Actor, mandate_id: object) -> SepaMandate:
    mandate = get_or_not_found(session, SepaMandate, mandate_id)
    _require_member_with_invoice_rights(session, actor, mandate.organization_id)
    return mandate


def revoke(session: Session, actor: Actor, mandate_id: object) -> SepaMandate:
    """Revoke an active mandate of the own organization: no later collection run takes its
    invoices (those already submitted to the bank stay submitted)."""
    mandate = _own_mandate(session, actor, mandate_id)
    if mandate.revoked_at is not None:
        raise Conflict("debit.mandate_revoked_already")
    claimed = session.exec(
        SepaMandate.__table__.update()
        .where(SepaMandate.id == mandate.id, SepaMandate.revoked_at.is_(None))
        .values(revoked_at=clock.now(), revoked_by_user_id=actor.user_id))
    if claimed.rowcount != 1:
        raise Conflict("debit.mandate_revoked_already")
    session.refresh(mandate)
    audit.record(session, action="sepa_mandate.revoked", object_type="sepa_mandate",
                 object_id=mandate.id, actor_user_id=actor.user_id,
                 organization_id=mandate.organization_id,
                 before={"reference": mandate.reference}, after={"revoked": True},
                 client_ip=actor.client_ip)
    return mandate


def mandate_for_document(session: Session, actor: Actor, mandate_id: object
                         ) -> tuple[SepaMandate, Organization]:
    """A mandate of the own organization with its organization, for its PDF."""
    mandate = _own_mandate(session, actor, mandate_id)
    organization = session.get(Organization, mandate.organization_id)
    if organization is None:
        raise NotFound()
    return mandate, organization
