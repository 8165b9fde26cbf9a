"""The staff's forms on the account list: the search and the invitation."""

from __future__ import annotations

from pydantic import field_validator

from harzportal.admin.service import MAX_SEARCH_LENGTH
from harzportal.core.forms import FormModel
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.core.roles import Role


class SearchForm(FormModel):
    search: str = ""

    @field_validator("search", mode="before")
    @classmethod
    def _trimmed(cls, raw: object) -> str:
        return raw.strip()[:MAX_SEARCH_LENGTH] if isinstance(raw, str) else ""


class InviteForm(FormModel):
    """The values are checked again by accounts.service.invite_contact."""

    field_messages = {"organization_id": N_("organization.required"),
                      "full_name": N_("name.invalid"), "email": N_("email.invalid"),
                      "role": N_("role.invalid")}

    full_name: str = ""
    email: str = ""
    organization_id: int
    role: str = Role.CONTACT.value

    @field_validator("organization_id", mode="before")
    @classmethod
    def _an_id(cls, raw: object) -> int | None:
        return parse_id(raw)  # None (no id at all) is refused with organization.required
