"""`harzportal restore`: a backup archive (maintenance/backup_archive.py) into an empty
installation.

Restoring checks first and changes afterwards: the target must be empty (no rows in any table
beyond the base document categories migration 0005 creates, no stored files) and the archive
must pass every check of maintenance/backup_check.py. Only then are the files moved into place
and the database restored; if that fails, the moved files are removed again. A backup made
before the newest migration is brought up to date (`migrate`) after the restore.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, literal, select, table, text
from sqlalchemy.engine import Engine

from harzportal import db, migrations
from harzportal.core import private_files
from harzportal.maintenance.backup_archive import (
    FILES_PREFIX,
    FILES_ROOT,
    BackupError,
    database_kind,
    head_revision,
    libpq_command,
    run_tool,
)
from harzportal.maintenance.backup_check import Staged, unpack, verify
from harzportal.settings import get as get_settings


@dataclass(frozen=True)
class RestoreSummary:
    database_kind: str
    schema_revision: str
    files: int
    total_bytes: int
    migrated_to: str | None


def installation_contents(engine: Engine, data_dir: Path) -> list[str]:
    """What makes an installation non-empty: tables with rows and stored files.

    A freshly migrated database is empty: its only rows are alembic's revision and the base
    document categories migration 0005 creates (unchanged)."""
    from harzportal.demo.documents import BASE_CATEGORIES

    base = {(key, name_de, name_en, position)
            for position, (key, name_de, name_en) in enumerate(BASE_CATEGORIES, start=1)}
    found = []
    with engine.connect() as connection:
        for name in sorted(inspect(connection).get_table_names()):
            if name == "alembic_version":
                continue
            if name == "documentcategory":
                rows = connection.execute(text(
                    "SELECT key, name_de, name_en, position FROM documentcategory")).all()
                if {tuple(row) for row in rows} <= base:
                    continue
            if connection.execute(select(literal(1)).select_from(table(name)).limit(1)).first():
                found.append(f"table {name}")
    root = data_dir / FILES_ROOT
    if root.is_dir() and any(not Path(folder, n).is_dir() or Path(folder, n).is_symlink()
                             for folder, dirs, names in os.walk(root) for n in names + dirs):
        found.append(f"files in {root}")
    return found


def _place_files(staged: Staged, data_dir: Path, placed: list[Path]) -> None:
    root = data_dir / FILES_ROOT
    for name, (path, _size, _sha256) in sorted(staged.items()):
        if not name.startswith(FILES_PREFIX):
            continue
        target = root.joinpath(*name[len(FILES_PREFIX):].split("/"))
        folders = [folder for folder in reversed(target.parents) if folder.is_relative_to(data_dir)]
        for folder in folders:
            if not folder.exists():
                private_files.make_private_folder(folder)
                placed.append(folder)
            elif folder.is_symlink() or not folder.is_dir():
                raise BackupError(f"{folder} is not a plain folder. Nothing was restored.")
        if target.exists() or target.is_symlink():
            raise BackupError(f"{target} exists already. Nothing was restored.")
        os.replace(path, target)
        placed.append(target)


def _restore_database(engine: Engine, kind: str, dump: Path) -> None:
    engine.dispose()  # no pooled connection holds on to the old content
    if kind == "sqlite":
        source = sqlite3.connect(dump)
        raw = engine.raw_connection()
        try:
            source.backup(raw.driver_connection)  # replaces the target's pages in one step
        finally:
            raw.close()
            source.close()
        engine.dispose()
        return
    command, environment = libpq_command(engine, "pg_restore")
    # One transaction: a failing restore leaves the (empty) target as it was. --clean drops the
    # empty tables a `migrate` created; the dump recreates them with data, sequences, triggers.
    run_tool(command + ["--single-transaction", "--exit-on-error", "--clean", "--if-exists",
                    "--no-owner", "--no-privileges", str(dump)], environment, "pg_restore")


def restore_backup(archive_path: Path | str, *, engine: Engine | None = None,
                   data_dir: Path | None = None) -> RestoreSummary:
    """Restore an archive into an empty installation (checks everything before changing it)."""
    engine = engine or db.get_engine()
    data_dir = Path(data_dir or get_settings().data_dir)
    kind = database_kind(engine)
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} is not a file.")
    contents = installation_contents(engine, data_dir)
    if contents:
        raise BackupError("Restore only into an empty installation (a new database and an empty "
                          f"data folder); the target has data: {', '.join(contents)}. "
                          "Nothing was restored.")
    created = [] if data_dir.exists() else [p for p in [*reversed(data_dir.parents), data_dir]
                                             if not p.exists()]
    private_files.make_private_folder(data_dir)
    staging = Path(tempfile.mkdtemp(dir=data_dir, prefix=".restore-"))
    placed: list[Path] = []
    try:
        manifest, staged = unpack(archive_path, staging)
        database_member = verify(manifest, staged, kind)
        _place_files(staged, data_dir, placed)
        _restore_database(engine, kind, staged[database_member][0])
    except BaseException:
        for path in reversed(placed):  # files first, then the folders made for them
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        shutil.rmtree(staging, ignore_errors=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    shutil.rmtree(staging, ignore_errors=True)
    revision = manifest["schema_revision"]
    migrated_to = None
    if revision != head_revision():
        migrations.upgrade(engine.url.render_as_string(hide_password=False))
        migrated_to = head_revision()
    return RestoreSummary(database_kind=kind, schema_revision=revision,
                          files=sum(1 for name in staged if name.startswith(FILES_PREFIX)),
                          total_bytes=sum(size for _path, size, _sha in staged.values()),
                          migrated_to=migrated_to)
