"""`harzportal backup`: one archive with everything an installation holds (its layout:
maintenance/backup_archive.py).

The database is dumped first and the files copied afterwards: stored files are content-addressed,
never rewritten, and a file a database row names is never deleted, so every file the dump refers
to is in the archive. The archive is written to a temporary file next to the target and renamed
when complete, so a failed backup leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import sqlite3
import stat
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from harzportal import db
from harzportal.core import clock, private_files
from harzportal.maintenance.backup_archive import (
    DATABASE_MEMBERS,
    FILES_PREFIX,
    FILES_ROOT,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    SEGMENT,
    TEMPORARY_SUFFIX,
    BackupError,
    database_kind,
    libpq_command,
    run_tool,
    schema_revision,
)
from harzportal.settings import get as get_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    database_kind: str
    schema_revision: str
    files: int
    total_bytes: int
    skipped: list[str] = field(default_factory=list)


def default_archive_name() -> str:
    return f"harzportal-backup-{clock.now().strftime('%Y%m%d-%H%M%S')}.tar.gz"


class _HashingReader:
    """Reads a file for tarfile while hashing exactly what goes into the archive."""

    def __init__(self, stream):
        self.stream, self.digest, self.size = stream, hashlib.sha256(), 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> dict:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise BackupError(f"{path} is not a regular file.")
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = status.st_size, int(status.st_mtime), 0o600
        reader = _HashingReader(stream)
        archive.addfile(info, reader)
    return {"name": name, "size": reader.size, "sha256": reader.digest.hexdigest()}


def _stored_files(data_dir: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """(archive name, path) of every stored file, and what was skipped (links, odd names)."""
    root = data_dir / FILES_ROOT
    found, skipped = [], []
    if not root.is_dir():
        return found, skipped
    for folder, directories, names in os.walk(root, followlinks=False):
        directories.sort()
        relative_folder = Path(folder).relative_to(root)
        for name in sorted(names) + [d for d in directories if (Path(folder) / d).is_symlink()]:
            path = Path(folder) / name
            relative = (relative_folder / name).as_posix()
            if name.endswith(TEMPORARY_SUFFIX) and not path.is_symlink():
                continue  # an upload still being written: not data yet
            if (not stat.S_ISREG(path.lstat().st_mode)
                    or not all(SEGMENT.fullmatch(part) for part in relative.split("/"))
                    or "/" not in relative):
                skipped.append(relative)
                log.warning("Backup skips %s: not a regular stored file", path)
                continue
            found.append((FILES_PREFIX + relative, path))
    return found, skipped


def _dump_database(engine: Engine, kind: str, target: Path) -> str:
    """Dump the database consistently into `target`; return its schema revision."""
    if kind == "sqlite":
        raw = engine.raw_connection()
        try:
            copy = sqlite3.connect(target)
            try:
                raw.driver_connection.backup(copy)  # SQLite's online backup API: one snapshot
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                return schema_revision(copy)
            finally:
                copy.close()
        finally:
            raw.close()
    with engine.connect() as connection:
        revision = schema_revision(connection)
    command, environment = libpq_command(engine, "pg_dump")
    run_tool(command + ["--format=custom", f"--file={target}"], environment, "pg_dump")
    return revision


def create_backup(output: Path | str | None = None, *, engine: Engine | None = None,
                  data_dir: Path | None = None) -> BackupSummary:
    """Write one archive with the database, every stored file and the manifest."""
    engine = engine or db.get_engine()
    data_dir = Path(data_dir or get_settings().data_dir)
    kind = database_kind(engine)
    output = Path(output or default_archive_name()).absolute()
    if output.exists() or output.is_symlink():
        raise BackupError(f"{output} exists already; choose another name with --output.")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    created_at = clock.now()
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".harzportal-backup-") as work:
        dump = Path(work) / "database"
        revision = _dump_database(engine, kind, dump)
        files, skipped = _stored_files(data_dir)
        part = Path(work) / ("archive" + TEMPORARY_SUFFIX)
        with tarfile.open(part, "w:gz", format=tarfile.PAX_FORMAT) as archive:
            members = [_add_file(archive, DATABASE_MEMBERS[kind], dump)]
            members.extend(_add_file(archive, name, path) for name, path in files)
            manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                        "created_at": created_at.isoformat(), "database_kind": kind,
                        "schema_revision": revision, "members": members}
            content = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(content), int(created_at.timestamp()), 0o600
            archive.addfile(info, io.BytesIO(content))
        os.chmod(part, private_files.FILE_MODE)  # the whole installation's data: ours alone
        with part.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(part, output)
    _fsync_folder(output.parent)
    return BackupSummary(path=output, database_kind=kind, schema_revision=revision,
                         files=len(files), total_bytes=sum(m["size"] for m in members),
                         skipped=skipped)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
