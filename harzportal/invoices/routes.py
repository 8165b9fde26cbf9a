"""HTTP routes for invoice PDFs, XRechnung XMLs and the accountant's CSV: only for people allowed to see them.

Anything else — no session, another organization, a plain contact, an unknown id — answers the
same 404, so the routes reveal nothing about which invoices exist.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal.core.ids import parse_id
from harzportal.invoices import export, service
from harzportal.shell.routes import (
    CSV,
    PDF,
    XML,
    as_signed_in,
    attachment,
    named_attachment,
    not_found,
)

URL_PREFIX = "/files/invoices/"
REMINDER_URL_PREFIX = "/files/reminders/"
XRECHNUNG_URL_PREFIX = "/files/xrechnung/"
EXPORT_URL = "/files/exports/invoices.csv"


def pdf_url(invoice_id: int | str, number: str) -> str:
    return f"{URL_PREFIX}{invoice_id}/{number}.pdf"


BEING_PREPARED = "being prepared"  # what the PDF route's work returns for a document not ready
RETRY_AFTER_SECONDS = 10


def _pdf_unless_being_prepared(session, actor, invoice_id):
    try:
        return service.invoice_pdf(session, actor, invoice_id)
    except service.DocumentNotReady:  # raised only after the permission check passed
        return BEING_PREPARED


async def serve_invoice_pdf(request: Request) -> Response:
    """The PDF; 503 with Retry-After to those allowed to see the invoice while its job has not
    rendered it yet; 404 to everyone else."""
    found = await as_signed_in(request, _pdf_unless_being_prepared,
                               parse_id(request.path_params["invoice_id"]))
    if found == BEING_PREPARED:
        return _being_prepared()
    return named_attachment(found, PDF)


def _being_prepared() -> Response:
    return Response("Das Dokument wird erstellt. / The document is being prepared.\n",
                    status_code=503, media_type="text/plain; charset=utf-8",
                    headers={"Retry-After": str(RETRY_AFTER_SECONDS),
                             "Cache-Control": "no-store"})


def xrechnung_url(invoice_id: int | str, number: str) -> str:
    return f"{XRECHNUNG_URL_PREFIX}{invoice_id}/{number}-xrechnung.xml"


async def serve_xrechnung(request: Request) -> Response:
    return named_attachment(await as_signed_in(
        request, service.xrechnung_xml, parse_id(request.path_params["invoice_id"])), XML)


def reminder_pdf_url(reminder_id: int | str, filename: str) -> str:
    return f"{REMINDER_URL_PREFIX}{reminder_id}/{filename}"


def _reminder_unless_being_prepared(session, actor, reminder_id):
    try:
        return service.reminder_pdf(session, actor, reminder_id)
    except service.DocumentNotReady:  # raised only after the permission check passed
        return BEING_PREPARED


async def serve_reminder_pdf(request: Request) -> Response:
    """The reminder's PDF; 503 with Retry-After while its job has not rendered it yet."""
    found = await as_signed_in(request, _reminder_unless_being_prepared,
                               parse_id(request.path_params["reminder_id"]))
    if found == BEING_PREPARED:
        return _being_prepared()
    return named_attachment(found, PDF)


async def serve_invoices_csv(request: Request) -> Response:
    """The accountant's CSV (staff only)."""
    year = parse_id(request.query_params.get("year"))
    content = await as_signed_in(request, export.invoices_csv, year)
    if content is None:
        return not_found()
    filename = f"rechnungen-{year}.csv" if year else "rechnungen.csv"
    return attachment(content, CSV, filename)


ROUTES = [Route(URL_PREFIX + "{invoice_id}/{filename}", serve_invoice_pdf, methods=["GET"]),
          Route(XRECHNUNG_URL_PREFIX + "{invoice_id}/{filename}", serve_xrechnung,
                methods=["GET"]),
          Route(REMINDER_URL_PREFIX + "{reminder_id}/{filename}", serve_reminder_pdf,
                methods=["GET"]),
          Route(EXPORT_URL, serve_invoices_csv, methods=["GET"])]
