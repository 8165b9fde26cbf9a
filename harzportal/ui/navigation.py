"""The navigation entries. A feature adds its entry when it lands, never before."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    route: str
    label_key: str
    icon: str
    staff_only: bool = False


MEMBER_ENTRIES = (
    NavEntry("/dashboard", "nav.dashboard", "layout_dashboard"),
)

STAFF_ENTRIES = (
    NavEntry("/admin/users", "nav.admin_users", "users", staff_only=True),
)

ACCOUNT_ENTRY = NavEntry("/account", "nav.account", "user_cog")
