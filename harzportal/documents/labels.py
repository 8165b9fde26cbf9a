"""The library's labels in the reader's language: category names, languages, audiences and why
a document is restricted. Every message key is written out (`N_`), so extraction finds it; the
organization kinds and contact functions are organizations.labels' tables.

Shared by the page presenter and the mail notices; no Reflex here."""

from __future__ import annotations

from harzportal.core.i18n import N_, label, language_or_default, translate
from harzportal.documents.models import Audience, Document, DocumentCategory
from harzportal.organizations.labels import KIND_LABELS, kind_label
from harzportal.organizations.models import ContactFunction

LANGUAGE_NAMES = {"de": N_("document.language.de"), "en": N_("document.language.en")}
AUDIENCE_CHOICES = {Audience.ALL: N_("document.audience.all"),
                    Audience.KINDS: N_("document.audience.kinds"),
                    Audience.FUNCTION: N_("document.audience.function")}
# The organizations' tables under the names documents/admin_pages.py imports (until it imports
# organizations.labels itself).
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
        kinds = ", ".join(kind_label(kind, language) for kind in document.audience_kinds.split(",")
                          if kind in KIND_LABELS)
        return translate("document.reason.kinds", language, kinds=kinds)
    if document.audience == Audience.FUNCTION.value:
        return label(FOR_FUNCTION, document.audience_function, language)
    return ""


def audience_label(document: Document, language: object) -> str:
    return reason_line(document, language) or translate("document.audience.all", language)
