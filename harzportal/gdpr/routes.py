"""Downloads of one's own data (JSON) and of an organization's data (ZIP); 404 when refused."""

from __future__ import annotations

import asyncio
import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal import db
from harzportal.auth.sessions import resolve_session
from harzportal.auth.state import SESSION_COOKIE
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.gdpr import service

PERSON_URL = "/files/my-data.json"
NOT_FOUND = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def organization_url(organization_id: int | str) -> str:
    return f"/files/organization-data/{organization_id}.zip"


async def _as_signed_in(request: Request, work, *args):
    token = request.cookies.get(SESSION_COOKIE, "")
    client_ip = request.client.host if request.client else ""

    def run():
        with db.unit_of_work() as session:
            actor = resolve_session(session, token, client_ip)
            if actor is None:
                return None
            try:
                return work(session, actor, *args)
            except DomainError:
                return None

    return await asyncio.to_thread(run)


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


async def serve_person_export(request: Request) -> Response:
    data = await _as_signed_in(request, service.person_export)
    if data is None:
        return Response("Not Found", status_code=404, headers=NOT_FOUND)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return _download(content, "application/json", "meine-daten.json")


async def serve_organization_export(request: Request) -> Response:
    organization_id = parse_id(request.path_params["organization_id"])
    content = await _as_signed_in(request, service.organization_export, organization_id)
    if content is None:
        return Response("Not Found", status_code=404, headers=NOT_FOUND)
    return _download(content, "application/zip", f"organisation-{organization_id}.zip")


ROUTES = [Route(PERSON_URL, serve_person_export, methods=["GET"]),
          Route("/files/organization-data/{organization_id}.zip", serve_organization_export,
                methods=["GET"])]
