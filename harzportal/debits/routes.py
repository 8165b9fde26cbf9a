"""HTTP routes of SEPA debit: a mandate's PDF (its organization's members with invoice rights)
and a collection run's pain.008 file (staff). Anything else answers the same 404."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal.core.ids import parse_id
from harzportal.debits import collection, mandate_pdf, mandates
from harzportal.shell.routes import PDF, XML, as_signed_in, named_attachment

MANDATE_URL_PREFIX = "/files/sepa-mandates/"
RUN_URL_PREFIX = "/files/debit-runs/"


def mandate_pdf_url(mandate_id: int, reference: str) -> str:
    return f"{MANDATE_URL_PREFIX}{mandate_id}/SEPA-Mandat-{reference}.pdf"


def run_file_url(run_id: int, scheme: str) -> str:
    return f"{RUN_URL_PREFIX}{run_id}/lastschriften-{run_id}-{scheme.lower()}.xml"


def _mandate_pdf(session, actor, mandate_id):
    mandate, organization = mandates.mandate_for_document(session, actor, mandate_id)
    return mandate_pdf.render(mandate, organization), mandate_pdf.filename(mandate)


async def serve_mandate_pdf(request: Request) -> Response:
    return named_attachment(await as_signed_in(
        request, _mandate_pdf, parse_id(request.path_params["mandate_id"])), PDF)


async def serve_run_file(request: Request) -> Response:
    return named_attachment(await as_signed_in(
        request, collection.run_file, parse_id(request.path_params["run_id"])), XML)


ROUTES = [Route(MANDATE_URL_PREFIX + "{mandate_id}/{filename}", serve_mandate_pdf,
                methods=["GET"]),
          Route(RUN_URL_PREFIX + "{run_id}/{filename}", serve_run_file, methods=["GET"])]
