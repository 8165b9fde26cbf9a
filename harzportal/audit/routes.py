"""The audit log as CSV for staff (the same filters as the page); everyone else gets 404."""

from __future__ import annotations

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal.audit import log
from harzportal.audit.forms import AuditFilterForm
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.shell.routes import CSV, as_signed_in, attachment, not_found


def _export(session: Session, actor: Actor, query: dict) -> str:
    return log.events_csv(session, actor, parse_form(AuditFilterForm, query))


async def serve_audit_csv(request: Request) -> Response:
    content = await as_signed_in(request, _export, dict(request.query_params))
    if content is None:
        return not_found()
    return attachment(content, CSV, "audit-log.csv")


ROUTES = [Route(log.EXPORT_URL, serve_audit_csv, methods=["GET"])]
