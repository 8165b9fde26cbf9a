"""Checking a backup archive before anything is restored from it (maintenance/restore.py).

The archive is read once into a staging folder under generated names: member names are
validated, links, directories and anything unexpected are refused, nothing is ever extracted by
its own name. Every member must match the manifest, and the database kind must be the target's
(SQLite into SQLite, PostgreSQL into PostgreSQL).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tarfile
import zlib
from pathlib import Path

from harzportal.core import private_files
from harzportal.maintenance.backup_archive import (
    CHUNK,
    DATABASE_MEMBERS,
    FILES_PREFIX,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    SEGMENT,
    BackupError,
    known_revisions,
)

MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_ARCHIVE_ERRORS = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)
# What the staging folder holds: archive member name -> (staged path, size, SHA-256).
Staged = dict[str, tuple[Path, int, str]]


def _checked_name(name: str) -> str:
    """An archive member name we accept, or BackupError (no paths of the archive's choosing)."""
    if name in DATABASE_MEMBERS.values() or name == MANIFEST:
        return name
    parts = name[len(FILES_PREFIX):].split("/") if name.startswith(FILES_PREFIX) else []
    if len(parts) < 2 or not all(SEGMENT.fullmatch(part) for part in parts):
        raise BackupError(f"The archive contains an unexpected member {name!r}; "
                          "it is not a HarzPortal backup or was altered. Nothing was restored.")
    return name


def _copy_member(source, target: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private_files.FILE_MODE)
    with os.fdopen(descriptor, "wb") as stream:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            stream.write(chunk)
    return size, digest.hexdigest()


def _read_members(stream, staging: Path, staged: Staged) -> bytes | None:
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


def unpack(archive_path: Path, staging: Path) -> tuple[dict, Staged]:
    """Read the archive once into `staging` under generated names; return manifest and members."""
    staged: Staged = {}
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


def verify(manifest: object, staged: Staged, kind: str) -> str:
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
    if revision not in known_revisions():
        raise BackupError(f"The backup's schema revision {revision!r} is unknown to this version "
                          f"of HarzPortal (made by a newer one?). {refused}")
    return DATABASE_MEMBERS[archived_kind]
