"""The forms of the organization pages, each parsed once into a model (core.forms).

The search forms never refuse: whatever a client sends becomes a clean search text and a known
kind or federal state (or none). The profile form only gives the fields their shape; the rules of
each field (required, lengths, formats) are checked by `profile.validate_profile`, which reports
every bad field at once (ProfileInvalid), so the page shows each message next to its field.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BeforeValidator, create_model, model_validator

from harzportal.core.forms import FormModel, one_of
from harzportal.core.i18n import N_
from harzportal.organizations.directory import FEDERAL_STATES, KINDS, clean_search
from harzportal.organizations.profile import PROFILE_FIELDS

REASON_PREFIX = "reason-"


class OrganizationSearchForm(FormModel):
    search: Annotated[str, BeforeValidator(clean_search)] = ""


class DirectorySearchForm(OrganizationSearchForm):
    kind: Annotated[str, one_of(KINDS)] = ""
    federal_state: Annotated[str, one_of(FEDERAL_STATES)] = ""


class InviteForm(FormModel):
    """The invitation dialog of the contacts page (the service checks each value)."""

    email: str = ""
    full_name: str = ""
    role: str = ""

    field_messages: ClassVar[dict[str, str]] = {"email": N_("email.invalid"),
                                                "full_name": N_("name.invalid"),
                                                "role": N_("role.invalid")}


class PublicBuyerForm(FormModel):
    """Staff's e-invoice form of a public-sector buyer (public_buyer.py checks each value)."""

    leitweg_id: str = ""
    einvoice_address: str = ""
    einvoice_scheme: str = ""

    field_messages: ClassVar[dict[str, str]] = {"leitweg_id": N_("leitweg.format_invalid"),
                                                "einvoice_address": N_("email.invalid"),
                                                "einvoice_scheme": N_("leitweg.scheme_invalid")}


class DecisionForm(FormModel):
    """The approval page: the reason typed next to each field (inputs `reason-<field>`); the
    decisions themselves are chosen with radio buttons and kept in the State."""

    reasons: dict[str, str] = {}

    @model_validator(mode="before")
    @classmethod
    def _reasons_by_field(cls, data: object) -> dict:
        given = data if isinstance(data, dict) else {}
        return {"reasons": {
            str(key).removeprefix(REASON_PREFIX): value if isinstance(value, str) else ""
            for key, value in given.items() if str(key).startswith(REASON_PREFIX)}}


class _ProfileFormMessages(FormModel):
    field_messages: ClassVar[dict[str, str]] = {
        "kind": N_("profile.kind_invalid"),
        "federal_state": N_("profile.federal_state_invalid"),
        "postal_code": N_("profile.postal_code_invalid"),
        "website": N_("profile.website_invalid"),
        "phone": N_("profile.phone_invalid"),
        "email": N_("email.invalid"),
        "employees": N_("profile.employees_invalid"),
        "competences": N_("profile.competence_invalid"),
    }


# The edit form as the browser sends it: one text input per profile field but the logo (it is
# chosen by upload and kept in the State). Other keys (status, member_since ...) are dropped here,
# and the service ignores them too.
ProfileForm = create_model(
    "ProfileForm", __base__=_ProfileFormMessages,
    **{name: (str, "") for name in PROFILE_FIELDS if name != "logo"})
