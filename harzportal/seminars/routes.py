"""HTTP routes of the seminars: calendar files, the personal feed, certificates, the CSV, the
public check of a certificate.

The files for a signed-in person go through `shell.routes.as_signed_in`; the personal feed is
reached by its secret URL alone (calendar apps send no session), by design, and so is the
certificate check (anyone holding a certificate may check it). Everything refused answers the
same 404; the check answers every unknown key with the same page (certification.py).
"""

from __future__ import annotations

import asyncio

from sqlmodel import select
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from harzportal import db
from harzportal.core import client_address
from harzportal.core.ids import parse_id
from harzportal.seminars import calendars, certification, participation, verification_page
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


async def serve_certificate(request: Request) -> Response:
    registration_id = parse_id(request.path_params["registration_id"])
    data = await as_signed_in(request, participation.certificate_data, registration_id)
    if data is None:
        return not_found()
    content = await asyncio.to_thread(render_certificate, data)  # after the numbering's commit
    return attachment(content, PDF, f"teilnahmebescheinigung-{registration_id}.pdf")


CHECK_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


async def serve_certificate_check(request: Request) -> Response:
    """No session: anyone with the certificate's URL. One answer for every unknown key."""
    key = request.path_params["key"]
    client_ip = client_address.of_request(request)
    language = verification_page.language_of(request.headers.get("accept-language", ""))

    def run():
        with db.unit_of_work() as session:
            if certification.is_throttled(session, client_ip):
                return None, True
            return certification.check(session, key, client_ip), False

    verified, throttled = await asyncio.to_thread(run)
    if throttled:
        return HTMLResponse(verification_page.throttled_page(language), status_code=429,
                            headers=CHECK_HEADERS)
    if verified is None:
        return HTMLResponse(verification_page.unknown_page(language), status_code=404,
                            headers=CHECK_HEADERS)
    return HTMLResponse(verification_page.genuine_page(verified, language),
                        headers=CHECK_HEADERS)


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
    Route(certification.VERIFY_PREFIX + "{key:path}", serve_certificate_check, methods=["GET"]),
]
