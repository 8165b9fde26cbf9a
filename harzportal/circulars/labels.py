"""The circulars' enums as people read them (`core.i18n.label_table`, one key per value)."""

from __future__ import annotations

from harzportal.circulars.models import CircularCategory, CircularStatus, DeliveryStatus
from harzportal.core.i18n import N_, label, label_table

CATEGORY_LABELS = label_table(CircularCategory, N_("circular.category.assembly"),
                              N_("circular.category.legal"), N_("circular.category.news"),
                              N_("circular.category.events"))
STATUS_LABELS = label_table(CircularStatus, N_("circular.status.draft"),
                            N_("circular.status.sent"))
DELIVERY_LABELS = label_table(DeliveryStatus, N_("circular.delivery.queued"),
                              N_("circular.delivery.held"), N_("circular.delivery.sent"),
                              N_("circular.delivery.failed"), N_("circular.delivery.purged"))


def category_label(category: object, language: object) -> str:
    return label(CATEGORY_LABELS, category, language)
