"""The server's own job consumer: `harzportal worker` as a child process of each server process,
at a lower CPU priority (issue 19).

Jobs render PDFs and XML, which is CPU work. As threads of the server process they shared its
one interpreter lock with the event loop that answers every page open: during the annual run
for 2,000 organizations the page opens' p95 rose from about 90 ms to 680 ms. A child process
renders on another core when there is one, and its niceness (`WORKER_NICENESS`) lets the
operating system prefer the server when both want the same core.

The child ends with its parent: it asks the kernel for SIGTERM when the parent dies
(`prctl(PR_SET_PDEATHSIG)`, Linux), and it checks the parent's pid once a second in case the
parent died before that request. A child that exits on its own is started again after
`RESTART_DELAY_SECONDS`; at the server's shutdown it gets SIGTERM, and SIGKILL after
`STOP_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import sys
import threading
import time

from harzportal.settings import get as get_settings

log = logging.getLogger("harzportal.jobs")

WORKER_NICENESS = 10
RESTART_DELAY_SECONDS = 5
STOP_TIMEOUT_SECONDS = 20
_PR_SET_PDEATHSIG = 1


def worker_command(threads: int) -> list[str]:
    return [sys.executable, "-m", "harzportal.cli", "worker", "--threads", str(threads),
            "--child-of", str(os.getpid())]


async def run_consumer_in_server() -> None:
    """The server's lifespan task: its worker child, kept running until the server stops
    (none with HARZPORTAL_JOB_THREADS=0)."""
    threads = get_settings().job_threads
    if threads == 0:
        return
    while True:
        child = await asyncio.create_subprocess_exec(*worker_command(threads))
        log.info("job worker started (pid %s, %s thread(s))", child.pid, threads)
        try:
            status = await child.wait()
        except asyncio.CancelledError:
            await _stop(child)
            raise
        log.error("job worker (pid %s) exited with %s; starting it again in %s s",
                  child.pid, status, RESTART_DELAY_SECONDS)
        await asyncio.sleep(RESTART_DELAY_SECONDS)


async def _stop(child: asyncio.subprocess.Process) -> None:
    if child.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        child.terminate()
    try:
        await asyncio.wait_for(child.wait(), STOP_TIMEOUT_SECONDS)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            child.kill()
        await child.wait()


def become_child_of(parent_pid: int) -> None:
    """In the worker: lower its priority and end it with `parent_pid`."""
    os.nice(WORKER_NICENESS)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
