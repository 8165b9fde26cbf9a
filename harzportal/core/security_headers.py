"""Security headers on every HTTP answer of the portal: pages, static assets, our /files routes,
/ping. A small ASGI middleware, wrapped around Reflex's backend in harzportal.py (the pages are
served by the same backend in `--single-port` production mode).

- Content-Security-Policy: only our own origin; Reflex's compiled pages need inline scripts and
  styles ('unsafe-inline'), the websocket connects to the same origin (connect-src), logo
  previews are data: URLs; no plugins, no framing by anyone (frame-ancestors 'none').
- X-Content-Type-Options: nosniff, Referrer-Policy: strict-origin-when-cross-origin,
  X-Frame-Options: DENY (for browsers without frame-ancestors), a Permissions-Policy that turns
  off what the portal never uses.
- Strict-Transport-Security only when the answer goes out over HTTPS: the request itself came
  over https (scope scheme), or the portal is configured for an https public origin (a TLS
  reverse proxy in front) and that proxy says `X-Forwarded-Proto: https`. Without an https
  public origin the forwarded header is not trusted: anyone could send it.

A header a route sets itself (the logo route's stricter CSP) is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harzportal.settings import get as get_settings

HSTS = "max-age=31536000; includeSubDomains"


def content_security_policy(public_origin: str) -> str:
    """The page policy. The websocket goes to our own origin ('self' covers ws/wss of the same
    host in CSP 3; the public origin's ws form is named too for older engines)."""
    websocket = public_origin.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    directives = {
        "default-src": "'self'",
        "script-src": "'self' 'unsafe-inline'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": f"'self' {websocket}",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(public_origin: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(public_origin),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    }


def served_over_https(scope: Scope, public_origin: str) -> bool:
    if scope.get("scheme") in ("https", "wss"):
        return True
    if not public_origin.startswith("https://"):
        return False
    forwarded = Headers(scope=scope).get("x-forwarded-proto", "")
    return forwarded.split(",")[0].strip().lower() == "https"


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP response start; websockets pass untouched."""

    def __init__(self, app: ASGIApp, public_origin: Callable[[], str] | None = None):
        self.app = app
        self._public_origin = public_origin or (lambda: get_settings().public_origin)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = self._public_origin()
        headers_to_add = security_headers(origin)
        if served_over_https(scope, origin):
            headers_to_add["Strict-Transport-Security"] = HSTS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in headers_to_add.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def with_security_headers(app: ASGIApp) -> ASGIApp:
    """The form rx.App(api_transformer=[...]) expects: a function from ASGI app to ASGI app."""
    return SecurityHeadersMiddleware(app)
