"""The objects of the app's start kept out of the garbage collector's full collections (issue 23).

After the app is imported, one server process holds about 365,000 objects that live as long as
it does: modules, Reflex's compiled pages and state classes, SQLAlchemy's mappers, the message
catalogues. CPython's full (generation 2) collection walks all of them each time it runs, with
the interpreter lock held; in the benchmark's 50-client run each took 170 to 240 ms, during
which no page open could be answered. `gc.freeze()` moves every object alive at that moment into
a permanent generation that collections skip (what it is meant for: objects that live for the
life of the process); full collections of what is created afterwards (the clients' states,
the events' work) then took 7 to 54 ms.

`freeze_objects_of_startup` runs once as a lifespan task of every server process (one per
worker), when the app is set up and before it answers a request. Nothing frozen is ever
collected: a cycle among those objects that becomes garbage later stays in memory, which for
objects of the app's start does not happen in practice.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger("harzportal.serve")


def freeze_objects_of_startup() -> None:
    """The server's lifespan task (a plain function: Reflex calls it while the app starts, before
    the first request): collect once, then freeze what is left (see the module)."""
    gc.collect()
    gc.freeze()
    log.info("%s objects of the app's start frozen out of garbage collection",
             gc.get_freeze_count())
