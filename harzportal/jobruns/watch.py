"""Following a run from the page that started it: the one loop of the progress bars (the annual
invoice run, the collection run, the bank statement import). A page's background event
`watch_run` calls `follow_to_outcome` with the tab's state, which keeps the shown run in
`state.run` (a RunView), whether it follows one in `state._watching`, and the outcome in
`state.message` and `state.error`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.jobruns import presenter, service
from harzportal.jobruns.models import RunState
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import staff_still_signed_in

WATCH_SECONDS = 1.0  # how often a followed run's progress is read
WATCH_LIMIT_SECONDS = 4 * 3600  # a watch never outlives this (the page shows it on return)


async def follow(state, run_id: int, language: str) -> Actor | None:
    """Read the run's progress into `state.run` every WATCH_SECONDS until it has finished, and
    return the staff member of that last read. None, and nothing more is read, once the tab's
    session no longer belongs to staff (signed out or revoked meanwhile), once the tab shows
    another run, or after WATCH_LIMIT_SECONDS."""
    started = time.monotonic()
    while time.monotonic() - started < WATCH_LIMIT_SECONDS:
        async with state:
            actor = await staff_still_signed_in(state)
        if actor is None:
            return None
        current = await db.run_in_unit_of_work(service.progress, actor, run_id)
        view = presenter.run_view(current, language)
        async with state:
            if state.run.id != run_id:
                return None
            state.run = view
        if not view.active:
            return actor
        await asyncio.sleep(WATCH_SECONDS)
    return None


async def follow_to_outcome(state, reload: Callable[[Actor], Awaitable[None]]) -> None:
    """Follow the run the tab shows (one watch a tab) to its end, then show its result as the
    page's message (done) or error (failed), and `reload` the page's lists."""
    async with state:
        if state._watching or not state.run.id:
            return
        state._watching, run_id, language = True, state.run.id, state.lang
    try:
        actor = await follow(state, run_id, language)
        if actor is not None:
            wake_sender()  # the mails the run queued
            async with state:
                if state.run.id == run_id:  # no other run chosen meanwhile
                    if state.run.state == RunState.DONE.value:
                        state.message = state.run.result
                    else:
                        state.error = state.run.result
                    await reload(actor)
    finally:
        async with state:
            state._watching = False
