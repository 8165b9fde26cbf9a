"""One session resolution per event and per page open (issue 23, Deliver 1), with the same
guarantees: a session that ended (revoked, logout in another tab, deactivation, idle or absolute
expiry) refuses the very next event; nothing is kept across events.

Events run here as Reflex runs them: each in its own `EventContext` (a fresh transaction id),
the `SessionBinding` middleware first, then the handler.
"""

from __future__ import annotations

import inspect

import pytest
import reflex as rx
from reflex_base.event.context import EventContext
from reflex_base.registry import RegistrationContext
from reflex_base.utils.format import format_event_handler
from sqlalchemy import event as sa_event

import harzportal.invoices.pages  # noqa: F401  (registers the page whose opening is counted)
from harzportal import db, settings
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.core.roles import Role
from harzportal.invoices.state import InvoicesState
from harzportal.shell import connection
from harzportal.shell.session_routes import LOGIN_PATH
from harzportal.shell.state import PortalState
from tests.handler_calls import connect

pytestmark = pytest.mark.service


def _loaders(route: str) -> list:
    """The on_load events `portal_page` registered for `route`."""
    for _render, page in RegistrationContext.ensure_context().decorated_pages:
        if page.get("route") == route:
            return list(page["on_load"])
    raise LookupError(route)


async def _run_event(root, handler=None, name: str = "") -> object:
    """One event: a fresh EventContext, the middleware, then `handler` (an EventHandler) on
    its own substate, as Reflex's event processor does."""
    name = name or format_event_handler(handler)
    context = EventContext(token="tab", state_manager=None, enqueue_impl=None)
    reset = EventContext.set(context)
    try:
        refused = await connection.SessionBinding().preprocess(None, root, rx.event.Event(
            name=name, payload={}))
        if refused is not None or handler is None:
            return refused
        state = root.get_substate(handler.state_full_name.split("."))
        result = handler.fn(state)
        return await result if inspect.isawaitable(result) else result
    finally:
        EventContext._context_var.reset(reset)


async def _open_page(root, route: str) -> list:
    """A page opened by client navigation: Reflex's on_load_internal, the page's loaders, and
    set_is_hydrated, each its own event."""
    from reflex.state import OnLoadInternalState

    bookkeeping = OnLoadInternalState.event_handlers
    results = [await _run_event(root, name=format_event_handler(bookkeeping["on_load_internal"]))]
    results += [await _run_event(root, loader) for loader in _loaders(route)]
    results.append(await _run_event(
        root, name=format_event_handler(bookkeeping["set_is_hydrated"])))
    return results


@pytest.fixture
def counted(monkeypatch, engine):
    """Counts session resolutions and the SQL statements sent."""
    counts = {"resolutions": 0, "statements": 0}
    resolve = sessions.resolve_session

    def counting_resolve(*args, **kwargs):
        counts["resolutions"] += 1
        return resolve(*args, **kwargs)

    def count_statement(*_args):
        counts["statements"] += 1

    monkeypatch.setattr(sessions, "resolve_session", counting_resolve)
    sa_event.listen(engine, "before_cursor_execute", count_statement)
    yield counts
    sa_event.remove(engine, "before_cursor_execute", count_statement)


def _tab(user):
    with db.unit_of_work() as session:
        token = sessions.start_session(session, user)
    root = rx.State()
    connect(root, token)
    return root, token


async def test_a_page_open_resolves_the_session_once(factories, counted):
    """Before: the shell's check_session and the page's load each resolved the session twice
    (the binding and the guard), and Reflex's own on_load_internal and set_is_hydrated once
    each: 6 resolutions for one page open."""
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, _token = _tab(manager)
    counted.update(resolutions=0, statements=0)

    await _open_page(root, "/invoices")

    invoices = root.get_substate(InvoicesState.get_full_name().split("."))
    assert invoices.signed_in and invoices.user_email == manager.email  # the header's identity
    assert counted["resolutions"] == 1
    # resolving (session row, user, second factor), the header (user, organization, flags),
    # the page's own queries: 7 here, 17 on the old code.
    assert counted["statements"] <= 8, counted


