"""Fixtures of the organization tests: logos go to a temporary data directory."""

from __future__ import annotations

import pytest

from harzportal import settings
from harzportal.organizations import logos


@pytest.fixture(autouse=True)
def logo_store(tmp_path, monkeypatch):
    """Every test here stores logos under its own temporary HARZPORTAL_DATA_DIR."""
    monkeypatch.setenv("HARZPORTAL_DATA_DIR", str(tmp_path / "data"))
    settings.reload()
    directory = logos.logo_directory()
    assert directory.is_relative_to(tmp_path)
    yield directory
    monkeypatch.undo()
    settings.reload()
