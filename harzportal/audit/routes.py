"""The audit log as CSV for staff (the same filters as the page); everyone else gets 404."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal import db
from harzportal.accounts.sessions import resolve_session
from harzportal.audit import log
from harzportal.core.errors import DomainError
from harzportal.shell.state import SESSION_COOKIE

NOT_FOUND = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def _export(token: str, query: dict, client_ip: str) -> str | None:
    with db.unit_of_work() as session:
        actor = resolve_session(session, token, client_ip)
        if actor is None:
            return None
        try:
            return log.events_csv(session, actor, log.AuditFilter.from_form(query))
        except DomainError:
            return None


async def serve_audit_csv(request: Request) -> Response:
    content = await asyncio.to_thread(
        _export, request.cookies.get(SESSION_COOKIE, ""), dict(request.query_params),
        request.client.host if request.client else "")
    if content is None:
        return Response("Not Found", status_code=404, headers=NOT_FOUND)
    return Response("\ufeff" + content, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="audit-log.csv"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


ROUTES = [Route(log.EXPORT_URL, serve_audit_csv, methods=["GET"])]
