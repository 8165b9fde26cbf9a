"""Where an account stands: active, invited (no password set yet) or deactivated."""

from __future__ import annotations

from enum import StrEnum

from harzportal.accounts.models import User


class AccountStatus(StrEnum):
    ACTIVE = "active"
    INVITED = "invited"  # the invitation is not accepted: no password yet
    INACTIVE = "inactive"


def account_status(user: User) -> AccountStatus:
    if not user.is_active:
        return AccountStatus.INACTIVE
    return AccountStatus.INVITED if user.password_hash is None else AccountStatus.ACTIVE