async def test_one_event_resolves_once_and_the_next_event_again(factories, counted):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, _token = _tab(manager)
    counted.update(resolutions=0)
    await _run_event(root, InvoicesState.load)
    assert counted["resolutions"] == 1  # the binding's, reused by the guard
    await _run_event(root, InvoicesState.load)
    assert counted["resolutions"] == 2  # never kept across events


async def test_outside_an_event_nothing_is_kept(factories, counted):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, _token = _tab(manager)
    portal = root.get_substate(PortalState.get_full_name().split("."))
    counted.update(resolutions=0)
    await portal._current_actor()
    await portal._current_actor()
    assert counted["resolutions"] == 2


async def test_within_one_event_another_cookie_resolves_again(factories, counted):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, _token = _tab(manager)
    portal = root.get_substate(PortalState.get_full_name().split("."))
    reset = EventContext.set(EventContext(token="tab", state_manager=None, enqueue_impl=None))
    try:
        assert (await portal._current_actor()).user_id == manager.id
        connect(root, "", bind=False)
        assert await portal._current_actor() is None
    finally:
        EventContext._context_var.reset(reset)


def _revoke(session, user, token):
    sessions.end_user_sessions(session, user.id)


def _logout_elsewhere(session, user, token):
    sessions.end_session(session, token)  # the same session, signed out in another tab


def _deactivate(session, user, token):
    session.get(User, user.id).is_active = False


@pytest.mark.parametrize("end", [_revoke, _logout_elsewhere, _deactivate])
async def test_a_session_that_ended_refuses_the_very_next_event(factories, end):
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, token = _tab(manager)
    await _open_page(root, "/invoices")
    invoices = root.get_substate(InvoicesState.get_full_name().split("."))
    assert invoices.signed_in
    invoices.error = "shown to the session that ended"
    with db.unit_of_work() as session:
        end(session, manager, token)

    result = await _run_event(root, InvoicesState.load)

    assert _redirects_to_login(result)
    assert (invoices.signed_in, invoices.user_email, invoices.error) == (False, "", "")


@pytest.mark.parametrize("limit", ["idle", "absolute"])
async def test_an_expired_session_refuses_the_very_next_event(factories, fake_clock, limit):
    idle_minutes = settings.get().session_idle_minutes
    absolute_minutes = settings.get().session_absolute_hours * 60
    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, _token = _tab(manager)
    await _open_page(root, "/invoices")
    if limit == "absolute":  # active all along: only the absolute limit ends it
        step = max(1, idle_minutes // 2)
        for _ in range(absolute_minutes // step - 1):  # up to the last step before the limit
            fake_clock.advance(minutes=step)
            assert not _redirects_to_login(await _run_event(root, InvoicesState.load))
        fake_clock.advance(minutes=step)
    else:
        fake_clock.advance(minutes=idle_minutes)

    assert _redirects_to_login(await _run_event(root, InvoicesState.load))


def _redirects_to_login(result) -> bool:
    events = result if isinstance(result, list) else [result]
    return any(LOGIN_PATH in repr(event) for event in events if event is not None)


async def test_only_reflex_s_page_load_bookkeeping_goes_unbound(factories, counted):
    """on_load_internal and set_is_hydrated run none of our code; every other event, the
    hydrate that sends the whole state first of all, is bound (and resets a foreign state)."""
    from reflex.state import OnLoadInternalState, State

    manager = factories.user(factories.organization(), role=Role.ORG_MANAGER)
    root, _token = _tab(manager)
    unbound = {format_event_handler(OnLoadInternalState.event_handlers[name])
               for name in ("on_load_internal", "set_is_hydrated")}
    assert connection._unbound_events() == unbound
    portal = root.get_substate(PortalState.get_full_name().split("."))
    own_session = portal._session_ref
    for name in sorted(unbound):
        portal._session_ref = "another session"
        await _run_event(root, name=name)
        assert portal._session_ref == "another session"
    for handler in (State.event_handlers["hydrate_and_load"], InvoicesState.load):
        portal._session_ref, portal.user_name = "another session", "theirs"
        await _run_event(root, name=format_event_handler(handler))
        assert (portal._session_ref, portal.user_name) == (own_session, "")
