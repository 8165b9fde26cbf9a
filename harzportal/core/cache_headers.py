"""Cache-Control on answers that do not set their own (issue 22, wrapped around the backend in
harzportal.py like the security headers):

- the frontend's hashed build files under `/assets/` (a new build gives new names): cached for
  a year and never revalidated (`public, max-age=31536000, immutable`);
- every other answer without its own header (the pages, which are filled over the websocket for
  the signed-in person, and anything else): `no-store`.

A route that sets its own Cache-Control (the logo's `private, max-age=3600`, say) keeps it.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HASHED_ASSETS = "public, max-age=31536000, immutable"
NOT_STORED = "no-store"


def cache_control(path: str, status: int) -> str:
    if path.startswith("/assets/") and status == 200:
        return HASHED_ASSETS
    return NOT_STORED


class CacheHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_cache_control(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Cache-Control",
                                   cache_control(scope.get("path", ""), message["status"]))
            await send(message)

        await self.app(scope, receive, send_with_cache_control)


def with_cache_headers(app: ASGIApp) -> ASGIApp:
    """The form rx.App(api_transformer=[...]) expects."""
    return CacheHeadersMiddleware(app)
