"""HTTP route for logos: only to signed-in users, and only logos they may see.

A live logo of an active member is visible to every signed-in person (the directory shows it).
A logo that is only proposed is visible to the organization's own contacts and to staff. Every
other name answers 404, the same as a name that does not exist.
"""

from __future__ import annotations

import asyncio

from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from harzportal import db
from harzportal.accounts.sessions import resolve_session
from harzportal.core.actor import Actor
from harzportal.organizations import logos
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    MembershipStatus,
    Organization,
)
from harzportal.shell.state import SESSION_COOKIE

NOT_FOUND_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def may_see_logo(session: Session, actor: Actor, name: str) -> bool:
    owners = session.exec(select(Organization.id, Organization.status)
                          .where(Organization.logo_file == name)).all()
    if actor.is_staff and owners:
        return True
    if any(status == MembershipStatus.ACTIVE.value or organization_id == actor.organization_id
           for organization_id, status in owners):
        return True
    proposed = select(ChangeRequestField.new_value).join(
        ChangeRequest, ChangeRequest.id == ChangeRequestField.request_id).where(
        ChangeRequestField.field_name == "logo")
    if not actor.is_staff:
        proposed = proposed.where(ChangeRequest.organization_id == actor.organization_id)
    return any(value == name for value in session.exec(proposed).all())


def _allowed(token: str, name: str, client_ip: str) -> bool:
    with db.unit_of_work() as session:
        actor = resolve_session(session, token, client_ip)
        return actor is not None and may_see_logo(session, actor, name)


async def serve_logo(request: Request) -> Response:
    name = request.path_params["name"]
    path = logos.logo_path(name)
    token = request.cookies.get(SESSION_COOKIE, "")
    client_ip = request.client.host if request.client else ""
    if path is None or not await asyncio.to_thread(_allowed, token, name, client_ip):
        return Response("Not Found", status_code=404, headers=NOT_FOUND_HEADERS)
    return FileResponse(path, media_type="image/png", headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600",
        "Content-Security-Policy": "default-src 'none'"})


ROUTES = [Route(logos.URL_PREFIX + "{name}", serve_logo, methods=["GET"])]
