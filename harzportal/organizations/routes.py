"""HTTP route for logos: only to signed-in users, and only logos they may see.

A live logo of an active member is visible to every signed-in person (the directory shows it).
A logo that is only proposed is visible to the organization's own contacts and to staff. Every
other name answers 404, the same as a name that does not exist.
"""

from __future__ import annotations

from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from harzportal.core.actor import Actor
from harzportal.organizations import logos
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    MembershipStatus,
    Organization,
)
from harzportal.shell.routes import as_signed_in, not_found


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


async def serve_logo(request: Request) -> Response:
    name = request.path_params["name"]
    path = logos.logo_path(name)
    if path is None or not await as_signed_in(request, may_see_logo, name):
        return not_found()
    return FileResponse(path, media_type="image/png", headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600",
        "Content-Security-Policy": "default-src 'none'"})


ROUTES = [Route(logos.URL_PREFIX + "{name}", serve_logo, methods=["GET"])]
