"""A forked process (every backend worker is forked from the server's supervisor) never uses a
database connection its parent opened: two processes on one connection corrupt each other."""

from __future__ import annotations

import json
import os

from sqlalchemy import text

from harzportal import db


def _in_forked_child(work) -> dict:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report and leave at once, never return into pytest
        try:
            result = work()
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            result = {"error": repr(error)}
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(payload)


def _connection_identity(connection) -> str | None:
    """The server process behind the connection (PostgreSQL); SQLite has none."""
    if connection.dialect.name == "postgresql":
        return str(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())
    return None


def test_a_forked_worker_starts_with_its_own_database_connections(engine):
    with db.unit_of_work() as session:  # the parent uses the database: its pool keeps one
        parent = _connection_identity(session.connection())
    assert db.get_engine().pool.checkedin() == 1

    def child_work() -> dict:
        inherited = db.get_engine().pool.checkedin()
        with db.unit_of_work() as session:
            return {"inherited": inherited, "identity": _connection_identity(session.connection())}

    child = _in_forked_child(child_work)

    assert "error" not in child, child
    assert child["inherited"] == 0
    if parent is not None:
        assert child["identity"] != parent
    with db.unit_of_work() as session:  # the parent's connection still works
        assert _connection_identity(session.connection()) == parent
