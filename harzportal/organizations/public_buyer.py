"""Public-sector buyers: staff set an organization's Leitweg-ID and e-invoice address.

An organization with a Leitweg-ID is a public-sector buyer: its invoices and credit notes are
XRechnung (invoices/einvoice.py). Only staff change these fields (a member's own managers cannot,
not even by proposing a change: they are no profile fields), and every change is audited with its
before and after. The e-invoice address (BT-49) defaults to the Leitweg-ID (scheme 0204); an
e-mail address (scheme EM) may stand instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from harzportal.accounts.emails import normalize_email
from harzportal.audit import service as audit
from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.text import single_line
from harzportal.organizations.leitweg import LEITWEG_SCHEME, normalize_leitweg_id
from harzportal.organizations.models import Organization

EMAIL_SCHEME = "EM"
SCHEMES = (LEITWEG_SCHEME, EMAIL_SCHEME)


@dataclass(frozen=True)
class PublicBuyer:
    leitweg_id: str  # "" for an organization that is no public-sector buyer
    einvoice_address: str = ""  # "" = the Leitweg-ID
    einvoice_scheme: str = ""  # "" = 0204


def _address(leitweg_id: str, raw_address: object, raw_scheme: object) -> tuple[str, str]:
    address, scheme = single_line(raw_address), single_line(raw_scheme).upper()
    if not leitweg_id or not address:
        return "", ""
    if scheme not in SCHEMES:
        raise ValidationFailed("leitweg.scheme_invalid", field="einvoice_scheme")
    if scheme == EMAIL_SCHEME:
        return normalize_email(address, field="einvoice_address"), scheme
    return normalize_leitweg_id(address), scheme


def validate_public_buyer(raw_leitweg_id: object, raw_address: object = "",
                          raw_scheme: object = "") -> PublicBuyer:
    leitweg_id = normalize_leitweg_id(raw_leitweg_id)
    address, scheme = _address(leitweg_id, raw_address, raw_scheme)
    return PublicBuyer(leitweg_id=leitweg_id, einvoice_address=address, einvoice_scheme=scheme)


def set_public_buyer(session: Session, actor: Actor, organization_id: object,
                     raw_leitweg_id: object, raw_address: object = "",
                     raw_scheme: object = "") -> Organization:
    """Staff mark an organization as a public-sector buyer (or clear the mark with an empty
    Leitweg-ID). Invoices already issued keep what they were issued with."""
    require(actor, Action.EDIT_PROFILE_DIRECTLY)
    organization = get_or_not_found(session, Organization, organization_id)
    given = validate_public_buyer(raw_leitweg_id, raw_address, raw_scheme)
    before = {"leitweg_id": organization.leitweg_id,
              "einvoice_address": organization.einvoice_address,
              "einvoice_scheme": organization.einvoice_scheme}
    after = {"leitweg_id": given.leitweg_id, "einvoice_address": given.einvoice_address,
             "einvoice_scheme": given.einvoice_scheme}
    if before == after:
        raise ValidationFailed("change.nothing_changed")
    organization.leitweg_id = given.leitweg_id
    organization.einvoice_address = given.einvoice_address
    organization.einvoice_scheme = given.einvoice_scheme
    session.add(organization)
    audit.record(session, action="organization.public_buyer_changed",
                 object_type="organization", object_id=organization.id,
                 actor_user_id=actor.user_id, organization_id=organization.id,
                 before=before, after=after, client_ip=actor.client_ip)
    return organization
