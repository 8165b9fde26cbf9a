"""The profile fields of an organization: which exist, how form input is checked and normalized.

Every field is validated on the server; each error names its field and a catalogue key, so the
page shows the message next to that field in the user's language. Only these fields can ever be
proposed or edited: status, membership dates and the like are not profile fields.
"""

from __future__ import annotations

import re

from harzportal.accounts.emails import normalize_email
from harzportal.core.contact_details import check_phone, normalize_website
from harzportal.core.errors import ValidationFailed
from harzportal.core.text import plain_text, single_line
from harzportal.organizations.models import FederalState, Organization, OrganizationKind

PROFILE_FIELDS = (
    "name", "legal_form", "kind", "street", "postal_code", "city", "federal_state", "website",
    "phone", "email", "description", "employees", "competences", "logo",
)
TEXT_LIMITS = {"name": 200, "legal_form": 60, "street": 200, "city": 100, "website": 300,
               "phone": 50, "email": 254, "description": 4000}
REQUIRED = {"name", "kind", "street", "postal_code", "city", "federal_state"}
MAX_EMPLOYEES = 1_000_000
MAX_COMPETENCES = 15
COMPETENCE_LENGTH = (2, 40)

_POSTAL_CODE = re.compile(r"\d{5}")
LOGO_NAME = re.compile(r"[0-9a-f]{64}\.png")


class ProfileInvalid(ValidationFailed):
    """Several fields at once: `errors` maps each bad field to its own error."""

    def __init__(self, errors: dict[str, ValidationFailed]):
        first = next(iter(errors.values()))
        super().__init__(first.message_key, field=first.field, **first.values)
        self.errors = errors


def _employees(raw: object) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    else:
        text = single_line(raw).replace(".", "").replace(" ", "")
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or len(text) > 9:
            raise ValidationFailed("profile.employees_invalid", field="employees")
        value = int(text)
    if not 0 <= value <= MAX_EMPLOYEES:
        raise ValidationFailed("profile.employees_invalid", field="employees")
    return value


def parse_competences(raw: object) -> list[str]:
    """Tags from a list or a comma/line separated text; duplicates (any case) dropped."""
    items = raw if isinstance(raw, list) else re.split(r"[,;\n]", raw if isinstance(raw, str) else "")
    tags: list[str] = []
    seen: set[str] = set()
    for item in items:
        tag = single_line(item)
        if not tag:
            continue
        if not COMPETENCE_LENGTH[0] <= len(tag) <= COMPETENCE_LENGTH[1]:
            raise ValidationFailed("profile.competence_invalid", field="competences")
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    if len(tags) > MAX_COMPETENCES:
        raise ValidationFailed("profile.competences_too_many", field="competences")
    return tags


def _logo(raw: object) -> str:
    if raw in (None, ""):
        return ""
    if not isinstance(raw, str) or not LOGO_NAME.fullmatch(raw):
        raise ValidationFailed("logo.invalid", field="logo")
    return raw


def _validate_one(name: str, raw: object) -> object:
    if name == "employees":
        return _employees(raw)
    if name == "competences":
        return parse_competences(raw)
    if name == "logo":
        return _logo(raw)
    text = plain_text(raw) if name == "description" else single_line(raw)
    if name in REQUIRED and not text:
        raise ValidationFailed("profile.required", field=name)
    limit = TEXT_LIMITS.get(name, 200)
    if len(text) > limit:
        raise ValidationFailed("profile.too_long", field=name, limit=limit)
    if name == "name" and len(text) < 2:
        raise ValidationFailed("profile.required", field=name)
    if name == "kind" and text not in {kind.value for kind in OrganizationKind}:
        raise ValidationFailed("profile.kind_invalid", field=name)
    if name == "federal_state" and text not in {state.value for state in FederalState}:
        raise ValidationFailed("profile.federal_state_invalid", field=name)
    if name == "postal_code" and not _POSTAL_CODE.fullmatch(text):
        raise ValidationFailed("profile.postal_code_invalid", field=name)
    if name == "website":
        return normalize_website(text)
    if name == "phone":
        return check_phone(text)
    if name == "email" and text:
        return normalize_email(text, field="email")
    return text


def validate_profile(form: object) -> dict[str, object]:
    """Every profile field from the form, normalized; all errors at once as ProfileInvalid.
    Keys that are not profile fields are ignored (status, member_since, decided_by ...)."""
    values = form if isinstance(form, dict) else {}
    clean: dict[str, object] = {}
    errors: dict[str, ValidationFailed] = {}
    for name in PROFILE_FIELDS:
        try:
            clean[name] = _validate_one(name, values.get(name))
        except ValidationFailed as error:
            errors[name] = error
    if errors:
        raise ProfileInvalid(errors)
    return clean


def live_values(organization: Organization) -> dict[str, object]:
    """The organization's current profile in the same shape `validate_profile` returns."""
    values = {name: getattr(organization, name) for name in PROFILE_FIELDS
              if name not in ("competences", "logo")}
    values["competences"] = competence_list(organization)
    values["logo"] = organization.logo_file
    return values


def competence_list(organization: Organization) -> list[str]:
    return [tag for tag in organization.competences.split("\n") if tag]


def apply_values(organization: Organization, values: dict[str, object]) -> None:
    """Write profile values to the organization and refresh its search text."""
    for name, value in values.items():
        if name == "competences":
            organization.competences = "\n".join(value)
        elif name == "logo":
            organization.logo_file = value
        elif name in PROFILE_FIELDS:
            setattr(organization, name, value)
    organization.search_text = " ".join(
        [organization.name, organization.city, *competence_list(organization)]).casefold()
