"""What the pages show of a job run (frozen views, formatted by the presenter)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RunView:
    id: int
    kind: str  # "Rechnungslauf"
    subject: str  # what it ran for ("2027")
    state: str  # queued, running, done, failed (for the badge colour)
    state_label: str
    active: bool  # queued or running: the progress bar still moves
    done: int
    total: int
    errors: int
    percent: int  # 0..100, for the progress bar
    progress: str  # "12 von 19"
    started_by: str
    started: str  # "02.12.2026, 06:10"
    finished: str  # "" while unfinished
    result: str  # the summary in words; "" while unfinished


NO_RUN = RunView(id=0, kind="", subject="", state="", state_label="", active=False, done=0,
                 total=0, errors=0, percent=0, progress="", started_by="", started="",
                 finished="", result="")
