"""Database engine and the unit of work: commit once at the end, or roll back on any error."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event, exc, make_url
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from harzportal import settings as settings_module
from harzportal.core import private_files
from harzportal.core.locking import UNIT_OF_WORK

CONNECT_TIMEOUT_SECONDS = 10
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
_engine: Engine | None = None
_engine_lock = threading.Lock()


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite's own lower() folds only ASCII letters; PostgreSQL's (a UTF-8 ctype) folds every
    # letter. Python's str.lower in its place makes "ÖL" and "öl" equal on both (matching).
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def _private_sqlite_file(database: Path) -> None:
    """The database file 0600 before SQLite opens it (SQLite gives its -wal, -shm and -journal
    files the database file's mode), in a folder made 0700 when it is missing; an existing
    database file of an older installation is tightened to 0600 too."""
    private_files.make_private_folder(database.parent)
    os.close(os.open(database, os.O_RDONLY | os.O_CREAT, private_files.FILE_MODE))
    for path in (database, *(Path(f"{database}{suffix}") for suffix in SQLITE_COMPANIONS)):
        if path.exists():
            private_files.tighten(path, private_files.FILE_MODE)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            _private_sqlite_file(Path(database))
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pre_ping replaces connections that died while the database was away; the connect
    # timeout turns an unreachable database into an error instead of a hanging request.
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS})


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = make_engine(settings_module.settings.db_url)
    return _engine


def _forget_inherited_connections() -> None:
    """In a forked child (each backend worker is forked from the server's supervisor, which may
    have used the database already): start with an empty pool, so no database connection is
    ever shared by two processes. The parent's connections stay open for the parent."""
    if _engine is not None:
        _engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def use_engine(engine: Engine | None) -> None:
    """Point the application at another engine (tests and CLI commands)."""
    global _engine
    _engine = engine


def database_unavailable(error: BaseException) -> bool:
    """Whether `error` means the database cannot be reached (down, connection cut, pool
    exhausted) rather than a fault in what was asked of it."""
    if isinstance(error, exc.OperationalError | exc.InterfaceError | exc.TimeoutError):
        return True
    return isinstance(error, exc.DBAPIError) and error.connection_invalidated


AFTER_COMMIT = "harzportal.after_commit"


@contextlib.contextmanager
def unit_of_work() -> Iterator[Session]:
    """A session whose changes are committed once when the block ends without an error."""
    session = Session(get_engine(), expire_on_commit=False)
    session.info[UNIT_OF_WORK] = True  # core.locking locks rows only inside one
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    for callback in session.info.pop(AFTER_COMMIT, ()):
        callback()


def after_commit(session: Session, callback) -> None:
    """Run `callback()` once this unit of work has committed (never after a rollback): how
    jobs are enqueued, so a job never runs before the rows it works on exist."""
    session.info.setdefault(AFTER_COMMIT, []).append(callback)


async def run_in_unit_of_work(work, /, *args, **kwargs):
    """Run `work(session, *args, **kwargs)` in a unit of work on a worker thread.

    State handlers use this so database access and password hashing never block the event loop.
    """

    def _run():
        with unit_of_work() as session:
            return work(session, *args, **kwargs)

    return await asyncio.to_thread(_run)
