"""The property every hostile input must keep, and the database snapshot that checks it.

`attempt` runs a service in a fresh unit of work, as the portal's handlers do. The input is
either accepted, or refused with a DomainError whose message exists in German and English (with
every placeholder filled), and then nothing at all has changed in the database. Any other
exception escapes and fails the test (hypothesis then shrinks the input to a minimal one).
"""

from __future__ import annotations

import os

from sqlalchemy import select

from harzportal import db
from harzportal.all_models import metadata
from harzportal.core.errors import DomainError
from harzportal.core.i18n import LANGUAGES, message_table, translate
from tests.hostile import counting

ACCEPTED, REFUSED = "accepted", "refused"


def snapshot(skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table (the test databases are small), ordered by primary key."""
    rows = {}
    with db.get_engine().connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in skip:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(row) for row in
                                connection.execute(select(table).order_by(*order))]
    return rows


def check_message(error: DomainError) -> None:
    """The error's message exists in every language and can be shown (placeholders filled)."""
    assert error.message_key in message_table(), f"missing catalogue key {error.message_key!r}"
    for language in LANGUAGES:
        assert message_table()[error.message_key].get(language), (error.message_key, language)
        assert translate(error.message_key, language, **error.values)
    for inner in getattr(error, "errors", {}).values():  # ProfileInvalid: one error per field
        check_message(inner)


def _test_name() -> str:
    return os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0].split("::")[-1]


def attempt(work, *args, skip_tables: tuple[str, ...] = (), counted: bool = True, **kwargs):
    """(ACCEPTED, result) or (REFUSED, error); asserts the refusal left the database unchanged.
    `counted=False` for set-up calls that are no hostile input."""
    before = snapshot(skip_tables)
    try:
        with db.unit_of_work() as session:
            result = work(session, *args, **kwargs)
    except DomainError as error:
        check_message(error)
        assert snapshot(skip_tables) == before, "a refused input changed the database"
        if counted:
            counting.tried(_test_name(), REFUSED)
        return REFUSED, error
    if counted:
        counting.tried(_test_name(), ACCEPTED)
    return ACCEPTED, result


def attempt_pure(work, *args, **kwargs):
    """The same property for a function without database access (parsers, validators)."""
    try:
        result = work(*args, **kwargs)
    except DomainError as error:
        check_message(error)
        counting.tried(_test_name(), REFUSED)
        return REFUSED, error
    counting.tried(_test_name(), ACCEPTED)
    return ACCEPTED, result
