"""Helpers of the SEPA debit tests."""

from __future__ import annotations

from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from harzportal.debits import mandates
from harzportal.debits.forms import MandateForm
from tests.invoices.helpers import billing_contact, member, run

IBAN = "DE89 3704 0044 0532 0130 00"  # a public example account (Commerzbank)
IBAN_COMPACT = "DE89370400440532013000"


def mandate_form(**fields) -> MandateForm:
    return parse_form(MandateForm, {"account_holder": "Aller Chemie GmbH", "iban": IBAN,
                                    "scheme": "CORE", "accepted": "on"} | fields)


def grant(actor, **fields):
    return run(mandates.grant, actor, mandate_form(**fields))


def member_with_manager(factories, name="Aller Chemie GmbH"):
    organization = member(factories, name=name)
    manager = factories.user(organization, role=Role.ORG_MANAGER, full_name="Maria Manager")
    return organization, manager


__all__ = ["IBAN", "IBAN_COMPACT", "billing_contact", "grant", "mandate_form", "member",
           "member_with_manager", "run"]
