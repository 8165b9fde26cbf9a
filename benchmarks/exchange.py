"""The exchange at scale: the post list (first page, a search word, filters, a deep page) and
one post with its matches, as service calls (the JSON floor's share of a page open), on a
PostgreSQL database of its own with 2,000 member organizations and 5,000 posts.

    .venv/bin/python -m benchmarks.exchange [--orgs 2000] [--posts 5000] [--repeat 30]

The rows are bulk-inserted (like `seed-scale`); organizations get their competences from the
demo network's vocabulary and `search_text` from `profile.apply_values`, posts theirs from
`posts.search_text_of`. Prints p50/p95 and the SQL statements of each call; the target is the
list pages' (docs/PERFORMANCE.md: p95 of a page open ≤ 100 ms). Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import time
from datetime import timedelta

from sqlalchemy import event, insert
from sqlmodel import select

from benchmarks.server import PG_ADMIN, _psql
from harzportal import db, migrations
from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.roles import Role
from harzportal.demo.network import read_organizations
from harzportal.exchange import service
from harzportal.exchange.models import Post
from harzportal.exchange.posts import search_text_of
from harzportal.organizations.models import Organization
from harzportal.organizations.profile import apply_values, competence_list

KINDS = ("offer", "request", "project_idea")
WORDS = ("Pilotanlage", "Kapazität", "Partner", "Labor", "Versuch", "Forschung", "Lieferant",
         "Konsortium", "Technikum", "Analytik", "Förderung", "Abnehmer")


def _vocabulary() -> list[str]:
    return sorted({tag for organization in read_organizations()
                   for tag in competence_list(organization)})


def _fill(orgs: int, posts: int) -> None:
    rng = random.Random(21)
    vocabulary = _vocabulary()
    rows = []
    for number in range(orgs):
        organization = Organization(name=f"Mitglied {number:04d} GmbH",
                                    kind=rng.choice(("chemical", "recycling", "metallurgical")),
                                    city="Goslar", postal_code="38640",
                                    federal_state=rng.choice(("NI", "ST", "TH")),
                                    status="left" if number % 25 == 0 else "active",
                                    description=" ".join(rng.sample(WORDS, 3)))
        apply_values(organization, {"competences": rng.sample(vocabulary, 4)})
        rows.append(organization.model_dump(exclude={"id"}))
    with db.unit_of_work() as session:
        ids = list(session.execute(insert(Organization).returning(Organization.id), rows)
                   .scalars())
        authors = list(session.execute(insert(User).returning(User.id), [
            {"email": f"autor{i}@bench.example", "full_name": f"Autor {i}",
             "organization_id": org_id, "role": "org_manager", "is_active": True,
             "preferred_language": "de", "listed_in_directory": True,
             "created_at": clock.now()} for i, org_id in enumerate(ids)]).scalars())
    now = clock.now()
    post_rows = []
    for number in range(posts):
        index = rng.randrange(len(ids))
        competences = rng.sample(vocabulary, 3)
        title = f"{rng.choice(WORDS)} für {competences[0]} gesucht ({number})"
        description = " ".join(rng.sample(WORDS, 6)) + " im Harz."
        post_rows.append({
            "organization_id": ids[index], "author_user_id": authors[index],
            "kind": rng.choice(KINDS), "title": title, "description": description,
            "competences": "\n".join(competences), "sector": rng.choice(("", "chemical",
                                                                         "recycling")),
            "funding_programme": rng.choice(("", "", "zim", "efre")), "deadline": None,
            "visibility": "office" if number % 20 == 0 else "members",
            "show_organization": number % 7 != 0,
            "status": "published" if number % 10 else "pending", "reason": "",
            "expires_on": (now + timedelta(days=rng.randrange(-30, 90))).date(),
            "search_text": search_text_of(title, description, competences), "revision": 1,
            "created_at": now - timedelta(minutes=number), "updated_at": now,
            "published_at": now - timedelta(minutes=number) if number % 10 else None})
    with db.unit_of_work() as session:
        for start in range(0, len(post_rows), 1000):
            session.execute(insert(Post), post_rows[start:start + 1000])
    with db.get_engine().connect() as connection:  # the statistics autovacuum would gather
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def _measure(work, repeat: int) -> tuple[float, float, int]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    def once() -> None:
        with db.unit_of_work() as session:
            work(session)

    once()
    event.listen(db.get_engine(), "before_cursor_execute", count)
    once()
    event.remove(db.get_engine(), "before_cursor_execute", count)
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        once()
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], len(statements)


@contextlib.contextmanager
def _database():
    """A fresh migrated PostgreSQL database of its own, dropped afterwards."""
    name = f"hp_bench_exchange_{os.getpid()}"
    _psql(f'DROP DATABASE IF EXISTS "{name}"')
    _psql(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name
    try:
        migrations.upgrade(url)
        yield url
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with _database() as url:
        engine = db.make_engine(url)
        db.use_engine(engine)
        began = time.perf_counter()
        _fill(args.orgs, args.posts)
        print(f"filled {args.orgs} organizations, {args.posts} posts in "
              f"{time.perf_counter() - began:.1f} s")
        with db.unit_of_work() as session:
            reader_org = session.exec(select(Organization.id).where(
                Organization.status == "active").order_by(Organization.id)).first()
            reader = session.exec(select(User.id).where(User.organization_id == reader_org)
                                  ).first()
            post = session.exec(select(Post).where(Post.organization_id == reader_org,
                                                   Post.status == "published")).first()
            word = post.title.split()[2].casefold()
        member = Actor(user_id=reader, organization_id=reader_org, role=Role.ORG_MANAGER)
        cases = {
            "list, first page": lambda s: service.search_posts(s, member),
            f"list, search '{word}'": lambda s: service.search_posts(s, member, search=word),
            "list, kind + sector + state": lambda s: service.search_posts(
                s, member, kind="offer", sector="chemical", federal_state="NI"),
            "list, page 200": lambda s: service.search_posts(s, member, page=200),
            "own posts": lambda s: service.own_posts(s, member),
            "one post with its matches": lambda s: service.get_post(s, member, post.id),
        }
        print("| call | p50 ms | p95 ms | SQL statements |\n|---|---|---|---|")
        for name, work in cases.items():
            p50, p95, statements = _measure(work, args.repeat)
            print(f"| {name} | {p50:.1f} | {p95:.1f} | {statements} |")
        db.use_engine(None)
        engine.dispose()


if __name__ == "__main__":
    main()
