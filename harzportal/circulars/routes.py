"""The one-click unsubscribe link (RFC 8058): `GET /unsubscribe/<token>` shows what it does and a
button, `POST` (the button, or a mail program's one-click request with the body
`List-Unsubscribe=One-Click`) does it. No session: the token is the whole authority, and it can
only opt its person out of its circular's optional category."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from harzportal import db
from harzportal.circulars import unsubscribe, unsubscribe_page
from harzportal.core import client_address

PREFIX = "/unsubscribe/"
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer"}


def _in_unit_of_work(work, *args):
    def run():
        with db.unit_of_work() as session:
            return work(session, *args)

    return asyncio.to_thread(run)


async def show_link(request: Request) -> Response:
    token = request.path_params["token"]
    target = await _in_unit_of_work(unsubscribe.target_of, token)
    if target is None:
        return HTMLResponse(unsubscribe_page.unknown_page(), status_code=404, headers=HEADERS)
    return HTMLResponse(unsubscribe_page.confirm_page(target, PREFIX + token), headers=HEADERS)


async def use_link(request: Request) -> Response:
    token = request.path_params["token"]
    target = await _in_unit_of_work(unsubscribe.unsubscribe, token,
                                    client_address.of_request(request))
    if target is None:
        return HTMLResponse(unsubscribe_page.unknown_page(), status_code=404, headers=HEADERS)
    return HTMLResponse(unsubscribe_page.done_page(target), headers=HEADERS)


ROUTES = [
    Route(PREFIX + "{token}", show_link, methods=["GET"]),
    Route(PREFIX + "{token}", use_link, methods=["POST"]),
]
