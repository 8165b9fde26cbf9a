"""Fixtures of the organization tests: logos go to a temporary data directory."""

from __future__ import annotations

import pytest

from harzportal.organizations import logos


@pytest.fixture(autouse=True)
def logo_store(private_data_dir):
    """Every test here stores logos in its own data folder."""
    directory = logos.logo_directory()
    assert directory.is_relative_to(private_data_dir)
    return directory
