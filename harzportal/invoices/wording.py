"""Words about fees that both the screens and the invoice itself use: a size band in words
("ab 50 Beschäftigten"), in the language they are shown in. An organization kind's label is
organizations.labels.kind_label."""

from __future__ import annotations

from harzportal.core.formatting import number
from harzportal.core.i18n import translate
from harzportal.invoices.models import FeeScheduleItem

# Re-exported until invoices/admin_pages.py and invoices/issuing.py import organizations.labels.


def band_label(item: FeeScheduleItem, language: str) -> str:
    if item.max_employees is None and item.min_employees == 0:
        return translate("fees.band_all", language)
    if item.max_employees is None:
        return translate("fees.band_open", language, min=number(item.min_employees, language))
    return translate("fees.band", language, min=number(item.min_employees, language),
                     max=number(item.max_employees, language))
