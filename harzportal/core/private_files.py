"""Private file storage under the data directory, outside `assets/` and Reflex's upload folder.

Files are named by the SHA-256 of their content (content-addressed, so never overwritten with
something else), written to a temporary file in the same folder and renamed when complete, so a
crash never leaves a half-written file under a real name. They leave the server only through our
own routes, after a permission check.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from harzportal.settings import get as get_settings

_NAME = re.compile(r"[0-9a-f]{64}\.[a-z0-9]{1,5}")


def directory(area: str) -> Path:
    return get_settings().data_dir / "private" / area


def store(area: str, content: bytes, suffix: str) -> tuple[str, str]:
    """Store `content`; return its file name and SHA-256."""
    digest = hashlib.sha256(content).hexdigest()
    name = f"{digest}.{suffix}"
    folder = directory(area)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return name, digest


def path_of(area: str, name: object) -> Path | None:
    """The stored file of a name we generated, or None for anything else (no path tricks)."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return None
    path = directory(area) / name
    return path if path.is_file() else None


def read_verified(area: str, name: str, sha256: str) -> bytes | None:
    """The file's bytes if it exists and still has the recorded SHA-256, else None."""
    path = path_of(area, name)
    if path is None:
        return None
    content = path.read_bytes()
    return content if hashlib.sha256(content).hexdigest() == sha256 else None
