"""Where a page open spends its time: the service calls of each page's on_load, one by one,
with their SQL statements and wall time, against a seeded database (`seed-scale`).

    REFLEX_DB_URL=... .venv/bin/python -m benchmarks.profile_pages [--repeat 20] [--profile]

--profile prints a pyinstrument profile of the slowest page (pyinstrument is in the bench
extra). Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import event
from sqlmodel import select

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from benchmarks.json_floor import PAGES, open_page


def _measure(token: str, name: str, repeat: int) -> tuple[int, float, list[str]]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    def once() -> None:
        with db.unit_of_work() as session:
            actor = sessions.resolve_session(session, token)
            open_page(session, actor, name)

    once()
    event.listen(db.get_engine(), "before_cursor_execute", count)
    once()
    event.remove(db.get_engine(), "before_cursor_execute", count)
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        once()
        timings.append((time.perf_counter() - began) * 1000)
    return len(statements), statistics.median(timings), statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--show-sql", action="store_true")
    args = parser.parse_args()
    with db.unit_of_work() as session:
        member = session.exec(select(User).where(User.role == "org_manager")
                              .order_by(User.id)).first()
        token = sessions.start_session(session, member)
    slowest = ("", 0.0)
    for name in PAGES:
        count, median, statements = _measure(token, name, args.repeat)
        print(f"{name:10} {count:3} statements, median {median:7.1f} ms")
        if args.show_sql:
            for statement in statements:
                print("    " + " ".join(statement.split())[:300])
        slowest = max(slowest, (name, median), key=lambda item: item[1])
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        with profiler:
            _measure(token, slowest[0], args.repeat)
        print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
