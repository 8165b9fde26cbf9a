"""The exchange's enums as people read them (one `core.i18n.label_table` each)."""

from __future__ import annotations

from harzportal.core.i18n import N_, label_table
from harzportal.exchange.models import FundingProgramme, PostKind, PostStatus, PostVisibility

KIND_LABELS = label_table(PostKind, N_("exchange.kind.offer"), N_("exchange.kind.request"),
                          N_("exchange.kind.project_idea"))
STATUS_LABELS = label_table(PostStatus, N_("exchange.status.pending"),
                            N_("exchange.status.published"), N_("exchange.status.rejected"),
                            N_("exchange.status.withdrawn"))
VISIBILITY_LABELS = label_table(PostVisibility, N_("exchange.visibility.members"),
                                N_("exchange.visibility.office"))
FUNDING_LABELS = label_table(FundingProgramme, N_("exchange.funding.zim"),
                             N_("exchange.funding.efre"),
                             N_("exchange.funding.horizon_europe"), N_("exchange.funding.bmbf"),
                             N_("exchange.funding.other"))
