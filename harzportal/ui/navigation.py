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
    requires: str = ""  # name of a PortalState bool var that must be true to show the entry


MEMBER_ENTRIES = (
    NavEntry("/dashboard", "nav.dashboard", "layout_dashboard"),
    NavEntry("/organization", "nav.organization", "building_2", members_only=True,
             section="/organizations/"),
    NavEntry("/invoices", "nav.invoices", "receipt_euro", members_only=True,
             section="/invoices/", requires="may_view_invoices"),
    NavEntry("/seminars", "nav.seminars", "graduation_cap", section="/seminars/"),
    NavEntry("/my-seminars", "nav.my_seminars", "calendar_check", members_only=True),
    NavEntry("/documents", "nav.library", "folder_open", section="/documents/"),
    NavEntry("/directory", "nav.directory", "book_user", section="/directory/"),
)

STAFF_ENTRIES = (
    NavEntry("/admin/approvals", "nav.approvals", "list_checks", staff_only=True,
             section="/admin/approvals/"),
    NavEntry("/admin/organizations", "nav.organizations", "building", staff_only=True,
             section="/organizations/"),
    NavEntry("/admin/invoices", "nav.admin_invoices", "receipt_euro", staff_only=True,
             section="/admin/invoices/"),
    NavEntry("/admin/fees", "nav.fees", "scale", staff_only=True),
    NavEntry("/admin/seminars", "nav.admin_seminars", "presentation", staff_only=True,
             section="/admin/seminars/"),
    NavEntry("/admin/documents", "nav.admin_documents", "folder_cog", staff_only=True,
             section="/admin/documents/"),
    NavEntry("/admin/users", "nav.admin_users", "users", staff_only=True),
    NavEntry("/admin/audit", "nav.audit", "scroll_text", staff_only=True),
)

ACCOUNT_ENTRY = NavEntry("/account", "nav.account", "user_cog")
