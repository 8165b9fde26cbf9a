"""What our own HTTP routes share: running a service as the person behind the session cookie
(off the event loop) and the answers they give."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response

from harzportal import db
from harzportal.accounts.sessions import resolve_session
from harzportal.core import client_address
from harzportal.core.errors import DomainError
from harzportal.shell.state import SESSION_COOKIE

NOT_FOUND_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"
XML = "application/xml"


async def as_signed_in(request: Request, work, *args, while_enrolling: bool = False):
    """`work(session, actor, *args)` for the signed-in person; None without a session, for a
    person held at the enrolment of a second factor (unless the route serves that enrolment:
    `while_enrolling`), or when the service refuses (a domain error)."""
    token = request.cookies.get(SESSION_COOKIE, "")
    client_ip = client_address.of_request(request)

    def run():
        with db.unit_of_work() as session:
            actor = resolve_session(session, token, client_ip)
            if actor is None or (actor.must_enrol and not while_enrolling):
                return None
            try:
                return work(session, actor, *args)
            except DomainError:
                return None

    return await asyncio.to_thread(run)


def not_found() -> Response:
    return Response("Not Found", status_code=404, headers=NOT_FOUND_HEADERS)


def attachment(content: bytes | str, media_type: str, filename: str) -> Response:
    """A download; a CSV starts with a byte order mark, so spreadsheets read it as UTF-8."""
    if media_type == CSV:
        content = "\ufeff" + content
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


def named_attachment(found: tuple[bytes | str, str] | None, media_type: str) -> Response:
    """What a service gave `as_signed_in` as (content, filename), as a download; None (no
    session, refused) as the one 404."""
    if found is None:
        return not_found()
    content, filename = found
    return attachment(content, media_type, filename)
