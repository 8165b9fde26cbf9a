"""Downloads of one's own data (JSON) and of an organization's data (ZIP); 404 when refused."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal.core.ids import parse_id
from harzportal.gdpr import service
from harzportal.shell.routes import as_signed_in, attachment, not_found

PERSON_URL = "/files/my-data.json"


def organization_url(organization_id: int | str) -> str:
    return f"/files/organization-data/{organization_id}.zip"


async def serve_person_export(request: Request) -> Response:
    data = await as_signed_in(request, service.person_export)
    if data is None:
        return not_found()
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return attachment(content, "application/json", "meine-daten.json")


async def serve_organization_export(request: Request) -> Response:
    organization_id = parse_id(request.path_params["organization_id"])
    content = await as_signed_in(request, service.organization_export, organization_id)
    if content is None:
        return not_found()
    return attachment(content, "application/zip", f"organisation-{organization_id}.zip")


ROUTES = [Route(PERSON_URL, serve_person_export, methods=["GET"]),
          Route("/files/organization-data/{organization_id}.zip", serve_organization_export,
                methods=["GET"])]
