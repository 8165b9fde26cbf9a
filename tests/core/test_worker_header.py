"""The test-only worker marker (core/worker_header.py): HTTP header and Engine.IO open packet."""

from __future__ import annotations

import json
import os

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient

from harzportal.core.worker_header import HEADER, with_worker_header


async def _page(_request):
    return PlainTextResponse("ok")


async def _engineio(websocket):
    await websocket.accept()
    await websocket.send_text('0{"sid":"abc","upgrades":[],"pingInterval":25000}')
    await websocket.send_text('0{"not":"the open packet any more"}')
    await websocket.send_text("40")
    await websocket.close()


def _client() -> TestClient:
    app = Starlette(routes=[Route("/page", _page), WebSocketRoute("/_event/", _engineio)])
    return TestClient(with_worker_header(app))


def test_every_http_answer_names_the_worker_process():
    response = _client().get("/page")
    assert response.text == "ok"
    assert response.headers[HEADER] == str(os.getpid())


def test_the_websocket_open_packet_names_the_worker_and_keeps_its_fields():
    with _client().websocket_connect("/_event/") as websocket:
        first, second, third = (websocket.receive_text() for _ in range(3))
    assert first.startswith("0{")
    assert json.loads(first[1:]) == {"sid": "abc", "upgrades": [], "pingInterval": 25000,
                                      "worker": os.getpid()}
    # Only the first frame is the open packet: later frames pass unchanged.
    assert second == '0{"not":"the open packet any more"}'
    assert third == "40"
