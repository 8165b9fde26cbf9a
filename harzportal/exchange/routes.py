"""The activity report as CSV and PDF for staff (the period in the query); everyone else, and
a period that cannot be read, gets 404."""

from __future__ import annotations

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.exchange import report, report_presenter
from harzportal.exchange.forms import ReportPeriodForm
from harzportal.shell.routes import CSV, PDF, as_signed_in, attachment, not_found

CSV_URL, PDF_URL = "/files/activity-report.csv", "/files/activity-report.pdf"


def _figures(session: Session, actor: Actor, query: dict) -> report.ActivityReport:
    chosen = parse_form(ReportPeriodForm, query)
    return report.activity_report(session, actor, chosen.start, chosen.end)


def _csv(session: Session, actor: Actor, query: dict) -> str:
    return report_presenter.report_csv(_figures(session, actor, query), actor.language)


def _pdf(session: Session, actor: Actor, query: dict) -> bytes:
    return report_presenter.report_pdf(_figures(session, actor, query), actor.language)


async def serve_csv(request: Request) -> Response:
    content = await as_signed_in(request, _csv, dict(request.query_params))
    return not_found() if content is None else attachment(content, CSV, "activity-report.csv")


async def serve_pdf(request: Request) -> Response:
    content = await as_signed_in(request, _pdf, dict(request.query_params))
    return not_found() if content is None else attachment(content, PDF, "activity-report.pdf")


ROUTES = [Route(CSV_URL, serve_csv, methods=["GET"]), Route(PDF_URL, serve_pdf, methods=["GET"])]
