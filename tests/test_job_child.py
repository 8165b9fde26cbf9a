"""The server's worker child (harzportal/job_child.py): `harzportal worker` at a lower CPU
priority, started again when it exits, stopped with the server, and ending with it even when
the server is killed (SIGKILL leaves no chance to stop it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harzportal import job_child

ROOT = Path(__file__).resolve().parent.parent
# A stand-in for the server process: its lifespan task, nothing else.
SERVER = ("import asyncio\n"
          "from harzportal.job_child import run_consumer_in_server\n"
          "asyncio.run(run_consumer_in_server())\n")


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split()]


def _niceness(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(what)


@pytest.fixture
def server(database_url, tmp_path):
    env = os.environ | {"REFLEX_DB_URL": database_url, "PYTHONPATH": str(ROOT),
                        "HARZPORTAL_DATA_DIR": str(tmp_path / "data"),
                        "HARZPORTAL_JOB_THREADS": "1",
                        "HARZPORTAL_JOB_QUEUE_NAME": f"test-child-{os.getpid()}"}
    env.pop("REFLEX_REDIS_URL", None)
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-c", SERVER], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    process.log_path = log_path
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def _worker_child(server) -> int:
    """The server's worker child, once it has lowered its priority (its first step)."""
    child = _wait_for(lambda: _children(server.pid), 30, "no worker child started")[0]
    lowered = _niceness(server.pid) + job_child.WORKER_NICENESS
    _wait_for(lambda: _niceness(child) == lowered, 30,
              f"the worker child runs at niceness {_niceness(child)}, not {lowered}")
    return child


def test_the_worker_child_runs_at_a_lower_priority_and_comes_back_when_it_exits(server):
    child = _worker_child(server)
    assert "worker" in Path(f"/proc/{child}/cmdline").read_text()
    os.kill(child, signal.SIGKILL)
    again = _wait_for(lambda: [pid for pid in _children(server.pid) if pid != child],
                      job_child.RESTART_DELAY_SECONDS + 30, "the worker was not started again")
    assert _alive(again[0]) and server.poll() is None, server.log_path.read_text()[-2000:]


def test_the_worker_child_ends_when_its_server_is_killed(server):
    child = _worker_child(server)
    server.kill()
    server.wait()
    _wait_for(lambda: not _alive(child), 15, "the worker child outlived its server")


def test_the_worker_child_stops_with_its_server(server):
    child = _worker_child(server)
    server.send_signal(signal.SIGINT)  # asyncio.run cancels the lifespan task
    server.wait(timeout=job_child.STOP_TIMEOUT_SECONDS + 10)
    _wait_for(lambda: not _alive(child), 5, "the worker child was not stopped")


def test_no_worker_child_without_job_threads(monkeypatch):
    import asyncio

    monkeypatch.setenv("HARZPORTAL_JOB_THREADS", "0")
    from harzportal import settings

    settings.reload()
    try:
        asyncio.run(asyncio.wait_for(job_child.run_consumer_in_server(), 2))  # returns at once
    finally:
        monkeypatch.delenv("HARZPORTAL_JOB_THREADS")
        settings.reload()
