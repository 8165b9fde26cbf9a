"""Benchmark: streaming a 200 MB document through the download route of the running server.

    .venv/bin/python -m benchmarks.document_download --base-url http://localhost:3000 \
        --data-dir data --pid <server pid> [--megabytes 200]

Publishes a 200 MB file (a valid PDF header, random bytes) into the library of that server's
database as staff, downloads it through /files/documents/... with a staff session, and reports
the throughput against reading the same stored file directly, plus the server process' memory
(resident set of the process and its children, sampled every 20 ms) before and at its peak
during the download. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlmodel import select

from harzportal import db, settings
from harzportal.auth import sessions
from harzportal.auth.models import User
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.documents import service, storage
from harzportal.documents.models import DocumentCategory
from harzportal.documents.routes import download_url


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines()
                              if line.startswith("VmRSS:")))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
        stack.extend(int(child) for child in children)
    return total


def _big_file(megabytes: int) -> Path:
    path = Path(tempfile.mkdtemp(prefix="hp-bench-")) / "Großes Handbuch.pdf"
    with open(path, "wb") as stream:
        stream.write(b"%PDF-1.7\n")
        for _ in range(megabytes):
            stream.write(os.urandom(1024 * 1024))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://localhost:3000")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--pid", type=int, required=True, help="pid of `reflex run`")
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args()
    os.environ["HARZPORTAL_DATA_DIR"] = str(Path(args.data_dir).resolve())
    os.environ["HARZPORTAL_MAX_UPLOAD_MB"] = str(args.megabytes + 10)
    settings.reload()
    storage.MAX_UPLOAD_MB = args.megabytes + 10
    source = _big_file(args.megabytes)
    with db.unit_of_work() as session:
        admin = session.exec(select(User).where(User.role == Role.NETWORK_ADMIN.value)).first()
        staff = Actor(user_id=admin.id, organization_id=None, role=Role.NETWORK_ADMIN)
        category = session.exec(select(DocumentCategory)).first()
        with open(source, "rb") as stream:
            stored = storage.store_upload(stream, source.name)
        document = service.create_document(session, staff, {
            "title": "Benchmark 200 MB", "category_id": str(category.id), "audience": "all",
            "language": "de"}, stored, notify=False)
        token = sessions.start_session(session, admin)
    stored_path = storage.open_verified(stored.file_name, stored.sha256)

    began = time.perf_counter()
    digest = hashlib.sha256()
    with open(stored_path, "rb") as stream:
        while chunk := stream.read(64 * 1024):
            digest.update(chunk)
    direct_seconds = time.perf_counter() - began

    baseline = _tree_rss_kb(args.pid)
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(args.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    received = hashlib.sha256()
    began = time.perf_counter()
    with httpx.stream("GET", args.base_url + download_url(document.id),
                      cookies={"hp_session": token}, timeout=120) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes(64 * 1024):
            received.update(chunk)
    route_seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    size_mb = stored.size_bytes / 1024 / 1024
    assert received.hexdigest() == stored.sha256, "the route returned other bytes"
    print(f"file: {size_mb:.0f} MB, identical bytes through the route (SHA-256 compared)")
    print(f"reading the stored file directly (with SHA-256): {size_mb / direct_seconds:.0f} MB/s")
    print(f"through the route (hash check + streaming + HTTP): "
          f"{size_mb / route_seconds:.0f} MB/s ({route_seconds:.2f} s)")
    print(f"server memory: {baseline / 1024:.0f} MB before, peak {peak[0] / 1024:.0f} MB during "
          f"the download: +{(peak[0] - baseline) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
