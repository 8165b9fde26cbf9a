"""Roles and account states as people read them: one message key per value (`N_`, so
extraction finds it) in a `core.i18n.label_table`, which checks the keys against the enum; looked
up with `core.i18n.label`. The one copy of each table."""

from __future__ import annotations

from harzportal.accounts.status import AccountStatus
from harzportal.core.i18n import N_, label_table
from harzportal.core.roles import Role

ROLE_LABELS = label_table(Role, N_("role.contact"), N_("role.org_manager"),
                                N_("role.network_admin"))
ACCOUNT_STATUS_LABELS = label_table(AccountStatus, N_("user_status.active"),
                                                   N_("user_status.invited"),
                                                   N_("user_status.inactive"))
