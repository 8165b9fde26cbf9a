"""Fixtures of the seminar tests: fee invoices store their PDFs in a temporary data directory,
"now" is fixed, and a staff member creates the seminars."""

from __future__ import annotations

import pytest

from harzportal.core import clock, private_files
from harzportal.core.roles import Role
from harzportal.invoices.issuing import PDF_AREA
from tests.seminars.helpers import NOW


@pytest.fixture(autouse=True)
def data_directory(private_data_dir):
    """Every test here stores files (fee invoice PDFs) in its own data folder."""
    assert private_files.directory(PDF_AREA).is_relative_to(private_data_dir)
    return private_data_dir


@pytest.fixture(autouse=True)
def fixed_now():
    """1 February 2027, 10:00 in Germany; the default seminar's registration is open."""
    with clock.fixed_at(NOW):
        yield NOW


@pytest.fixture
def staff(factories):
    return factories.user(None, role=Role.NETWORK_ADMIN, full_name="Greta Geschäftsstelle")


@pytest.fixture
def staff_actor(factories, staff):
    return factories.actor(staff)
