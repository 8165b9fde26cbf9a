"""The organizations' enums as people read them: one message key per value (`N_`, so extraction
finds it), looked up with `core.i18n.label`. The one copy of each table: the organization's own
pages, the invoices (fee kinds), the library (audiences) and the dashboard import it from here."""

from __future__ import annotations

from harzportal.core.i18n import N_, label
from harzportal.organizations.models import (
    ChangeRequestStatus,
    ContactFunction,
    FederalState,
    FieldDecision,
    MembershipStatus,
    OrganizationKind,
)

KIND_LABELS = {
    OrganizationKind.CHEMICAL: N_("org_kind.chemical"),
    OrganizationKind.METALLURGICAL: N_("org_kind.metallurgical"),
    OrganizationKind.RECYCLING: N_("org_kind.recycling"),
    OrganizationKind.LOGISTICS: N_("org_kind.logistics"),
    OrganizationKind.UNIVERSITY: N_("org_kind.university"),
    OrganizationKind.BUSINESS_DEVELOPMENT: N_("org_kind.business_development"),
    OrganizationKind.OTHER: N_("org_kind.other"),
}
FEDERAL_STATE_LABELS = {
    FederalState.LOWER_SAXONY: N_("federal_state.NI"),
    FederalState.SAXONY_ANHALT: N_("federal_state.ST"),
    FederalState.THURINGIA: N_("federal_state.TH"),
    FederalState.OTHER: N_("federal_state.other"),
}
MEMBERSHIP_LABELS = {
    MembershipStatus.ACTIVE: N_("membership.active"),
    MembershipStatus.LEFT: N_("membership.left"),
}
FUNCTION_LABELS = {
    ContactFunction.BILLING: N_("function.billing"),
    ContactFunction.HSE: N_("function.hse"),
    ContactFunction.DATA_PROTECTION: N_("function.data_protection"),
    ContactFunction.PROFILE_EDITOR: N_("function.profile_editor"),
}
CHANGE_STATUS_LABELS = {
    ChangeRequestStatus.OPEN: N_("change.status.open"),
    ChangeRequestStatus.WITHDRAWN: N_("change.status.withdrawn"),
    ChangeRequestStatus.DECIDED: N_("change.status.decided"),
}
DECISION_LABELS = {
    FieldDecision.PENDING: N_("change.decision.pending"),
    FieldDecision.APPROVED: N_("change.decision.approved"),
    FieldDecision.REJECTED: N_("change.decision.rejected"),
}


def kind_label(kind: object, language: object) -> str:
    return label(KIND_LABELS, kind, language)


def federal_state_label(state: object, language: object) -> str:
    return label(FEDERAL_STATE_LABELS, state, language)
