"""Stopping the `harzportal worker` processes a test started."""

from __future__ import annotations

import signal
import subprocess


def stop_workers(workers: list[subprocess.Popen]) -> None:
    """SIGTERM to every worker (each finishes its task), then wait; kill those that hang."""
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
