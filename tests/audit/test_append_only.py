"""Audit events are append-only: no code path changes them, and on PostgreSQL the database
itself refuses UPDATE and DELETE."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from harzportal import db
from harzportal.audit import service as audit

pytestmark = pytest.mark.service
PACKAGE = Path(__file__).resolve().parents[2] / "harzportal"


def test_no_code_updates_or_deletes_audit_events():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id in {"update", "delete"} and node.args and \
                    isinstance(node.args[0], ast.Name) and node.args[0].id == "AuditEvent":
                offenders.append(f"{path.name}:{node.lineno}")
        if "session.delete(event" in source or "DELETE FROM auditevent" in source.lower():
            offenders.append(path.name)
    assert offenders == []


def test_postgresql_refuses_to_change_or_delete_an_audit_event(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL; SQLite relies on the code check above")
    with db.unit_of_work() as session:
        event = audit.record(session, action="test.recorded", object_type="test")
    for statement in ("UPDATE auditevent SET action = 'forged' WHERE id = :id",
                      "DELETE FROM auditevent WHERE id = :id"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement), {"id": event.id})
    with engine.connect() as connection:
        assert connection.execute(text("SELECT action FROM auditevent WHERE id = :id"),
                                  {"id": event.id}).scalar_one() == "test.recorded"
