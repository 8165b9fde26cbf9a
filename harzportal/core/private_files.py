"""Private file storage under the data directory, outside `assets/` and Reflex's upload folder.

Files are named by the SHA-256 of their content (content-addressed, so never overwritten with
something else), written to a temporary file in the same folder and renamed when complete, so a
crash never leaves a half-written file under a real name. They leave the server only through our
own routes, after a permission check.

On the disk they are the server account's alone, whatever the process umask: files 0600, the
data folder (when we create it), `private/` and each area's folder 0700 (`area_folder` tightens
folders of an older installation). The SQLite database follows the same rule (`db.make_engine`).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from harzportal.settings import get as get_settings

_NAME = re.compile(r"[0-9a-f]{64}\.[a-z0-9]{1,5}")


FOLDER_MODE = 0o700
FILE_MODE = 0o600


def directory(area: str) -> Path:
    return get_settings().data_dir / "private" / area


def make_private_folder(folder: Path) -> Path:
    """Create `folder` and its missing parents with mode 0700 (not left to the umask); folders
    that exist already are left as they are."""
    for path in [*reversed(folder.parents), folder]:
        if path.is_dir():
            continue
        try:
            path.mkdir(mode=FOLDER_MODE)
        except FileExistsError:  # made by another process just now
            continue
        os.chmod(path, FOLDER_MODE)
    return folder


def tighten(path: Path, mode: int) -> None:
    """Take away every permission of group and others (a file or folder of an older version)."""
    if os.stat(path).st_mode & 0o077:
        os.chmod(path, mode)


def area_folder(area: str) -> Path:
    """The area's folder, there and private (0700, as is `private/` above it)."""
    folder = make_private_folder(directory(area))
    tighten(folder.parent, FOLDER_MODE)
    tighten(folder, FOLDER_MODE)
    return folder


def store(area: str, content: bytes, suffix: str) -> tuple[str, str]:
    """Store `content`; return its file name and SHA-256."""
    digest = hashlib.sha256(content).hexdigest()
    name = f"{digest}.{suffix}"
    folder = area_folder(area)
    target = folder / name
    if not target.exists():
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")  # 0600
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
