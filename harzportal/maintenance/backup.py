"""`harzportal backup` and `harzportal restore`: one archive with everything an installation holds.

The archive is a gzip-compressed tar file with
  database/harzportal.sqlite3   SQLite: a copy made with SQLite's online backup API
  database/harzportal.pgdump    PostgreSQL: a `pg_dump --format=custom` dump
  files/<area>/<name>           every stored file under <data dir>/private (documents, logos,
                                invoice PDFs), named as on disk
  manifest.json                 written last: format, creation time, database kind, schema
                                revision and the size and SHA-256 of every other member

The database is dumped first and the files copied afterwards: stored files are content-addressed,
never rewritten, and a file a database row names is never deleted, so every file the dump refers
to is in the archive. The archive is written to a temporary file next to the target and renamed
when complete, so a failed backup leaves nothing behind.

Restoring checks first and changes afterwards: the target must be empty (no rows in any table
beyond the base document categories migration 0005 creates, no stored files), the archive is
read once into a staging folder under generated names (member names are validated, links,
directories and anything unexpected are refused, nothing is ever extracted by its own name),
every member must match the manifest, and the database kind must be the target's (SQLite into
SQLite, PostgreSQL into PostgreSQL). Only then are the files moved into place and the database
restored; if that fails, the moved files are removed again. A backup made before the newest
migration is brought up to date (`migrate`) after the restore.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, literal, select, table, text
from sqlalchemy.engine import Engine

from harzportal import db, migrations
from harzportal.core import clock
from harzportal.settings import get as get_settings

log = logging.getLogger(__name__)

FORMAT = "harzportal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/harzportal.sqlite3",
                    "postgresql": "database/harzportal.pgdump"}
FILES_PREFIX = "files/"
FILES_ROOT = "private"  # the stored files live in <data dir>/private/<area>/<name>
TEMPORARY_SUFFIX = ".part"  # a write in progress (private_files, documents.storage)
CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
# One path segment: no leading dot (so never "." or ".."), no separators, no control characters.
_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,199}")
_ARCHIVE_ERRORS = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message says why and what to do."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    database_kind: str
    schema_revision: str
    files: int
    total_bytes: int
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreSummary:
    database_kind: str
    schema_revision: str
    files: int
    total_bytes: int
    migrated_to: str | None


def default_archive_name() -> str:
    return f"harzportal-backup-{clock.now().strftime('%Y%m%d-%H%M%S')}.tar.gz"


def database_kind(engine: Engine) -> str:
    kind = engine.dialect.name
    if kind not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {kind}.")
    return kind


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _head_revision() -> str:
    return ScriptDirectory.from_config(migrations.alembic_config()).get_current_head()


def _revision(connection) -> str:
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


# Writing a backup --------------------------------------------------------------------------------

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
                    or not all(_SEGMENT.fullmatch(part) for part in relative.split("/"))
                    or "/" not in relative):
                skipped.append(relative)
                log.warning("Backup skips %s: not a regular stored file", path)
                continue
            found.append((FILES_PREFIX + relative, path))
    return found, skipped


def _libpq_command(engine: Engine, tool: str) -> tuple[list[str], dict[str, str]]:
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


def _run(command: list[str], environment: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(engine: Engine, kind: str, target: Path) -> str:
    """Dump the database consistently into `target`; return its schema revision."""
    if kind == "sqlite":
        raw = engine.raw_connection()
        try:
            copy = sqlite3.connect(target)
            try:
                raw.driver_connection.backup(copy)  # SQLite's online backup API: one snapshot
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                return _revision(copy)
            finally:
                copy.close()
        finally:
            raw.close()
    with engine.connect() as connection:
        revision = _revision(connection)
    command, environment = _libpq_command(engine, "pg_dump")
    _run(command + ["--format=custom", f"--file={target}"], environment, "pg_dump")
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


# Restoring ---------------------------------------------------------------------------------------

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


def _checked_name(name: str) -> str:
    """An archive member name we accept, or BackupError (no paths of the archive's choosing)."""
    if name in DATABASE_MEMBERS.values() or name == MANIFEST:
        return name
    parts = name[len(FILES_PREFIX):].split("/") if name.startswith(FILES_PREFIX) else []
    if len(parts) < 2 or not all(_SEGMENT.fullmatch(part) for part in parts):
        raise BackupError(f"The archive contains an unexpected member {name!r}; "
                          "it is not a HarzPortal backup or was altered. Nothing was restored.")
    return name


def _copy_member(source, target: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with target.open("xb") as stream:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            stream.write(chunk)
    return size, digest.hexdigest()


def _read_members(stream, staging: Path, staged: dict[str, tuple[Path, int, str]]) -> bytes | None:
    """Stage every member under a generated name; return the manifest's bytes."""
    manifest_bytes = None
    with tarfile.open(fileobj=stream, mode="r|") as archive:
        for member in archive:
            name = _checked_name(member.name)
            if not member.isreg():
                raise BackupError(f"The archive member {name!r} is not a regular file "
                                  "(links and devices are refused). Nothing was restored.")
            if name in staged or (name == MANIFEST and manifest_bytes is not None):
                raise BackupError(f"The archive contains {name!r} twice. Nothing was restored.")
            source = archive.extractfile(member)
            if name == MANIFEST:
                if member.size > MAX_MANIFEST_BYTES:
                    raise BackupError("The archive's manifest is too large. Nothing was restored.")
                manifest_bytes = source.read()
                continue
            target = staging / f"member-{len(staged):07d}"
            staged[name] = (target, *_copy_member(source, target))
    return manifest_bytes


def _unpack(archive_path: Path, staging: Path) -> tuple[dict, dict[str, tuple[Path, int, str]]]:
    """Read the archive once into `staging` under generated names; return manifest and members."""
    staged: dict[str, tuple[Path, int, str]] = {}
    damaged = (f"{archive_path} is damaged or truncated (it cannot be read to its end). "
               "Nothing was restored.")
    try:
        with archive_path.open("rb") as raw:
            compressed = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
            manifest_bytes = _read_members(stream, staging, staged)
            while stream.read(CHUNK):  # to the very end: a cut or a wrong CRC shows here
                pass
    except _ARCHIVE_ERRORS:
        raise BackupError(damaged) from None
    if manifest_bytes is None:
        raise BackupError(f"{archive_path} has no manifest: it is truncated or not a HarzPortal "
                          "backup. Nothing was restored.")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise BackupError("The archive's manifest is not valid JSON. Nothing was restored.") from None
    return manifest, staged


def _verify(manifest: object, staged: dict[str, tuple[Path, int, str]], kind: str) -> str:
    """Every member as the manifest records it and the right database kind; the database member."""
    refused = "Nothing was restored."
    if (not isinstance(manifest, dict) or manifest.get("format") != FORMAT
            or not isinstance(manifest.get("members"), list)):
        raise BackupError(f"The archive is not a HarzPortal backup. {refused}")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"Backup format {manifest.get('format_version')!r} is not supported "
                          f"(this version reads {FORMAT_VERSION}). {refused}")
    listed = {}
    for entry in manifest["members"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise BackupError(f"The manifest has a malformed entry. {refused}")
        listed[entry["name"]] = (entry.get("size"), entry.get("sha256"))
    missing, unlisted = sorted(set(listed) - set(staged)), sorted(set(staged) - set(listed))
    if missing or unlisted:
        raise BackupError(f"The archive does not match its manifest (missing: {missing[:5]}, not "
                          f"listed: {unlisted[:5]}): it is truncated or was altered. {refused}")
    for name, (_path, size, sha256) in staged.items():
        if listed[name] != (size, sha256):
            raise BackupError(f"The archive member {name!r} does not match its SHA-256 or size in "
                              f"the manifest: the archive was altered or damaged. {refused}")
    archived_kind = manifest.get("database_kind")
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    if archived_kind not in DATABASE_MEMBERS or DATABASE_MEMBERS[archived_kind] not in staged:
        raise BackupError(f"The archive holds no database dump. {refused}")
    if [n for n in staged if n.startswith("database/")] != [DATABASE_MEMBERS[archived_kind]]:
        raise BackupError(f"The archive holds more than one database dump. {refused}")
    if archived_kind != kind:
        raise BackupError(f"This backup holds a {names[archived_kind]} database, but the target "
                          f"database is {names[kind]}. Restore a {names[kind]} backup, or point "
                          f"REFLEX_DB_URL at a {names[archived_kind]} database. {refused}")
    revision = manifest.get("schema_revision")
    if revision not in _known_revisions():
        raise BackupError(f"The backup's schema revision {revision!r} is unknown to this version "
                          f"of HarzPortal (made by a newer one?). {refused}")
    return DATABASE_MEMBERS[archived_kind]


def _place_files(staged: dict[str, tuple[Path, int, str]], data_dir: Path,
                 placed: list[Path]) -> None:
    root = data_dir / FILES_ROOT
    for name, (path, _size, _sha256) in sorted(staged.items()):
        if not name.startswith(FILES_PREFIX):
            continue
        target = root.joinpath(*name[len(FILES_PREFIX):].split("/"))
        folders = [folder for folder in reversed(target.parents) if folder.is_relative_to(data_dir)]
        for folder in folders:
            if not folder.exists():
                folder.mkdir()
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
    command, environment = _libpq_command(engine, "pg_restore")
    # One transaction: a failing restore leaves the (empty) target as it was. --clean drops the
    # empty tables a `migrate` created; the dump recreates them with data, sequences, triggers.
    _run(command + ["--single-transaction", "--exit-on-error", "--clean", "--if-exists",
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
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=data_dir, prefix=".restore-"))
    placed: list[Path] = []
    try:
        manifest, staged = _unpack(archive_path, staging)
        database_member = _verify(manifest, staged, kind)
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
    if revision != _head_revision():
        migrations.upgrade(engine.url.render_as_string(hide_password=False))
        migrated_to = _head_revision()
    return RestoreSummary(database_kind=kind, schema_revision=revision,
                          files=sum(1 for name in staged if name.startswith(FILES_PREFIX)),
                          total_bytes=sum(size for _path, size, _sha in staged.values()),
                          migrated_to=migrated_to)
