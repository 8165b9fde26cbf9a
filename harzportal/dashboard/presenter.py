"""The dashboard in the reader's language: cards, what needs attention, the staff's figures.

Money, dates and numbers are Babel's formats (2.056,80 € / €2,056.80); counted texts take the
plural form that fits the count."""

from __future__ import annotations

from collections.abc import Callable

from harzportal.accounts.labels import ROLE_LABELS
from harzportal.accounts.models import User
from harzportal.core.formatting import day, moment, money, number
from harzportal.core.i18n import N_, label, translate, translate_plural
from harzportal.dashboard.attention import (
    Attention,
    ChangeRequestNews,
    NewDocuments,
    OpenInvoices,
    UpcomingSeminar,
)
from harzportal.dashboard.network import NetworkFigures, SeminarFill, Tally
from harzportal.dashboard.views import (
    AccountCardView,
    AttentionItemView,
    ChartBarView,
    FiguresView,
    OrganizationCardView,
)
from harzportal.organizations.labels import federal_state_label, kind_label
from harzportal.organizations.models import Organization
from harzportal.seminars.schedule import when

NOTHING = "–"
CHART_LABEL_LENGTH = 20


def account_view(user: User, language: str) -> AccountCardView:
    return AccountCardView(email=user.email, role=label(ROLE_LABELS, user.role, language),
                           last_login=moment(user.last_login_at, language))


def organization_view(organization: Organization, language: str) -> OrganizationCardView:
    employees = organization.employees
    return OrganizationCardView(
        name=organization.name,
        kind=kind_label(organization.kind, language),
        city=f"{organization.postal_code} {organization.city}".strip(),
        federal_state=federal_state_label(organization.federal_state, language),
        employees=number(employees, language) if employees is not None else NOTHING,
        member_since=day(organization.member_since, language),
    )


def attention_view(item: Attention, language: str) -> AttentionItemView:
    match item:
        case OpenInvoices():
            text = translate_plural("attention.invoices_one", "attention.invoices_other",
                                    item.count, language, overdue=item.overdue,
                                    amount=money(item.outstanding_cents, language))
            return AttentionItemView("receipt_euro", "red" if item.overdue else "blue", text,
                                     "/invoices")
        case ChangeRequestNews(decided=True):
            return AttentionItemView("circle_check", "green", translate(
                "attention.change_decided", language, date=day(item.on, language)),
                f"/organizations/{item.organization_id}")
        case ChangeRequestNews():
            return AttentionItemView("hourglass", "amber", translate(
                "attention.change_open", language, date=day(item.on, language)),
                f"/organizations/{item.organization_id}")
        case UpcomingSeminar():
            key = N_("attention.seminar_waitlisted") if item.waitlisted else N_(
                "attention.seminar_confirmed")
            return AttentionItemView(
                "graduation_cap", "amber" if item.waitlisted else "green",
                translate(key, language, title=item.seminar.title,
                          when=when(item.seminar, language)),
                f"/seminars/{item.seminar.id}")
        case NewDocuments():
            return AttentionItemView("folder_open", "orange", translate_plural(
                "attention.documents_one", "attention.documents_other", item.count, language),
                "/documents")
    raise TypeError(f"no view for {item!r}")


def figures_view(figures: NetworkFigures, language: str) -> FiguresView:
    approvals, fees = figures.approvals, figures.fees
    oldest = "" if approvals.oldest_days is None else translate_plural(
        "dashboard.oldest_days_one", "dashboard.oldest_days_other", approvals.oldest_days,
        language)
    return FiguresView(
        open_approvals=number(approvals.count, language),
        oldest_approval=oldest,
        outstanding=money(fees.outstanding_cents, language),
        overdue_count=number(fees.overdue_count, language),
        overdue_amount=money(fees.overdue_cents, language),
        members=number(figures.members, language),
        active_users=number(figures.active_users, language),
    )


def _short(title: str) -> str:
    return title if len(title) <= CHART_LABEL_LENGTH else title[:CHART_LABEL_LENGTH - 1] + "…"


def seminar_fill_bars(fills: tuple[SeminarFill, ...]) -> list[ChartBarView]:
    return [ChartBarView(label=_short(fill.title),
                         value=round(100 * fill.seats_taken / fill.capacity),
                         text=f"{fill.seats_taken} / {fill.capacity}") for fill in fills]


def tally_bars(tallies: tuple[Tally, ...], language: str,
               label: Callable[[str, str], str] | None = None) -> list[ChartBarView]:
    """Bars of counts; `label(key, language)` names each key (none: the key is the label)."""
    return [ChartBarView(label=label(tally.key, language) if label else tally.key,
                         value=tally.count, text=number(tally.count, language))
            for tally in tallies]
