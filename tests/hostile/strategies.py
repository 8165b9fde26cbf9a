"""Hostile values: everything a client can put into an event or a form field.

Events arrive as JSON, so a "text field" may hold any JSON value: text in all of Unicode (control
and format characters included, surrogates excluded), 10,000-character strings, huge and negative
numbers, NaN and infinities, booleans, null, lists and objects.
"""

from __future__ import annotations

import math

from hypothesis import strategies as st

# Strings that broke parsers elsewhere: traversal, NULs, numbers in disguise, format strings,
# SQL/LIKE wildcards, bidi overrides, non-ASCII digits, dates at the ends of the calendar.
NASTY_STRINGS = (
    "", " ", "\x00", "a\x00b", "\t\n\r", "\u202e", "\ufeff", "../../etc/passwd",
    "..\\..\\windows\\win.ini", "/etc/passwd", "%", "_", "%_%", "' OR 1=1 --", "\"; DROP TABLE x;",
    "{}", "{0}", "{name}", "{limit}", "%s", "NaN", "nan", "inf", "-inf", "Infinity", "1e309",
    "-1", "0", "-0", "00", "+1", "1.5", "1,5", "١٢٣", "𝟙𝟚", "²", "Ⅻ", "9" * 30, "9" * 5000,
    "1.234.567,89", "999999999999,99", "0001-01-01", "9999-12-31", "0001-01-01T00:00",
    "9999-12-31T23:59", "0001-01", "9999-12", "2027-02-30", "2027-13-01", "2027-01-01T25:00",
    "2027-03-28T02:30", "2027-10-31T02:30", "2027-01-01T10:00+02:00", "null", "true", "[]",
    "<script>alert(1)</script>", "ß" * 300, "İ" * 50, "\U0001f600" * 100, "a" * 10_000,
)

characters = st.characters(exclude_categories=("Cs",))  # all of Unicode but lone surrogates
any_text = st.text(characters, max_size=40)
long_text = st.tuples(st.text(characters, min_size=1, max_size=4),
                      st.sampled_from([100, 201, 255, 301, 4001, 10_000])).map(
    lambda pair: (pair[0] * pair[1])[:pair[1]])
nasty_text = st.sampled_from(NASTY_STRINGS)
texts = st.one_of(any_text, nasty_text, long_text)

huge_ints = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63), 10**30, -(10**30),
                     10**400]))
floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 1e309, 0.5]))
scalars = st.one_of(texts, huge_ints, floats, st.booleans(), st.none())
# Anything JSON can carry (nested a little).
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)), max_leaves=8)


def hostile(valid):
    """Mostly hostile, sometimes the valid value, so some inputs get through and change data."""
    return st.one_of(st.just(valid), texts, json_values)


_MISSING = object()


@st.composite
def form(draw, valid: dict, extra_keys: bool = True, max_changed: int = 3):
    """A valid form with up to `max_changed` fields replaced by hostile values or left out, and
    perhaps unknown fields added: some forms get through, most are refused."""
    result = dict(valid)
    for name in draw(st.lists(st.sampled_from(sorted(valid)), max_size=max_changed, unique=True)):
        value = draw(st.one_of(texts, json_values, st.just(_MISSING)))
        if value is _MISSING:
            del result[name]
        else:
            result[name] = value
    if extra_keys:
        extra = draw(st.dictionaries(any_text, json_values, max_size=2))
        result = {key: value for key, value in extra.items() if key not in valid} | result
    return result


ids = st.one_of(huge_ints, texts, floats, st.none(), st.booleans(),
                st.lists(huge_ints, max_size=2), st.dictionaries(any_text, huge_ints, max_size=2))
