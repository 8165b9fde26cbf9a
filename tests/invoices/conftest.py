"""Fixtures of the invoice tests: PDFs go to a temporary data directory, "today" is fixed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from harzportal import settings
from harzportal.core import clock, private_files
from harzportal.core.roles import Role
from harzportal.invoices.issuing import PDF_AREA

# 15 January 2027, 10:00 in Germany: invoices issued "today" are numbered CNH-2027-….
TODAY = datetime(2027, 1, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def invoice_store(private_data_dir, monkeypatch):
    """Every test here stores its PDFs in its own data folder, with the default invoice prefix
    and payment term."""
    monkeypatch.setenv("HARZPORTAL_INVOICE_PREFIX", "CNH")
    monkeypatch.setenv("HARZPORTAL_INVOICE_PAYMENT_DAYS", "30")
    settings.reload()
    directory = private_files.directory(PDF_AREA)
    assert directory.is_relative_to(private_data_dir)
    return directory


@pytest.fixture(autouse=True)
def fixed_today():
    with clock.fixed_at(TODAY):
        yield TODAY


@pytest.fixture
def staff(factories):
    return factories.user(None, role=Role.NETWORK_ADMIN)


@pytest.fixture
def staff_actor(factories, staff):
    return factories.actor(staff)
