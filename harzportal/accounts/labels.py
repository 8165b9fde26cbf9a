"""Roles and account states as people read them: one message key per value (`N_`, so
extraction finds it), looked up with `core.i18n.label`. The one copy of each table."""

from __future__ import annotations

from harzportal.accounts.status import AccountStatus
from harzportal.core.i18n import N_
from harzportal.core.roles import Role

ROLE_LABELS = {
    Role.CONTACT: N_("role.contact"),
    Role.ORG_MANAGER: N_("role.org_manager"),
    Role.NETWORK_ADMIN: N_("role.network_admin"),
}
ACCOUNT_STATUS_LABELS = {
    AccountStatus.ACTIVE: N_("user_status.active"),
    AccountStatus.INVITED: N_("user_status.invited"),
    AccountStatus.INACTIVE: N_("user_status.inactive"),
}
