"""The navigation entries. A feature adds its entry when it lands, never before."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    route: str
    label_key: str
    icon: str
    staff_only: bool = False
    members_only: bool = False  # hidden for staff, who reach every organization from their list
    section: str = ""  # pages below this path also mark the entry as the current one


MEMBER_ENTRIES = (
    NavEntry("/dashboard", "nav.dashboard", "layout_dashboard"),
    NavEntry("/organization", "nav.organization", "building_2", members_only=True,
             section="/organizations/"),
    NavEntry("/directory", "nav.directory", "book_user", section="/directory/"),
)

STAFF_ENTRIES = (
    NavEntry("/admin/approvals", "nav.approvals", "list_checks", staff_only=True,
             section="/admin/approvals/"),
    NavEntry("/admin/organizations", "nav.organizations", "building", staff_only=True,
             section="/organizations/"),
    NavEntry("/admin/users", "nav.admin_users", "users", staff_only=True),
)

ACCOUNT_ENTRY = NavEntry("/account", "nav.account", "user_cog")
