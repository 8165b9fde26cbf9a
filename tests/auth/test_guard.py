"""The session guard refuses an event whose arguments do not fit the handler before anything
runs: no session lookup, no handler body, no traceback (a forged client event)."""

from __future__ import annotations

import logging

import pytest

from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.shell.guard import requires_session


class FakeState:
    def __init__(self):
        self.calls: list[tuple] = []
        self.lookups = 0

    async def _current_actor(self):
        self.lookups += 1
        return Actor(user_id=1, organization_id=1, role=Role.CONTACT)

    def _service_available(self):
        pass

    @requires_session
    async def rename(self, actor: Actor, name: str, *, loud: bool = False):
        self.calls.append((actor.user_id, name, loud))


@pytest.mark.parametrize("arguments, keywords", [
    ((), {}),                                  # missing
    (("Anna", "Berta"), {}),                   # one too many
    (("Anna",), {"actor": "forged"}),          # posing as someone else
    (("Anna",), {"unknown": 1}),               # no such parameter
])
async def test_arguments_that_do_not_fit_are_refused_before_anything_runs(
        arguments, keywords, caplog):
    state = FakeState()
    with caplog.at_level(logging.WARNING, logger="harzportal.auth"):
        assert await FakeState.rename(state, *arguments, **keywords) is None
    assert state.calls == [] and state.lookups == 0
    assert "arguments do not fit" in caplog.text


async def test_fitting_arguments_reach_the_handler_with_the_actor():
    state = FakeState()
    await FakeState.rename(state, "Anna", loud=True)
    assert state.calls == [(1, "Anna", True)]
