"""Shared fixtures: a migrated database (SQLite by default, PostgreSQL when
HARZPORTAL_TEST_DB_URL is set, as .ci/run does), a fixed clock and data factories."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from harzportal import db, jobs, migrations, settings
from harzportal.all_models import metadata
from harzportal.core import clock

pytest_plugins = ["tests.factories"]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("HARZPORTAL_TEST_DB_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    )
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session", autouse=True)
def jobs_run_at_once():
    """Jobs run right after the commit that asked for them (Huey's immediate mode: the real
    task, no queue), so a test sees an issued invoice's PDF; tests/invoices/test_document_jobs.py
    runs them through a real queue and consumer instead."""
    jobs.huey.immediate = True
    yield
    jobs.huey.immediate = False


@pytest.fixture
def engine(database_url):
    """The application's engine, pointed at the test database; every table emptied afterwards,
    and the engine used before (the browser suite's server database) in use again."""
    before = db._engine  # noqa: SLF001 - put back what a session fixture had set
    engine = db.make_engine(database_url)
    db.use_engine(engine)
    yield engine
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # TRUNCATE: audit events refuse DELETE there (append-only trigger).
            names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(metadata.sorted_tables):
                connection.execute(text(f'DELETE FROM "{table.name}"'))
    db.use_engine(before)
    engine.dispose()


@pytest.fixture
def private_data_dir(tmp_path, monkeypatch):
    """This test's own HARZPORTAL_DATA_DIR: stored files (invoice PDFs, documents, logos) go
    there, never into the project's data/ folder."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("HARZPORTAL_DATA_DIR", str(data_dir))
    settings.reload()
    yield data_dir
    monkeypatch.undo()
    settings.reload()


@pytest.fixture
def session(engine):
    """A unit of work for arranging and checking data directly."""
    with db.unit_of_work() as work:
        yield work


class FakeClock:
    def __init__(self, start: datetime):
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        self.current += timedelta(**delta)


@pytest.fixture
def fake_clock():
    fake = FakeClock(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    clock.set_clock(fake)
    yield fake
    clock.set_clock(None)


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's sync API keeps an event loop running for the rest of
    the session, which would stop the async tests that come after it."""
    items.sort(key=lambda item: "tests/e2e/" in item.nodeid.replace("\\", "/"))
