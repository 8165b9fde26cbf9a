"""A list's rows with just the columns the list shows.

A list page shows a few fields of each row; loading whole ORM rows for it costs most of the
page's Python time (identity map, attribute instrumentation, every column fetched and
converted). `summary_of(name, *columns)` makes a small frozen dataclass with one field per
column (named like the column, typed like it); `select_summaries(Summary)` selects exactly
those columns (joins and filters are added as to any select, extra columns after them), and
`Summary.of(row)` turns a result row into one. Presenters read a summary like the table row it
stands for (`summary.title`, `summary.starts_at`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlmodel import select


def _python_type(column) -> Any:
    try:
        return column.type.python_type
    except NotImplementedError:
        return Any


def summary_of(name: str, *columns) -> type:
    """A frozen dataclass `name` with the columns' names and types; `.columns` are the columns,
    `.of(row)` makes one from the first `len(columns)` values of a result row."""
    summary = dataclasses.make_dataclass(
        name, [(column.key, _python_type(column)) for column in columns], frozen=True,
        slots=True)
    width = len(columns)
    summary.columns = tuple(columns)
    summary.of = classmethod(lambda cls, row: cls(*row[:width]))
    return summary


def select_summaries(summary: type, *extra):
    """SELECT the summary's columns (then `extra`), for `summary.of(row)`."""
    return select(*summary.columns, *extra)
