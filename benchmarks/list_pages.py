"""The list pages' own work: each page's service call and presenter (what its `load` runs after
the session check), one by one, with the SQL statements of one call and the wall time, against
a seeded database (`harzportal seed-scale`). For comparing two versions of the list queries on
the same data (run it once per checkout, on a quiet machine).

    REFLEX_DB_URL=... .venv/bin/python -m benchmarks.list_pages [--repeat 200] [--page 3]

Prints a table of the median and p95 wall time per page and the median CPU time of this
process (the Python side: ORM, presenter; less disturbed by other processes' load than the wall
time); asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import event
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.core.actor import Actor
from harzportal.core.roles import Role


def _pages(member: Actor, staff: Actor, page: int) -> dict:
    from harzportal.admin import presenter as admin_presenter
    from harzportal.admin import service as admin
    from harzportal.documents import library
    from harzportal.documents import presenter as documents_presenter
    from harzportal.invoices import presenter as invoices_presenter
    from harzportal.invoices import service as invoices
    from harzportal.organizations import directory
    from harzportal.organizations import presenter as organizations_presenter
    from harzportal.organizations import service as organizations
    from harzportal.seminars import presenter as seminars_presenter
    from harzportal.seminars import service as seminars

    return {
        "member invoices": lambda s: invoices_presenter.invoice_rows(
            invoices.list_member_invoices(s, member, member.organization_id, 1).page, "de"),
        "staff invoices": lambda s: invoices_presenter.invoice_rows(
            invoices.list_staff_invoices(s, staff, page=page), "de"),
        "seminar catalogue": lambda s: seminars_presenter.catalogue_page(
            seminars.list_catalogue(s, member, page=1), "de"),
        "staff seminars": lambda s: seminars_presenter.staff_seminars_page(
            seminars.list_staff_seminars(s, staff, page), "de"),
        "documents": lambda s: documents_presenter.library_page(
            library.list_library(s, member, page=1).page, "de"),
        "directory": lambda s: organizations_presenter.directory_rows(
            directory.search_directory(s, member, page=page), "de"),
        "staff organizations": lambda s: organizations_presenter.organization_rows(
            organizations.list_organizations(s, staff, page=page), "de"),
        "staff accounts": lambda s: admin.list_users(s, staff, page=page).map(
            lambda listing: admin_presenter.user_row_view(listing, staff.user_id, "de")),
    }


def _measure(work, repeat: int) -> tuple[float, float, float, int]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    def once() -> None:
        with db.unit_of_work() as session:
            work(session)

    for _ in range(5):
        once()
    event.listen(db.get_engine(), "before_cursor_execute", count)
    once()
    event.remove(db.get_engine(), "before_cursor_execute", count)
    timings, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        once()
        timings.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    timings.sort()
    return (statistics.median(timings), timings[int(0.95 * (len(timings) - 1))],
            statistics.median(cpu), len(statements))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--page", type=int, default=3)
    args = parser.parse_args()
    with db.unit_of_work() as session:
        manager = session.exec(select(User).where(User.role == Role.ORG_MANAGER.value)
                               .order_by(User.id)).first()
        admin = session.exec(select(User).where(User.role == Role.NETWORK_ADMIN.value)
                             .order_by(User.id)).first()
    member = Actor(user_id=manager.id, organization_id=manager.organization_id,
                   role=Role.ORG_MANAGER)
    staff = Actor(user_id=admin.id, organization_id=None, role=Role.NETWORK_ADMIN)
    print("| page | p50 ms | p95 ms | CPU of this process, p50 ms | SQL statements |\n"
          "|---|---|---|---|---|")
    for name, work in _pages(member, staff, args.page).items():
        p50, p95, cpu, statements = _measure(work, args.repeat)
        print(f"| {name} | {p50:.2f} | {p95:.2f} | {cpu:.2f} | {statements} |", flush=True)


if __name__ == "__main__":
    main()
