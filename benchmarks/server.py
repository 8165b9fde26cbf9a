"""The benchmark's own PostgreSQL database (created, seeded with `seed-scale`, dropped) and its own
production server (`harzportal build`, then `harzportal serve`: Granian on the built app, as
`make run` starts it, on a free port, own build folder)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WEB_DIR = ROOT / ".e2e" / "web-bench"
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_rss_kb(pid: int) -> int:
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


def tree_pids(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found.append(current)
        stack.extend(int(child) for child in children)
    return found


def backend_pid(pid: int) -> int:
    """The process that serves the app (`harzportal serve` itself with one worker, else a
    Granian worker): the process of the tree with the largest resident memory."""
    best, best_rss, stack = pid, 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss = int(next(line.split()[1] for line in status.splitlines()
                           if line.startswith("VmRSS:")))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
        if rss > best_rss:
            best, best_rss = current, rss
        stack.extend(int(child) for child in children)
    return best


@dataclass
class BenchDatabase:
    url: str  # SQLAlchemy URL of the benchmark database
    name: str


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql)


def seed(url: str, sizes: dict[str, int], data_dir: Path) -> float:
    """`harzportal migrate` and `harzportal seed-scale` on the database at `url`; the seconds
    the seeding took."""
    env = os.environ | {"REFLEX_DB_URL": url, "HARZPORTAL_DATA_DIR": str(data_dir)}
    subprocess.run([str(BIN / "harzportal"), "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    began = time.perf_counter()
    seeded = subprocess.run(
        [str(BIN / "harzportal"), "seed-scale", *[f"--{k}={v}" for k, v in sizes.items()]],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    print(seeded.stdout.splitlines()[0], flush=True)
    return time.perf_counter() - began


@contextlib.contextmanager
def database(sizes: dict[str, int], data_dir: Path):
    """A fresh PostgreSQL database, migrated and seeded with `seed-scale`; dropped afterwards."""
    name = f"hp_bench_{os.getpid()}"
    _psql(f'DROP DATABASE IF EXISTS "{name}"')
    _psql(f'CREATE DATABASE "{name}"')
    host = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    url = f"{host}/{name}"
    try:
        seconds = seed(url, sizes, data_dir)
        yield BenchDatabase(url=url, name=name), seconds
    finally:
        with contextlib.suppress(Exception):
            _psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                  f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
        _psql(f'DROP DATABASE IF EXISTS "{name}"')


@contextlib.contextmanager
def sqlite_database(sizes: dict[str, int], data_dir: Path):
    """A SQLite file database in `data_dir` (as `make run` has it), migrated and seeded with
    `seed-scale`; the caller removes the folder."""
    url = f"sqlite:///{data_dir / 'harzportal.db'}"
    yield BenchDatabase(url=url, name="harzportal.db"), seed(url, sizes, data_dir)


@dataclass
class Server:
    base_url: str
    pid: int
    data_dir: Path
    port: int
    states_dir: Path  # where Reflex's disk state manager keeps each client's state


# The bench's client state expiry (HARZPORTAL_CLIENT_STATE_SECONDS; production default 1800 s):
# short, so that "memory after 500 clients left" is measured within the run.
CLIENT_STATE_SECONDS = int(os.environ.get("BENCH_CLIENT_STATE_SECONDS") or 60)
SERVER_COMMAND = "harzportal build && harzportal serve (WORKERS=1)"


@contextlib.contextmanager
def production_server(db_url: str, data_dir: Path, *, job_consumers: bool = False,
                      redis_url: str | None = None, queue_name: str | None = None,
                      build: bool = True):
    """`harzportal build` (unless `build` is False: the build folder is reused) then
`harzportal serve` of benchmarks/app.py (the product's app with the JSON floor routes), one
worker; stopped by its process group (the server and its worker child). `job_consumers`: the
production default, the server's `harzportal worker` child (otherwise none); `redis_url`: REFLEX_REDIS_URL (client state and job queue in
Redis), with the job queue's name `queue_name`."""
    port = free_port()
    states = Path(tempfile.mkdtemp(prefix="hp-bench-states-"))
    env = os.environ | {
        "PORT": str(port), "REFLEX_DB_URL": db_url, "HARZPORTAL_DATA_DIR": str(data_dir),
        "REFLEX_WEB_WORKDIR": str(WEB_DIR), "REFLEX_STATES_WORKDIR": str(states),
        "REFLEX_USE_SYSTEM_BUN": "1", "WORKERS": "1",
        "HARZPORTAL_CLIENT_STATE_SECONDS": str(CLIENT_STATE_SECONDS),
        # The product's app with the JSON floor routes (benchmarks/app.py).
        "REFLEX_APP_MODULE_IMPORT": "benchmarks.app", "HARZPORTAL_BENCH_ROUTES": "1",
        "PATH": f"{ROOT / '.tools' / 'node_modules' / '.bin'}:{BIN}:{os.environ.get('PATH', '')}",
    }
    # No job consumers unless asked for: `seed-scale` leaves its 200,000 invoices without
    # documents, and consumers would render them all during the run (they did: one core busy
    # with PDFs, page opens 4x slower).
    env.pop("HARZPORTAL_JOB_THREADS", None)
    if not job_consumers:
        env["HARZPORTAL_JOB_THREADS"] = "0"
    env.pop("REFLEX_REDIS_URL", None)
    env.pop("HARZPORTAL_JOB_QUEUE_NAME", None)
    if redis_url:
        env["REFLEX_REDIS_URL"] = redis_url
    if queue_name:
        env["HARZPORTAL_JOB_QUEUE_NAME"] = queue_name
    env.pop("GRANIAN_WORKERS", None)
    log_path = data_dir / "server.log"
    with open(log_path, "wb") as log:
        if build or not (WEB_DIR / "build" / "client" / "index.html").exists():
            subprocess.run([sys.executable, "-m", "harzportal.cli", "build"], cwd=ROOT,
                           env=env, stdout=log, stderr=subprocess.STDOUT, check=True)
        process = subprocess.Popen(
            [sys.executable, "-m", "harzportal.cli", "serve"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://localhost:{port}"
    try:
        _wait_until_up(base_url, process, log_path)
        yield Server(base_url=base_url, pid=process.pid, data_dir=data_dir, port=port,
                     states_dir=states)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(states, ignore_errors=True)


def _wait_until_up(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/ping", timeout=2) as ping, \
                    urllib.request.urlopen(f"{base_url}/login", timeout=5) as page:
                if ping.status == 200 and page.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"server did not come up:\n{log_path.read_text()[-4000:]}")


def files_by_size(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_size for path in folder.glob("*.pkl")} \
        if folder.exists() else {}
