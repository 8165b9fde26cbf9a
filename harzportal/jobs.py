"""The task queue: Huey, with its storage chosen from the settings.

- `REFLEX_REDIS_URL` set: Redis (every server process and `harzportal worker` on any machine
  share the queue; keys start with `huey.redis.harzportal-jobs`, or the name
  `HARZPORTAL_JOB_QUEUE_NAME` gives).
- Otherwise: a SQLite file next to the SQLite database (`harzportal-jobs.db`), or in the data
  folder when the database is PostgreSQL without Redis (one machine only).

Jobs are enqueued only after the unit of work that asked for them has committed
(`db.after_commit`), so a consumer never sees a job for rows it cannot read yet. Every job is
idempotent: a job that runs twice (a retry after a lost acknowledgement, a re-enqueue at start)
finds its work done and does nothing.

The storage is connected on first use (`connect()`), not at import: importing the app never
creates a queue file, and tests put the queue in immediate mode before anything is enqueued.
"""

from __future__ import annotations

import logging
from pathlib import Path

from huey import Huey
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from harzportal.settings import get as get_settings

log = logging.getLogger("harzportal.jobs")

QUEUE_NAME = "harzportal-jobs"

# Until connect(): an in-memory placeholder that nothing is ever enqueued to.
huey = Huey(QUEUE_NAME, storage_class=MemoryStorage, utc=True)
_connected = False
# What a consumer does before it takes jobs (the task modules add theirs when imported).
_at_consumer_start: list = []


def at_consumer_start(hook) -> None:
    """Run `hook()` whenever a consumer starts (re-enqueue work whose job was lost)."""
    _at_consumer_start.append(hook)


def queue_file(db_url: str, data_dir: Path) -> Path:
    """Where the SQLite queue lives: next to a SQLite database, else in the data folder."""
    if db_url.startswith("sqlite:///"):
        database = Path(db_url.removeprefix("sqlite:///"))
        return database.with_name(f"{database.stem}-jobs.db")
    return data_dir / "harzportal-jobs.db"


def _storage():
    settings = get_settings()
    if settings.redis_url:
        return RedisStorage(settings.job_queue_name, url=settings.redis_url)
    path = queue_file(settings.db_url, settings.data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteStorage(settings.job_queue_name, filename=str(path))


def connect() -> None:
    """Point the queue at its configured storage (once; not in immediate mode)."""
    global _connected
    if _connected or huey.immediate:
        return
    huey.storage = _storage()
    _connected = True


def use_storage(storage) -> None:
    """Tests: a queue of their own (None: back to the configured one on next use)."""
    global _connected
    huey.storage = storage if storage is not None else MemoryStorage(QUEUE_NAME)
    _connected = storage is not None


def submit(task, *args) -> None:
    """Enqueue `task(*args)` now (callers use db.after_commit to do it after their commit)."""
    connect()
    task(*args)


def submit_after_commit(session, task, *args) -> None:
    """Enqueue `task(*args)` once the session's unit of work has committed. If the queue cannot
    take it then, the error is logged and the commit stands: the work is found undone and
    enqueued again when a consumer starts (every task here is idempotent)."""
    from harzportal import db

    def _submit() -> None:
        try:
            submit(task, *args)
        except Exception:  # the committed work stands; a consumer re-enqueues it
            log.exception("Could not enqueue %s%r; a consumer enqueues it at its start",
                          task.name, args)

    db.after_commit(session, _submit)


def _consumer_starts() -> None:
    connect()
    for hook in _at_consumer_start:
        hook()


def start_consumer(threads: int):
    """A consumer with `threads` worker threads, started (no signal handlers: the caller owns the
    process). The caller has imported the modules declaring the tasks (the app and the CLI
    import harzportal.tasks)."""
    consumer = huey.create_consumer(workers=threads, worker_type="thread", periodic=True,
                                    check_worker_health=True)
    # Consumer.start() would install signal handlers, which only the main thread may do.
    consumer.scheduler.start()
    for _, worker in consumer.worker_threads:
        worker.start()
    _consumer_starts()
    return consumer


def run_worker(threads: int) -> None:
    """`harzportal worker`: a consumer on its own (own machine, or beside servers with
    HARZPORTAL_JOB_THREADS=0), with Huey's own signal handling (SIGTERM, SIGINT)."""
    _consumer_starts()
    huey.create_consumer(workers=threads, worker_type="thread", periodic=True).run()
