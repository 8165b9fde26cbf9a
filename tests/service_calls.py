"""Calling services as the portal's handlers do (each in its own unit of work), and counting
the SQL statements a call sends."""

from __future__ import annotations

import contextlib

from sqlalchemy import event
from sqlmodel import select

from harzportal import db
from harzportal.audit.models import AuditEvent
from harzportal.invoices.models import Invoice


def run(function, *args, **kwargs):
    """Call a service in its own unit of work, as the portal's handlers do. An invoice it returns
    is read again after the commit and the jobs the commit enqueued (its document is rendered by
    a job), so the test sees it as stored."""
    with db.unit_of_work() as session:
        result = function(session, *args, **kwargs)
    return load(Invoice, result.id) if isinstance(result, Invoice) else result


def load(model, row_id):
    with db.unit_of_work() as session:
        return session.get(model, row_id)


def rows(model) -> list:
    """Every stored row of a table, oldest first."""
    with db.unit_of_work() as session:
        return list(session.exec(select(model).order_by(model.id)).all())


def audit_actions() -> list[str]:
    """The actions of the audit log, oldest first."""
    return [event.action for event in rows(AuditEvent)]


@contextlib.contextmanager
def counted(engine):
    """The SQL statements sent through `engine` inside the block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
