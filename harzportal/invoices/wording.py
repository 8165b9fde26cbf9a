"""Words about fees that both the screens and the invoice itself use: an organization kind's
label and a size band in words ("ab 50 Beschäftigten"), in the language they are shown in."""

from __future__ import annotations

from harzportal.core.formatting import number
from harzportal.core.i18n import N_, translate
from harzportal.invoices.models import FeeScheduleItem
from harzportal.organizations.models import OrganizationKind

KIND_LABELS = {
    OrganizationKind.CHEMICAL: N_("org_kind.chemical"),
    OrganizationKind.METALLURGICAL: N_("org_kind.metallurgical"),
    OrganizationKind.RECYCLING: N_("org_kind.recycling"),
    OrganizationKind.LOGISTICS: N_("org_kind.logistics"),
    OrganizationKind.UNIVERSITY: N_("org_kind.university"),
    OrganizationKind.BUSINESS_DEVELOPMENT: N_("org_kind.business_development"),
    OrganizationKind.OTHER: N_("org_kind.other"),
}


def kind_label(kind: str, language: str) -> str:
    return translate(KIND_LABELS[OrganizationKind(kind)], language)


def band_label(item: FeeScheduleItem, language: str) -> str:
    if item.max_employees is None and item.min_employees == 0:
        return translate("fees.band_all", language)
    if item.max_employees is None:
        return translate("fees.band_open", language, min=number(item.min_employees, language))
    return translate("fees.band", language, min=number(item.min_employees, language),
                     max=number(item.max_employees, language))
