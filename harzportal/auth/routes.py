"""The passkey options the browser's script (assets/passkeys.js) fetches before it calls
`navigator.credentials`: each answer carries a new single-use challenge kept on the server.
POST only, never cached; the registration options need the session cookie (also while the
person is held at the enrolment of a second factor), the sign-in options are public and limited
per client address."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harzportal import db
from harzportal.accounts import passkeys
from harzportal.core import client_address
from harzportal.shell.routes import as_signed_in, not_found

REGISTRATION_OPTIONS_PATH = "/_passkeys/registration-options"
SIGN_IN_OPTIONS_PATH = "/_passkeys/sign-in-options"
_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _json(options: str) -> Response:
    return Response(options, media_type="application/json", headers=_HEADERS)


async def registration_options(request: Request) -> Response:
    options = await as_signed_in(request, passkeys.registration_options, while_enrolling=True)
    return not_found() if options is None else _json(options)


async def sign_in_options(request: Request) -> Response:
    client_ip = client_address.of_request(request)
    options = await db.run_in_unit_of_work(passkeys.sign_in_options, client_ip)
    if options is None:
        return Response("Too Many Requests", status_code=429, headers=_HEADERS)
    return _json(options)


ROUTES = [Route(REGISTRATION_OPTIONS_PATH, registration_options, methods=["POST"]),
          Route(SIGN_IN_OPTIONS_PATH, sign_in_options, methods=["POST"])]
