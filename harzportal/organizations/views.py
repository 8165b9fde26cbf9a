"""Plain view dicts of profiles and profile values for the pages (strings only, translated)."""

from __future__ import annotations

from harzportal.core.formatting import day, number
from harzportal.core.i18n import translate
from harzportal.organizations.logos import logo_url
from harzportal.organizations.models import Organization
from harzportal.organizations.profile import competence_list


def field_label(name: str, language: str) -> str:
    return translate(f"profile.field.{name}", language)


def display_value(name: str, value: object, language: str) -> str:
    """A profile value as a person reads it; an empty value reads as an em dash."""
    if value in (None, "", []):
        return "—"
    if name == "kind":
        return translate(f"org_kind.{value}", language)
    if name == "federal_state":
        return translate(f"federal_state.{value}", language)
    if name == "employees":
        return number(value, language)
    if name == "competences":
        return ", ".join(value)
    if name == "logo":
        return translate("profile.logo_present", language)
    return str(value)


def profile_view(organization: Organization, language: str) -> dict[str, str]:
    """The public profile of an organization as strings for the page."""
    return {
        "id": str(organization.id),
        "name": organization.name,
        "legal_form": organization.legal_form,
        "kind": translate(f"org_kind.{organization.kind}", language),
        "street": organization.street,
        "postal_code": organization.postal_code,
        "city": organization.city,
        "address": f"{organization.street}, {organization.postal_code} {organization.city}",
        "federal_state": translate(f"federal_state.{organization.federal_state}", language),
        "website": organization.website,
        "phone": organization.phone,
        "email": organization.email,
        "description": organization.description,
        "employees": number(organization.employees, language)
        if organization.employees is not None else "—",
        "competences": ", ".join(competence_list(organization)),
        "logo_url": logo_url(organization.logo_file),
        "member_since": day(organization.member_since, language)
        if organization.member_since else "—",
    }


def value_cell(side: str, name: str, value: object, language: str) -> dict[str, str]:
    """One side of a field difference (`old`, `new`, `current`): its display text and, for
    logos, the image URL, as `<side>_text` and `<side>_image`."""
    image = logo_url(value) if name == "logo" and isinstance(value, str) else ""
    return {f"{side}_text": display_value(name, value, language), f"{side}_image": image}
