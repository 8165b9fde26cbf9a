"""Following a run from the page that started it: the one loop of the progress bars (the annual
invoice run, the collection run). A page's background event calls `follow` with the tab's
state; the state keeps the shown run in `state.run` (a RunView)."""

from __future__ import annotations

import asyncio
import time

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.jobruns import presenter, service
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
