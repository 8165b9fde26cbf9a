"""The two HTTP answers that set and clear our session cookie.

A websocket's cookie is fixed when it connects, and the cookie is HttpOnly (no script ever
reads it), so signing in and out ends with a full page load through one of these routes:

- `GET /_session/start?ticket=…`: the sign-in handler started the session and gave the browser
  a single-use ticket valid for a minute (`sessions.issue_ticket`); redeeming it gives the
  session a fresh token, which only this answer carries, in the cookie (HttpOnly,
  SameSite=Strict, Secure when settings say so, Path=/, Max-Age = the absolute session
  lifetime), and 303 to the dashboard. An unknown, used or expired ticket: 303 to the login page.
- `GET /_session/end`: the logout handler has ended the session server-side; this clears the
  cookie and answers 303 to the login page. While the cookie still names a valid session (a
  link from elsewhere), it changes nothing and sends the person to the dashboard.

The two pages these answers send the browser to are served at their exact path (the compiled
`dashboard.html`, `login.html`): the static frontend would answer `/dashboard` with a redirect
to `/dashboard/`, and the address bar would show that.
"""

from __future__ import annotations

import asyncio

from reflex.utils import prerequisites
from reflex_base import constants
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from harzportal import db
from harzportal.accounts import sessions
from harzportal.core import client_address
from harzportal.settings import get as get_settings
from harzportal.shell.connection import SESSION_COOKIE

START_PATH = "/_session/start"
END_PATH = "/_session/end"
LOGIN_PATH = "/login"
HOME_PATH = "/dashboard"
ENROLMENT_PATH = "/account/security"  # where a person without a required second factor is held
_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def start_url(ticket: str) -> str:
    return f"{START_PATH}?ticket={ticket}"


def _redeem(ticket: str, previous_token: str) -> str | None:
    with db.unit_of_work() as session:
        return sessions.redeem_ticket(session, ticket, previous_token)


async def start(request: Request) -> RedirectResponse:
    token = await asyncio.to_thread(_redeem, request.query_params.get("ticket", ""),
                                    request.cookies.get(SESSION_COOKIE, ""))
    if token is None:
        return RedirectResponse(LOGIN_PATH, status_code=303, headers=_HEADERS)
    settings = get_settings()
    response = RedirectResponse(HOME_PATH, status_code=303, headers=_HEADERS)
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_absolute_hours * 3600,
                        path="/", secure=settings.cookies_secure, httponly=True,
                        samesite="strict")
    return response


def _is_valid(token: str, client_ip: str) -> bool:
    with db.unit_of_work() as session:
        return sessions.resolve_session(session, token, client_ip) is not None


async def end(request: Request) -> RedirectResponse:
    token = request.cookies.get(SESSION_COOKIE, "")
    if token and await asyncio.to_thread(_is_valid, token, client_address.of_request(request)):
        return RedirectResponse(HOME_PATH, status_code=303, headers=_HEADERS)
    response = RedirectResponse(LOGIN_PATH, status_code=303, headers=_HEADERS)
    settings = get_settings()
    response.delete_cookie(SESSION_COOKIE, path="/", secure=settings.cookies_secure,
                           httponly=True, samesite="strict")
    return response


# The build's precompressed copies of a page (rxconfig's frontend_compression_formats), best first.
_SIDECARS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (those without q=0)."""
    accepted = set()
    for entry in header.split(","):
        coding, *parameters = (part.strip() for part in entry.split(";"))
        refused = any(p.replace(" ", "").lower() in ("q=0", "q=0.0", "q=0.00", "q=0.000")
                      for p in parameters)
        if coding and not refused:
            accepted.add(coding.lower())
    return accepted


def _landing_page(path: str):
    """The compiled page of `path`, at exactly that path (its brotli or gzip copy when the
    browser takes it, as the static files are served)."""
    name = path.strip("/") + ".html"

    async def serve(request: Request) -> Response:
        page = prerequisites.get_web_dir() / constants.Dirs.STATIC / name
        if not page.is_file():
            return RedirectResponse(path + "/", status_code=307)
        accepted = accepted_encodings(request.headers.get("accept-encoding", ""))
        for coding, suffix in _SIDECARS:
            sidecar = page.with_name(page.name + suffix)
            if (coding in accepted or "*" in accepted) and sidecar.is_file():
                return FileResponse(sidecar, media_type="text/html", headers={
                    "Content-Encoding": coding, "Vary": "Accept-Encoding"})
        return FileResponse(page, media_type="text/html", headers={"Vary": "Accept-Encoding"})

    return serve


ROUTES = [Route(START_PATH, start, methods=["GET"]), Route(END_PATH, end, methods=["GET"]),
          *(Route(path, _landing_page(path), methods=["GET", "HEAD"])
            for path in (HOME_PATH, LOGIN_PATH))]
