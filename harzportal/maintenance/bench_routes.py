"""Benchmark-only JSON routes: the floor of the stack for `make bench`.

`GET /bench/state/<client token>` answers what the server keeps of one client's state: each
substate pickled as Reflex's state manager stores it in Redis (`BaseState._serialize`), in bytes.

`GET /bench/pages/<page>` does, as the person behind the session cookie, the same service calls
the page's on_load handlers make through the websocket (session check, the identity shown in
the shell, the page's first list page) in one unit of work, and answers them as JSON. Comparing
its latency with the websocket page opens shows what Reflex's event handling (state load and
store, delta computation, serialization) adds on top of our services.

Mounted only when HARZPORTAL_BENCH_ROUTES=1; `check-production` and the production start refuse
that setting, so it never runs in production.
"""

from __future__ import annotations

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


def _open_page(session, actor, name: str) -> dict:
    return {"identity": identity_of(session, actor), "page": PAGES[name](session, actor)}


async def bench_page(request: Request):
    name = request.path_params["page"]
    if name not in PAGES:
        return not_found()
    view = await as_signed_in(request, _open_page, name)
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
    return JSONResponse({"total": sum(sizes.values()), "substates": sizes})


ROUTES = [Route("/bench/pages/{page}", bench_page),
          Route("/bench/state/{client_token}", bench_state)]
