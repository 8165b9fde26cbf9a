"""Uploads: a guard in front of `/_upload` and our own endpoint behind it.

`UploadGuard` (ASGI, around the whole backend) answers before a byte of the body is read:
- 404 for a handler name that is not one of our upload handlers (`@accepts_upload`);
- 401 without a valid session cookie on the request itself;
- 413 when `Content-Length` is above that handler's limit, and a body without one (chunked)
  is cut off with 413 as soon as it streams past the limit.

`upload_endpoint` then does what Reflex's own `/_upload` route does (it uses Reflex's buffered
upload code), with one difference: the event carries the upload request's own Cookie header
(`connection.UPLOAD_COOKIE`), so the handler's person is the one of that request, and
`connection.SessionBinding` runs nothing unless that is the session the tab belongs to.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

from reflex_base.event import resolve_upload_handler_param
from reflex_base.registry import RegistrationContext
from reflex_components_core.core import _upload as reflex_upload
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harzportal import db
from harzportal.accounts.sessions import resolve_session
from harzportal.core import client_address
from harzportal.shell.connection import UPLOAD_COOKIE, cookie_token

UPLOAD_PATH = "/_upload"
# Multipart framing around the file (boundaries, part headers, the bound-arguments field).
MULTIPART_ALLOWANCE = 64 * 1024
_LIMIT_ATTRIBUTE = "upload_limit_bytes"


def accepts_upload(max_bytes: int | Callable[[], int]):
    """Marks a State handler as an upload handler taking files of at most `max_bytes` (or what
    the callable says when an upload arrives). Put it above `@requires_session`."""

    def mark(handler):
        setattr(handler, _LIMIT_ATTRIBUTE, max_bytes)
        return handler

    return mark


def upload_limit(handler_name: str) -> int | None:
    """The body limit (bytes, framing included) of a registered upload handler, or None."""
    registered = RegistrationContext.get().event_handlers.get(handler_name)
    limit = getattr(registered.handler.fn, _LIMIT_ATTRIBUTE, None) if registered else None
    if limit is None:
        return None
    return (limit() if callable(limit) else limit) + MULTIPART_ALLOWANCE


def _has_session(cookie_header: str | None, client_ip: str) -> bool:
    with db.unit_of_work() as session:
        return resolve_session(session, cookie_token(cookie_header), client_ip) is not None


def _answer(status: int) -> Response:
    text = {401: "Unauthorized", 404: "Not Found", 413: "Content Too Large",
            400: "Bad Request"}[status]
    return Response(text, status_code=status, headers={
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Connection": "close"})


class UploadGuard:
    """The checks above, in front of every POST to `/_upload`."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != UPLOAD_PATH:
            await self.app(scope, receive, send)
            return
        if scope.get("method") != "POST":
            await _answer(404)(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = upload_limit(headers.get("reflex-event-handler", ""))
        if limit is None:
            await _answer(404)(scope, receive, send)
            return
        if not await asyncio.to_thread(_has_session, headers.get("cookie"),
                                       client_address.of_request(Request(scope))):
            await _answer(401)(scope, receive, send)
            return
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await _answer(400)(scope, receive, send)
                return
            if int(declared) > limit:
                await _answer(413)(scope, receive, send)
                return
        await self._within(limit, scope, receive, send)

    async def _within(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        """The inner app, reading at most `limit` bytes of the body; past it, the inner app
        sees the client gone and the client gets 413."""
        received = 0
        cut = started = False

        async def limited_receive() -> Message:
            nonlocal received, cut
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    cut = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if cut and not started:
                return  # the inner app's answer to a "disconnect": the client gets the 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited_receive, guarded_send)
        if cut and not started:
            await _answer(413)(scope, receive, send)


def with_upload_guard(app: ASGIApp) -> ASGIApp:
    """For `rx.App(api_transformer=[…])`."""
    return UploadGuard(app)


@dataclasses.dataclass
class _Processor:
    """Reflex's event processor, handing every upload event the request's own cookie."""

    processor: object
    cookie: str

    def enqueue_stream_delta(self, token, event):
        event = dataclasses.replace(event, router_data={UPLOAD_COOKIE: self.cookie})
        return self.processor.enqueue_stream_delta(token, event)


@dataclasses.dataclass
class _App:
    event_processor: _Processor


async def upload_endpoint(request: Request) -> Response:
    """POST /_upload (behind `UploadGuard`): Reflex's buffered upload, as the request's person."""
    token = request.headers.get("reflex-client-token", "")
    handler_name = request.headers.get("reflex-event-handler", "")
    registered = RegistrationContext.get().event_handlers.get(handler_name)
    if not token or registered is None or upload_limit(handler_name) is None:
        return _answer(404 if token else 400)
    processor = _Processor(RegistrationContext.get().app.event_processor,
                           request.headers.get("cookie", ""))
    return await reflex_upload._upload_buffered_file(
        request, _App(processor), token=token, handler_name=handler_name,
        handler_upload_param=resolve_upload_handler_param(registered.handler))


ROUTES = [Route(UPLOAD_PATH, upload_endpoint, methods=["POST"])]
