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

from benchmarks.server import tree_rss_kb as _tree_rss_kb
from harzportal import db, settings
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.documents import service, storage
from harzportal.documents.models import DocumentCategory
from harzportal.documents.routes import download_url


def _big_file(megabytes: int) -> Path:
    path = Path(tempfile.mkdtemp(prefix="hp-bench-")) / "Großes Handbuch.pdf"
    with open(path, "wb") as stream:
        stream.write(b"%PDF-1.7\n")
        for _ in range(megabytes):
            stream.write(os.urandom(1024 * 1024))
    return path


def measure(base_url: str, data_dir: str | Path, pid: int, megabytes: int = 200) -> dict:
    """Publish a `megabytes` document into the server's database (the engine `db` points at)
    and download it through the route; returns the figures."""
    os.environ["HARZPORTAL_DATA_DIR"] = str(Path(data_dir).resolve())
    os.environ["HARZPORTAL_MAX_UPLOAD_MB"] = str(megabytes + 10)
    settings.reload()
    storage.MAX_UPLOAD_MB = megabytes + 10
    source = _big_file(megabytes)
    with db.unit_of_work() as session:
        admin = session.exec(select(User).where(User.role == Role.NETWORK_ADMIN.value)).first()
        staff = Actor(user_id=admin.id, organization_id=None, role=Role.NETWORK_ADMIN)
        category = session.exec(select(DocumentCategory)).first()
        with open(source, "rb") as stream:
            stored = storage.store_upload(stream, source.name)
        document = service.create_document(session, staff, {
            "title": f"Benchmark {megabytes} MB", "category_id": str(category.id),
            "audience": "all", "language": "de"}, stored, notify=False)
        token = sessions.start_session(session, admin)
    source.unlink()
    source.parent.rmdir()
    stored_path = storage.open_verified(stored.file_name, stored.sha256)

    began = time.perf_counter()
    digest = hashlib.sha256()
    with open(stored_path, "rb") as stream:
        while chunk := stream.read(64 * 1024):
            digest.update(chunk)
    direct_seconds = time.perf_counter() - began

    baseline = _tree_rss_kb(pid)
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    received = hashlib.sha256()
    began = time.perf_counter()
    with httpx.stream("GET", base_url + download_url(document.id),
                      headers={"Cookie": f"hp_session={token}"}, timeout=120) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes(64 * 1024):
            received.update(chunk)
    route_seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    size_mb = stored.size_bytes / 1024 / 1024
    return {"megabytes": size_mb, "identical": received.hexdigest() == stored.sha256,
            "direct_mb_s": size_mb / direct_seconds, "route_mb_s": size_mb / route_seconds,
            "route_s": route_seconds, "rss_before_mb": baseline / 1024,
            "rss_peak_mb": peak[0] / 1024, "rss_growth_mb": (peak[0] - baseline) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://localhost:3000")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--pid", type=int, required=True, help="pid of `reflex run`")
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args()
    figures = measure(args.base_url, args.data_dir, args.pid, args.megabytes)
    assert figures["identical"], "the route returned other bytes"
    print(f"file: {figures['megabytes']:.0f} MB, identical bytes through the route "
          "(SHA-256 compared)")
    print(f"reading the stored file directly (with SHA-256): {figures['direct_mb_s']:.0f} MB/s")
    print(f"through the route (hash check + streaming + HTTP): "
          f"{figures['route_mb_s']:.0f} MB/s ({figures['route_s']:.2f} s)")
    print(f"server memory: {figures['rss_before_mb']:.0f} MB before, peak "
          f"{figures['rss_peak_mb']:.0f} MB during the download: "
          f"+{figures['rss_growth_mb']:.1f} MB")


if __name__ == "__main__":
    main()
