"""The objects of the app's start are frozen out of garbage collection (harzportal/gc_freeze.py)."""

from __future__ import annotations

import gc

import pytest

from harzportal.gc_freeze import freeze_objects_of_startup


def _tracked(value: object) -> bool:
    """Whether a collection of generation 0, 1 or 2 would walk `value` (frozen ones: no)."""
    return any(tracked is value for tracked in gc.get_objects())


@pytest.fixture
def unfrozen_afterwards():
    yield
    gc.unfreeze()  # back into generation 2: the test process collects as before


def test_objects_alive_at_the_start_are_frozen_and_later_ones_are_not(unfrozen_afterwards):
    of_the_start = [object()]
    assert _tracked(of_the_start)
    freeze_objects_of_startup()
    created_later = [object()]
    assert gc.get_freeze_count() > 0
    assert not _tracked(of_the_start)
    assert _tracked(created_later)


def test_every_server_process_freezes_when_the_app_starts():
    from harzportal.harzportal import app

    assert freeze_objects_of_startup in app.get_lifespan_tasks()
