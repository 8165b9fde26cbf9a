"""One URL form for every page, without a redirect (issue 22).

The portal's links name pages without a trailing slash (`/invoices`). A page with pages below it
is built as a folder (`invoices/index.html`), and the static file server answers its slash-less
address with a 307 to `/invoices/` (on a phone another round trip of several hundred ms). This
middleware serves such a page at the address the link names: when the inner app answers a
GET or HEAD with a redirect to the same path plus "/", the request is served again as that
path, and the browser keeps the address it asked for. Every other answer passes unchanged.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_REDIRECTS = {301, 302, 307, 308}


def is_slash_redirect(path: str, message: Message) -> bool:
    """Whether a response start is a redirect from `path` to `path + "/"`."""
    if message["status"] not in _REDIRECTS:
        return False
    location = Headers(raw=message.get("headers", [])).get("location", "")
    return urlsplit(location).path == f"{path}/"


class CanonicalPathsMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD")
                or path.endswith("/")):
            await self.app(scope, receive, send)
            return
        redirected = False

        async def unless_slash_redirect(message: Message) -> None:
            nonlocal redirected
            if message["type"] == "http.response.start":
                redirected = is_slash_redirect(path, message)
            if not redirected:
                await send(message)

        await self.app(scope, receive, unless_slash_redirect)
        if redirected:
            raw_path = scope.get("raw_path") or path.encode()
            await self.app(dict(scope, path=f"{path}/", raw_path=raw_path + b"/"), receive, send)


def with_canonical_paths(app: ASGIApp) -> ASGIApp:
    """The form rx.App(api_transformer=[...]) expects."""
    return CanonicalPathsMiddleware(app)
