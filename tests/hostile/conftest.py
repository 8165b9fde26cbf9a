"""Hostile input tests: settings profiles, the count of inputs tried, and a private data folder.

`HYPOTHESIS_PROFILE=fuzz` (``make fuzz``) tries many more inputs than the normal suite. The
number of hostile inputs every test tried is printed at the end of the run and written to
``artifacts/hostile/inputs-<profile>.json``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from harzportal.core import private_files
from tests.hostile import counting

# Each test creates its data once (function-scoped fixtures: `engine`, the world of the test)
# and runs every example in a fresh unit of work against it. That is safe: an example that is
# refused must leave the database exactly as it was (each test asserts it), and an accepted one
# only adds to or edits the shared data, which the following examples are free to meet. So the
# function-scoped fixture health check, which warns about fixtures that are *not* reset between
# examples, does not apply here.
_COMMON = {
    "deadline": None,  # database round trips vary, especially on PostgreSQL
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                              HealthCheck.data_too_large],
    "database": DirectoryBasedExampleDatabase(".pytest_cache/hypothesis"),
    "print_blob": True,
}
settings.register_profile("hostile", max_examples=12, **_COMMON)
settings.register_profile("fuzz", max_examples=250, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "hostile")
settings.load_profile(PROFILE)


@pytest.fixture(autouse=True)
def private_data(private_data_dir):
    """Files (invoice PDFs, documents, logos) go to this test's own data folder."""
    assert private_files.directory("documents").is_relative_to(private_data_dir)
    return private_data_dir


def pytest_terminal_summary(terminalreporter):
    if not counting.TRIED:
        return
    total = sum(counting.TRIED.values())
    terminalreporter.write_sep("-", f"hostile inputs tried: {total} (profile {PROFILE})")
    terminalreporter.write_line(
        ", ".join(f"{outcome}: {count}" for outcome, count in sorted(counting.OUTCOMES.items())))
    for name, count in sorted(counting.TRIED.items()):
        terminalreporter.write_line(f"{count:>7}  {name}")
    target = Path("artifacts/hostile") / f"inputs-{PROFILE}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"profile": PROFILE, "total": total,
                                  "outcomes": dict(counting.OUTCOMES),
                                  "per_test": dict(sorted(counting.TRIED.items()))}, indent=2))
