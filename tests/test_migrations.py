"""The migrations: no drift from the models, data survives every upgrade, and the whole chain
can be undone and redone. On SQLite always; on PostgreSQL too when the suite runs there."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, make_url, text

from harzportal import migrations
from harzportal.all_models import metadata

pytestmark = pytest.mark.service


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database of its own (never the suite's shared test database)."""
    shared = os.environ.get("HARZPORTAL_TEST_DB_URL")
    if not shared:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = make_url(shared)
    name = f"{url.database}_migrations"
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _drift(url: str) -> list:
    engine = create_engine(url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    return differences


def test_the_migrated_schema_is_exactly_the_models(fresh_database_url):
    migrations.upgrade(fresh_database_url)
    assert _drift(fresh_database_url) == []


def test_data_of_the_first_schema_survives_the_upgrade(fresh_database_url):
    migrations.upgrade(fresh_database_url, "0001")
    engine = create_engine(fresh_database_url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organization (name, legal_form, kind, street, postal_code, city, "
            "federal_state, website, phone, email, description, status, created_at) VALUES "
            "('Straßenbau Öko GmbH', 'GmbH', 'chemical', 'Weg 1', '38640', 'Goslar', 'NI', '', "
            "'', '', '', 'active', CURRENT_TIMESTAMP)"))
        organization_id = connection.execute(text("SELECT id FROM organization")).scalar_one()
        connection.execute(text(
            "INSERT INTO \"user\" (email, full_name, job_title, phone, organization_id, role, "
            "is_active, preferred_language, created_at) VALUES ('anna@oeko.example', "
            "'Anna Öko', '', '', :organization, 'org_manager', true, 'de', CURRENT_TIMESTAMP)"),
            {"organization": organization_id})
    migrations.upgrade(fresh_database_url)
    with engine.connect() as connection:
        name, search_text, competences = connection.execute(text(
            "SELECT name, search_text, competences FROM organization")).one()
        listed = connection.execute(text(
            "SELECT listed_in_directory FROM \"user\" WHERE email = 'anna@oeko.example'")
        ).scalar_one()
        categories = connection.execute(text(
            "SELECT key FROM documentcategory ORDER BY position")).scalars().all()
    engine.dispose()
    assert name == "Straßenbau Öko GmbH"
    assert search_text == "strassenbau öko gmbh goslar"  # backfilled for the directory search
    assert competences == ""
    assert bool(listed) is False  # nobody is in the directory without opting in
    assert categories == ["hse", "data_protection", "templates", "minutes"]


def test_every_migration_can_be_undone_and_redone(fresh_database_url):
    migrations.upgrade(fresh_database_url)
    migrations.downgrade(fresh_database_url, "base")
    engine = create_engine(fresh_database_url)
    with engine.connect() as connection:
        tables = connection.execute(text(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'organization'"
            if engine.dialect.name == "postgresql" else
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'organization'"
        )).scalar_one()
    engine.dispose()
    assert tables == 0
    migrations.upgrade(fresh_database_url)
    assert _drift(fresh_database_url) == []
