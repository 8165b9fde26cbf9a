"""The JSON floor of `make bench`: plain Starlette routes beside the websocket page opens.

`GET /bench/state/<client token>` answers what the server keeps of one client's state: each
substate pickled as Reflex's state manager stores it in Redis (`BaseState._serialize`), in bytes.

`GET /bench/pages/<page>` does, as the person behind the session cookie, the same service calls
the page's on_load handlers make through the websocket (session check, the identity shown in
the shell, the page's first list page) in one unit of work, and answers them as JSON. Comparing
its latency with the websocket page opens shows what Reflex's event handling (state load and
store, delta computation, serialization) adds on top of our services.

The product does not know these routes: benchmarks/app.py mounts them on the product's app for
the benchmark server only (see there).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from harzportal.dashboard import service as dashboard
from harzportal.documents import library
from harzportal.invoices import service as invoices
from harzportal.organizations import directory
from harzportal.seminars import service as seminars
from harzportal.shell.routes import as_signed_in, not_found
from harzportal.shell.state import identity_of

PAGES = {
    "dashboard": lambda session, actor: dashboard.get_dashboard(session, actor),
    "invoices": lambda session, actor: invoices.list_member_invoices(
        session, actor, actor.organization_id or 0, 1),
    "seminars": lambda session, actor: seminars.list_catalogue(session, actor, page=1),
    "documents": lambda session, actor: (library.list_library(session, actor, page=1),
                                         library.record_visit(session, actor))[0],
    "directory": lambda session, actor: directory.search_directory(session, actor, page=1),
}


def open_page(session, actor, name: str) -> dict:
    """The service calls of opening page `name`: the shell's identity and the page's answer."""
    return {"identity": identity_of(session, actor), "page": PAGES[name](session, actor)}


def jsonable(value):
    """A service's answer as JSON values: dataclasses, SQLModel rows and pydantic models become
    objects, tuples lists, enums their value, dates ISO 8601 text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: jsonable(getattr(value, item.name))
                for item in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return jsonable(value.model_dump())
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _page_as_json(session, actor, name: str) -> dict:
    return jsonable(open_page(session, actor, name))  # inside the unit of work: rows still load


async def bench_page(request: Request):
    name = request.path_params["page"]
    if name not in PAGES:
        return not_found()
    view = await as_signed_in(request, _page_as_json, name)
    return JSONResponse(view) if view is not None else not_found()


def _serialized_sizes(root) -> dict[str, int]:
    sizes, stack = {}, [root]
    while stack:
        state = stack.pop()
        sizes[state.get_full_name()] = len(state._serialize())
        stack.extend(state.substates.values())
    return sizes


async def bench_state(request: Request):
    from harzportal.harzportal import app  # the running app (imported by Reflex already)

    token = request.path_params["client_token"]
    states = getattr(app.state_manager, "states", {})
    root = next((state for key, state in states.items() if str(key).startswith(token)), None)
    if root is None:
        return not_found()
    sizes = _serialized_sizes(root)
    return JSONResponse({"total": sum(sizes.values()), "substates": sizes,
                         "manager": type(app.state_manager).__name__})


ROUTES = [Route("/bench/pages/{page}", bench_page),
          Route("/bench/state/{client_token}", bench_state)]
