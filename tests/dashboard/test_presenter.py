"""The dashboard in German and English: Babel's formats for money and counts, and every
counted text read with 1 and with 2."""

from __future__ import annotations

from datetime import date

import pytest

from harzportal.dashboard import presenter
from harzportal.dashboard.attention import NewDocuments, OpenInvoices
from harzportal.dashboard.network import Approvals, Fees, NetworkFigures, Tally
from harzportal.organizations.models import Organization

FIGURES = NetworkFigures(
    members=1234, active_users=2, approvals=Approvals(count=3, oldest_days=12),
    fees=Fees(outstanding_cents=205680, overdue_count=1, overdue_cents=119000),
    by_kind=(Tally("chemical", 1234),), by_state=(Tally("NI", 1234),), seminar_fill=(),
    downloads=(Tally("2027-02", 1500),))


def test_the_staff_figures_in_german():
    view = presenter.figures_view(FIGURES, "de")
    assert (view.outstanding, view.overdue_amount) == ("2.056,80\xa0€", "1.190,00\xa0€")
    assert (view.members, view.active_users, view.open_approvals) == ("1.234", "2", "3")
    assert view.oldest_approval == "älteste seit 12 Tagen"
    [kind] = presenter.tally_bars(FIGURES.by_kind, "de", presenter.kind_label)
    assert (kind.label, kind.value, kind.text) == ("Chemische Industrie", 1234, "1.234")
    [month] = presenter.tally_bars(FIGURES.downloads, "de")
    assert (month.label, month.text) == ("2027-02", "1.500")


def test_the_staff_figures_in_english():
    view = presenter.figures_view(FIGURES, "en")
    assert (view.outstanding, view.overdue_amount) == ("€2,056.80", "€1,190.00")
    assert (view.members, view.active_users, view.open_approvals) == ("1,234", "2", "3")
    assert view.oldest_approval == "oldest 12 days"
    [state] = presenter.tally_bars(FIGURES.by_state, "en", presenter.federal_state_label)
    assert (state.label, state.text) == ("Lower Saxony", "1,234")


@pytest.mark.parametrize("language, member_since, employees", [
    ("de", "01.05.2019", "1.250"), ("en", "1 May 2019", "1,250")])
def test_the_organization_card(language, member_since, employees):
    organization = Organization(name="Harzer Chemiewerke GmbH", kind="chemical",
                                postal_code="38640", city="Goslar", federal_state="NI",
                                member_since=date(2019, 5, 1), employees=1250)
    view = presenter.organization_view(organization, language)
    assert (view.city, view.member_since, view.employees) == (
        "38640 Goslar", member_since, employees)


@pytest.mark.parametrize("days, language, expected", [
    (1, "de", "älteste seit 1 Tag"), (2, "de", "älteste seit 2 Tagen"),
    (1, "en", "oldest 1 day"), (2, "en", "oldest 2 days")])
def test_the_oldest_approval_is_counted(days, language, expected):
    figures = NetworkFigures(**{**FIGURES.__dict__,
                                "approvals": Approvals(count=1, oldest_days=days)})
    assert presenter.figures_view(figures, language).oldest_approval == expected


@pytest.mark.parametrize("count, language, expected", [
    (1, "de", "1 offene Rechnung, davon 1 überfällig – zusammen 100,00\xa0€"),
    (2, "de", "2 offene Rechnungen, davon 1 überfällig – zusammen 100,00\xa0€"),
    (1, "en", "1 open invoice, 1 overdue – €100.00 in total"),
    (2, "en", "2 open invoices, 1 of them overdue – €100.00 in total"),
])
def test_open_invoices_are_counted(count, language, expected):
    item = OpenInvoices(count=count, overdue=1, outstanding_cents=10000)
    view = presenter.attention_view(item, language)
    assert (view.text, view.tone, view.href) == (expected, "red", "/invoices")


@pytest.mark.parametrize("count, language, expected", [
    (1, "de", "1 neues oder aktualisiertes Dokument seit Ihrem letzten Besuch"),
    (2, "de", "2 neue oder aktualisierte Dokumente seit Ihrem letzten Besuch"),
    (1, "en", "1 new or updated document since your last visit"),
    (2, "en", "2 new or updated documents since your last visit"),
])
def test_new_documents_are_counted(count, language, expected):
    assert presenter.attention_view(NewDocuments(count), language).text == expected
