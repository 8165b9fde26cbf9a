"""The backup archive `harzportal backup` writes and `harzportal restore` reads: its layout and
what writing and restoring share.

The archive is a gzip-compressed tar file with
  database/harzportal.sqlite3   SQLite: a copy made with SQLite's online backup API
  database/harzportal.pgdump    PostgreSQL: a `pg_dump --format=custom` dump
  files/<area>/<name>           every stored file under <data dir>/private (documents, logos,
                                invoice PDFs), named as on disk
  manifest.json                 written last: format, creation time, database kind, schema
                                revision and the size and SHA-256 of every other member

Writing: maintenance/backup.py; checking an archive: maintenance/backup_check.py; restoring it:
maintenance/restore.py.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess

from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

from harzportal import migrations

FORMAT = "harzportal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/harzportal.sqlite3",
                    "postgresql": "database/harzportal.pgdump"}
FILES_PREFIX = "files/"
FILES_ROOT = "private"  # the stored files live in <data dir>/private/<area>/<name>
TEMPORARY_SUFFIX = ".part"  # a write in progress (private_files, documents.storage)
CHUNK = 1024 * 1024
# One path segment: no leading dot (so never "." or ".."), no separators, no control characters.
SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,199}")


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message says why and what to do."""


def database_kind(engine: Engine) -> str:
    kind = engine.dialect.name
    if kind not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {kind}.")
    return kind


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def head_revision() -> str:
    return ScriptDirectory.from_config(migrations.alembic_config()).get_current_head()


def schema_revision(connection) -> str:
    """The schema revision a database is at (its alembic_version row); `connection` is a
    SQLAlchemy or a sqlite3 connection."""
    query = "SELECT version_num FROM alembic_version"
    try:
        result = connection.execute(query if isinstance(connection, sqlite3.Connection)
                                    else text(query))
        rows = [row[0] for row in result]
    except Exception:  # no alembic_version table: never migrated
        rows = []
    if len(rows) != 1:
        raise BackupError("The database has no schema revision; run `harzportal migrate` first.")
    return rows[0]


def libpq_command(engine: Engine, tool: str) -> tuple[list[str], dict[str, str]]:
    """The tool with the engine's database as a libpq URL; the password goes in PGPASSWORD."""
    program = shutil.which(tool)
    if program is None:
        raise BackupError(f"`{tool}` was not found; install the PostgreSQL client tools.")
    url = engine.url
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return [program, f"--dbname={plain}"], environment


def run_tool(command: list[str], environment: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")
