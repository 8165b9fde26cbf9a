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
    NavEntry("/organization", "nav.organization", "building_2"),
    NavEntry("/directory", "nav.directory", "book_user"),
)

STAFF_ENTRIES = (
    NavEntry("/admin/approvals", "nav.approvals", "list_checks", staff_only=True),
    NavEntry("/admin/organizations", "nav.organizations", "building", staff_only=True),
    NavEntry("/admin/users", "nav.admin_users", "users", staff_only=True),
)

ACCOUNT_ENTRY = NavEntry("/account", "nav.account", "user_cog")
