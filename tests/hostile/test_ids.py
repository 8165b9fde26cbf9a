"""Ids as events deliver them: JSON numbers (Python's JSON reader also takes Infinity and NaN),
text, lists, objects."""

from __future__ import annotations

import math

from hypothesis import example, given

from harzportal.core.ids import MAX_ID, is_id, parse_id
from tests.hostile import counting
from tests.hostile.helpers import ACCEPTED
from tests.hostile.strategies import ids


@given(ids)
@example(math.inf)
@example(-math.inf)
@example(math.nan)
@example("9" * 5000)
def test_parse_id_takes_anything(value):
    parsed = parse_id(value)
    assert parsed is None or (isinstance(parsed, int) and 0 < parsed <= MAX_ID)
    assert is_id(value) in (True, False)
    counting.tried("test_parse_id_takes_anything", ACCEPTED)
