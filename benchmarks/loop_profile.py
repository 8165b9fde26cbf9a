"""Where the server's time goes while many clients open pages (issue 23: why the websocket's
page open is slower than the JSON floor): py-spy samples every thread of the measured server
during one extra round of the largest client count (not a measured round: sampling slows the
server down), and the samples of the event loop's thread are sorted into what it was doing.

The server runs Reflex's event processing, the state deltas, the socket transport and the
state manager on its one asyncio event loop; the service calls run in worker threads
(`db.run_in_unit_of_work`). So the share of samples in which the loop was busy says how close
the round came to the loop's limit, and the categories say what filled it.
"""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
from collections import Counter
from pathlib import Path

from benchmarks.server import BIN

PY_SPY = BIN / "py-spy"
RATE = 100  # samples a second

# (category, a frame that puts a sample of the loop's thread in it), first match wins, checked
# from the innermost frame outwards, so a page handler's `emit` counts as transport.
LOOP_CATEGORIES = (
    ("idle (waiting for the network)", "EpollSelector.select"),
    ("state manager (locks, expiry, disk writes)", "reflex/istate/manager/"),
    ("socket transport (engine.io, socket.io, JSON encoding)", "engineio/"),
    ("socket transport (engine.io, socket.io, JSON encoding)", "socketio/"),
    ("socket transport (engine.io, socket.io, JSON encoding)", "json/encoder.py"),
    ("state deltas (Reflex computes what changed)", "reflex/istate/delta.py"),
    ("state deltas (Reflex computes what changed)", "BaseState.get_delta"),
    ("formatting in presenters (Babel)", "babel/"),
    ("page handlers (our states, presenters)", "harzportal/"),
    ("Reflex event processing", "reflex_base/event/"),
    ("Reflex event processing", "reflex/state.py"),
    ("Reflex event processing", "reflex/istate/"),
    ("HTTP and websocket handling (Starlette, middlewares)", "starlette/"),
)
OTHER = "other (asyncio, Granian glue)"
OUTERMOST = ("harzportal/cli.py", "harzportal/serve.py")  # every loop sample runs under these


def _category(frames: list[str]) -> str:
    for frame in reversed(frames):
        if any(outer in frame for outer in OUTERMOST):
            continue
        for name, marker in LOOP_CATEGORIES:
            if marker in frame:
                return name
    return OTHER


def summarize(raw: str) -> dict:
    """Shares of the samples, from py-spy's raw (collapsed) output: the loop's thread by
    category, and how busy the worker threads were (in the database or running Python)."""
    loop: Counter[str] = Counter()
    workers = Counter()
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [re.sub(r":\d+\)$", ")", frame) for frame in stack.split(";")]
        samples = int(count)
        if any("BaseEventLoop.run_forever" in frame for frame in frames):
            loop[_category(frames)] += samples
        elif any("concurrent/futures/thread.py" in frame for frame in frames):
            leaf = frames[-1]
            if "_worker (concurrent/futures/thread.py)" in leaf:
                workers["idle"] += samples
            elif any("psycopg" in frame or "sqlite3" in frame for frame in frames):
                workers["database"] += samples
            else:
                workers["python"] += samples
    loop_total = sum(loop.values())
    busy = loop_total - loop[LOOP_CATEGORIES[0][0]]
    return {
        "loop_samples": loop_total,
        "loop_busy_share": busy / loop_total if loop_total else 0.0,
        "loop": {name: count / loop_total for name, count in loop.most_common()}
        if loop_total else {},
        "worker_samples": sum(workers.values()),
        "workers": {name: count / sum(workers.values()) for name, count in workers.items()}
        if workers else {},
    }


@contextlib.contextmanager
def sampling(pid: int, raw_path: Path):
    """py-spy samples the process `pid` while the body runs; yields a dict that gets the
    summary (empty when py-spy could not attach, e.g. without ptrace rights)."""
    found: dict = {}
    spy = subprocess.Popen([str(PY_SPY), "record", "--pid", str(pid), "--rate", str(RATE),
                            "--nonblocking", "--format", "raw", "--output", str(raw_path)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield found
    finally:
        spy.send_signal(signal.SIGINT)  # py-spy writes its samples when interrupted
        try:
            _, errors = spy.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            spy.kill()
            errors = b""
        if raw_path.exists():
            found.update(summarize(raw_path.read_text()))
        else:
            found["error"] = errors.decode(errors="replace")[-300:]
