"""Which worker process answered: for the scale-out tests only.

With Redis the production server runs several backend worker processes; the scale-out tests
(tests/e2e/test_scale_out.py) need to see which worker served a page load and, above all, which
one holds a page's websocket (every event of that page is handled there). When
HARZPORTAL_WORKER_HEADER is on (never in production: harzportal.py does not install this there):

- every HTTP answer carries `X-HarzPortal-Worker: <pid>`;
- the websocket's first frame, Engine.IO's open packet `0{"sid": ...}`, gets a `"worker": <pid>`
  field. Granian drops extra headers of a websocket handshake, so the handshake cannot say it;
  the Engine.IO client ignores fields it does not know.
"""

from __future__ import annotations

import json
import os

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-HarzPortal-Worker"


class WorkerHeaderMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        opened = False

        async def send_with_worker(message: Message) -> None:
            nonlocal opened
            # Looked up per message: a forked worker must name itself, not its parent.
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = str(os.getpid())
            elif message["type"] == "websocket.send" and not opened:
                opened = True
                message = _with_worker_in_open_packet(message)
            await send(message)

        await self.app(scope, receive, send_with_worker)


def _with_worker_in_open_packet(message: Message) -> Message:
    text = message.get("text")
    if not isinstance(text, str) or not text.startswith("0{"):
        return message
    packet = json.loads(text[1:])
    packet["worker"] = os.getpid()
    return {**message, "text": "0" + json.dumps(packet, separators=(",", ":"))}


def with_worker_header(app: ASGIApp) -> ASGIApp:
    """The form rx.App(api_transformer=[...]) expects: a function from ASGI app to ASGI app."""
    return WorkerHeaderMiddleware(app)
