"""HTTP routes of the seminars: calendar files, the personal feed, certificates, the CSV.

The files for a signed-in person go through `shell.routes.as_signed_in`; the personal feed is
reached by its secret URL alone (calendar apps send no session), by design. Everything refused
answers the same 404.
"""

from __future__ import annotations

import asyncio

from sqlmodel import select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal import db
from harzportal.core.ids import parse_id
from harzportal.seminars import calendars, participation
from harzportal.seminars.access import visible_seminar
from harzportal.seminars.certificates import render_certificate
from harzportal.seminars.models import Registration, RegistrationStatus
from harzportal.shell.routes import CSV, PDF, as_signed_in, attachment, named_attachment, not_found

ICS = "text/calendar; charset=utf-8"


def _seminar_ics(session, actor, seminar_id):
    seminar = visible_seminar(session, actor, seminar_id)
    confirmed = session.exec(select(Registration.id).where(
        Registration.seminar_id == seminar.id, Registration.user_id == actor.user_id,
        Registration.status == RegistrationStatus.CONFIRMED.value)).first() is not None
    return calendars.seminar_ics(seminar, with_link=confirmed or actor.is_staff)


async def serve_seminar_ics(request: Request) -> Response:
    seminar_id = parse_id(request.path_params["seminar_id"])
    content = await as_signed_in(request, _seminar_ics, seminar_id)
    return attachment(content, ICS, f"seminar-{seminar_id}.ics") if content else not_found()


async def serve_feed(request: Request) -> Response:
    token = request.path_params["token"]

    def run():
        with db.unit_of_work() as session:
            return calendars.feed_ics(session, token)

    content = await asyncio.to_thread(run)
    if content is None:
        return not_found()
    return Response(content, media_type=ICS, headers={"X-Content-Type-Options": "nosniff",
                                                     "Cache-Control": "private, max-age=900"})


def _certificate(session, actor, registration_id):
    return render_certificate(participation.certificate_data(session, actor, registration_id))


async def serve_certificate(request: Request) -> Response:
    registration_id = parse_id(request.path_params["registration_id"])
    content = await as_signed_in(request, _certificate, registration_id)
    return attachment(content, PDF, f"teilnahmebescheinigung-{registration_id}.pdf") \
        if content else not_found()


async def serve_participants_csv(request: Request) -> Response:
    return named_attachment(await as_signed_in(
        request, participation.participants_csv, parse_id(request.path_params["seminar_id"])), CSV)


def seminar_ics_url(seminar_id: int | str) -> str:
    return f"/files/seminars/{seminar_id}.ics"


def certificate_url(registration_id: int | str) -> str:
    return f"/files/certificates/{registration_id}.pdf"


def participants_csv_url(seminar_id: int | str) -> str:
    return f"/files/seminars/{seminar_id}/participants.csv"


ROUTES = [
    Route("/files/seminars/{seminar_id}.ics", serve_seminar_ics, methods=["GET"]),
    Route("/files/seminars/{seminar_id}/participants.csv", serve_participants_csv,
          methods=["GET"]),
    Route("/files/certificates/{registration_id}.pdf", serve_certificate, methods=["GET"]),
    Route(calendars.FEED_PREFIX + "{token}.ics", serve_feed, methods=["GET"]),
]
