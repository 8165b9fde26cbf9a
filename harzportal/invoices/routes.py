"""HTTP route for invoice PDFs: only for people who may see that organization's invoices.

Anything else — no session, another organization, a plain contact, an unknown id — answers the
same 404, so the route reveals nothing about which invoices exist.
"""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal import db
from harzportal.accounts.sessions import resolve_session
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.invoices import export, service
from harzportal.shell.state import SESSION_COOKIE

URL_PREFIX = "/files/invoices/"
NOT_FOUND = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def pdf_url(invoice_id: int | str, number: str) -> str:
    return f"{URL_PREFIX}{invoice_id}/{number}.pdf"


def _load(token: str, invoice_id: int | None, client_ip: str) -> tuple[bytes, str] | None:
    with db.unit_of_work() as session:
        actor = resolve_session(session, token, client_ip)
        if actor is None or invoice_id is None:
            return None
        try:
            return service.invoice_pdf(session, actor, invoice_id)
        except DomainError:
            return None


async def serve_invoice_pdf(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    client_ip = request.client.host if request.client else ""
    found = await asyncio.to_thread(_load, token, parse_id(request.path_params["invoice_id"]),
                                    client_ip)
    if found is None:
        return Response("Not Found", status_code=404, headers=NOT_FOUND)
    content, filename = found
    return Response(content, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


EXPORT_URL = "/files/exports/invoices.csv"


def _export(token: str, year: int | None, client_ip: str) -> str | None:
    with db.unit_of_work() as session:
        actor = resolve_session(session, token, client_ip)
        if actor is None:
            return None
        try:
            return export.invoices_csv(session, actor, year)
        except DomainError:
            return None


async def serve_invoices_csv(request: Request) -> Response:
    """The accountant's CSV (staff only), as a download with a BOM so spreadsheets read UTF-8."""
    token = request.cookies.get(SESSION_COOKIE, "")
    year = parse_id(request.query_params.get("year"))
    client_ip = request.client.host if request.client else ""
    content = await asyncio.to_thread(_export, token, year, client_ip)
    if content is None:
        return Response("Not Found", status_code=404, headers=NOT_FOUND)
    filename = f"rechnungen-{year}.csv" if year else "rechnungen.csv"
    return Response("\ufeff" + content, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


ROUTES = [Route(URL_PREFIX + "{invoice_id}/{filename}", serve_invoice_pdf, methods=["GET"]),
          Route(EXPORT_URL, serve_invoices_csv, methods=["GET"])]
