"""Fixtures of the SEPA debit tests: those of the invoice tests (a fixed today, 15 January
2027, a Friday; PDFs in a temporary folder), the default creditor id and a 5-day period."""

from __future__ import annotations

import pytest

from harzportal import settings
from tests.invoices.conftest import fixed_today, invoice_store, staff, staff_actor  # noqa: F401


@pytest.fixture(autouse=True)
def sepa_settings(invoice_store, monkeypatch):  # noqa: F811 - the invoice tests' fixture
    monkeypatch.setenv("HARZPORTAL_SEPA_CREDITOR_ID", "DE98ZZZ09999999999")
    monkeypatch.setenv("HARZPORTAL_SEPA_PRENOTIFICATION_DAYS", "5")
    settings.reload()
