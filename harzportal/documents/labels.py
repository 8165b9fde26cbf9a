"""The library's labels in the reader's language: category names, languages, audiences and why
a document is restricted. Every message key is written out (`N_`), so extraction finds it.

Shared by the page presenter and the mail notices; no Reflex here."""

from __future__ import annotations

from harzportal.core.i18n import N_, language_or_default, translate
from harzportal.documents.models import Audience, Document, DocumentCategory
from harzportal.organizations.models import ContactFunction, OrganizationKind

LANGUAGE_NAMES = {"de": N_("document.language.de"), "en": N_("document.language.en")}
AUDIENCE_CHOICES = {Audience.ALL: N_("document.audience.all"),
                    Audience.KINDS: N_("document.audience.kinds"),
                    Audience.FUNCTION: N_("document.audience.function")}
ORGANIZATION_KIND_NAMES = {
    OrganizationKind.CHEMICAL: N_("org_kind.chemical"),
    OrganizationKind.METALLURGICAL: N_("org_kind.metallurgical"),
    OrganizationKind.RECYCLING: N_("org_kind.recycling"),
    OrganizationKind.LOGISTICS: N_("org_kind.logistics"),
    OrganizationKind.UNIVERSITY: N_("org_kind.university"),
    OrganizationKind.BUSINESS_DEVELOPMENT: N_("org_kind.business_development"),
    OrganizationKind.OTHER: N_("org_kind.other"),
}
FUNCTION_NAMES = {ContactFunction.BILLING: N_("function.billing"),
                  ContactFunction.HSE: N_("function.hse"),
                  ContactFunction.DATA_PROTECTION: N_("function.data_protection"),
                  ContactFunction.PROFILE_EDITOR: N_("function.profile_editor")}
# "Für HSE-Ansprechpartner": the line a restricted document shows, per function.
FOR_FUNCTION = {ContactFunction.BILLING: N_("document.reason.function.billing"),
                ContactFunction.HSE: N_("document.reason.function.hse"),
                ContactFunction.DATA_PROTECTION: N_("document.reason.function.data_protection"),
                ContactFunction.PROFILE_EDITOR: N_("document.reason.function.profile_editor")}


def category_name(category: DocumentCategory | None, language: object) -> str:
    if category is None:
        return ""
    return category.name_en if language_or_default(language) == "en" else category.name_de


def language_name(code: str, language: object) -> str:
    return translate(LANGUAGE_NAMES.get(code, LANGUAGE_NAMES["de"]), language)


def reason_line(document: Document, language: object) -> str:
    """Why a document is restricted ("Für HSE-Ansprechpartner"); "" when it is for everyone."""
    if document.audience == Audience.KINDS.value:
        kinds = ", ".join(translate(ORGANIZATION_KIND_NAMES[kind], language)
                          for kind in document.audience_kinds.split(",")
                          if kind in ORGANIZATION_KIND_NAMES)
        return translate("document.reason.kinds", language, kinds=kinds)
    if document.audience == Audience.FUNCTION.value:
        key = FOR_FUNCTION.get(document.audience_function)
        return translate(key, language) if key else document.audience_function
    return ""


def audience_label(document: Document, language: object) -> str:
    return reason_line(document, language) or translate("document.audience.all", language)
