"""Downloads of the accountant's export and of the demo statement: staff only, 404 otherwise."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal.banking import datev
from harzportal.banking.demo_statement import statement_for
from harzportal.core import clock
from harzportal.core.permissions import Action, require
from harzportal.shell.routes import CSV, XML, as_signed_in, named_attachment
from harzportal.settings import get as get_settings

DATEV_URL = "/files/exports/datev-buchungsstapel.csv"
PLAIN_URL = "/files/exports/buchungen.csv"
DEMO_STATEMENT_URL = "/files/demo/camt053-demo.xml"


def _period(request: Request):
    return (datev.parse_day(request.query_params.get("from")),
            datev.parse_day(request.query_params.get("to")))


async def serve_datev(request: Request) -> Response:
    return named_attachment(await as_signed_in(request, datev.datev_csv, *_period(request)),
                            datev.MEDIA_TYPE)


async def serve_plain(request: Request) -> Response:
    return named_attachment(await as_signed_in(request, datev.plain_csv, *_period(request)), CSV)


def _demo_statement(session, actor):
    require(actor, Action.MANAGE_INVOICES)
    if get_settings().is_production:
        return None
    return statement_for(clock.today().year - 1), "camt053-demo.xml"


async def serve_demo_statement(request: Request) -> Response:
    return named_attachment(await as_signed_in(request, _demo_statement), XML)


ROUTES = [Route(DATEV_URL, serve_datev, methods=["GET"]),
          Route(PLAIN_URL, serve_plain, methods=["GET"]),
          Route(DEMO_STATEMENT_URL, serve_demo_statement, methods=["GET"])]
