"""The dashboard's views: frozen, typed, ready to show."""

from __future__ import annotations

from dataclasses import dataclass

from harzportal.ui import charts


@dataclass(frozen=True)
class AccountCardView:
    email: str
    role: str
    last_login: str


@dataclass(frozen=True)
class OrganizationCardView:
    name: str
    kind: str
    city: str
    federal_state: str
    employees: str
    member_since: str


@dataclass(frozen=True)
class AttentionItemView:
    icon: str
    tone: str  # red, amber, green, orange or blue
    text: str
    href: str


@dataclass(frozen=True)
class FiguresView:
    """The staff's key figures, each as shown on its card."""

    open_approvals: str
    oldest_approval: str  # "" when nothing waits
    outstanding: str
    overdue_count: str
    overdue_amount: str
    members: str
    active_users: str


ChartBarView = charts.ChartBarView  # one type for the dashboards' and the report's charts


EMPTY_ACCOUNT = AccountCardView(email="", role="", last_login="")
EMPTY_ORGANIZATION = OrganizationCardView(name="", kind="", city="", federal_state="",
                                          employees="", member_since="")
EMPTY_FIGURES = FiguresView(open_approvals="", oldest_approval="", outstanding="",
                            overdue_count="", overdue_amount="", members="", active_users="")
