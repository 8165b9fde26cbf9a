"""The organizations' enums as people read them: one message key per value (`N_`, so extraction
finds it) in a `core.i18n.label_table`, which checks the keys against the enum; looked up with
`core.i18n.label`. The one copy of each table: the organization's own pages, the invoices (fee
kinds), the library (audiences) and the dashboard import it from here."""

from __future__ import annotations

from harzportal.core.i18n import N_, label, label_table
from harzportal.organizations.models import (
    ChangeRequestStatus,
    ContactFunction,
    FederalState,
    FieldDecision,
    MembershipStatus,
    OrganizationKind,
)

KIND_LABELS = label_table(OrganizationKind, N_("org_kind.chemical"), N_("org_kind.metallurgical"),
                                            N_("org_kind.recycling"), N_("org_kind.logistics"),
                                            N_("org_kind.university"),
                                            N_("org_kind.business_development"),
                                            N_("org_kind.other"))
FEDERAL_STATE_LABELS = label_table(FederalState, N_("federal_state.NI"), N_("federal_state.ST"),
                                                 N_("federal_state.TH"), N_("federal_state.other"))
MEMBERSHIP_LABELS = label_table(MembershipStatus, N_("membership.active"), N_("membership.left"))
FUNCTION_LABELS = label_table(ContactFunction, N_("function.billing"), N_("function.hse"),
                                               N_("function.data_protection"),
                                               N_("function.profile_editor"))
CHANGE_STATUS_LABELS = label_table(ChangeRequestStatus, N_("change.status.open"),
                                                        N_("change.status.withdrawn"),
                                                        N_("change.status.decided"))
DECISION_LABELS = label_table(FieldDecision, N_("change.decision.pending"),
                                             N_("change.decision.approved"),
                                             N_("change.decision.rejected"))


def kind_label(kind: object, language: object) -> str:
    return label(KIND_LABELS, kind, language)


def federal_state_label(state: object, language: object) -> str:
    return label(FEDERAL_STATE_LABELS, state, language)
