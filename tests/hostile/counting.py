"""How many hostile inputs each test tried (summed up at the end of the run)."""

from __future__ import annotations

import collections

TRIED: collections.Counter[str] = collections.Counter()
OUTCOMES: collections.Counter[str] = collections.Counter()


def tried(test: str, outcome: str) -> None:
    TRIED[test] += 1
    OUTCOMES[outcome] += 1
