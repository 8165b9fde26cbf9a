"""The exchange through the websocket at scale (issue 21's performance line): 5,000 posts on
the benchmark database's 2,000 organizations (`seed-scale`), then N signed-in members open the
post list (`/exchange`) and one of their own organization's posts with its matches
(`/exchange/<id>`, the poster's view) `rounds` times each, with the list pages' think time.
Timed like the list pages (benchmarks/latency.py): from the navigation event until the page is
hydrated with its data."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import timedelta

from sqlalchemy import insert
from sqlmodel import select

from benchmarks.clients import POST_PAGE, Client
from benchmarks.exchange import KINDS, WORDS, _vocabulary
from benchmarks.latency import _signed_in_clients, summary

POSTS = {"full": 5000, "quick": 500}


def seed_posts(count: int, logins: list[tuple[str, str]]) -> dict[str, int]:
    """`count` published posts over all organizations, authored by their org managers; every
    login's organization gets at least one. Returns email -> the id of one post of its org."""
    from harzportal import db
    from harzportal.accounts.models import User
    from harzportal.core import clock
    from harzportal.exchange.models import Post
    from harzportal.exchange.posts import search_text_of

    rng = random.Random(21)
    vocabulary = _vocabulary()
    with db.unit_of_work() as session:
        authors = session.exec(select(User.id, User.organization_id, User.email)
                               .where(User.role == "org_manager").order_by(User.id)).all()
    emails = {email for email, _ in logins}
    first = [a for a in authors if a[2] in emails]
    now = clock.now()
    rows = []
    for number in range(count):
        user_id, org_id, _ = first[number] if number < len(first) else rng.choice(authors)
        competences = rng.sample(vocabulary, 3)
        title = f"{rng.choice(WORDS)} für {competences[0]} gesucht ({number})"
        description = " ".join(rng.sample(WORDS, 6)) + " im Harz."
        rows.append({
            "organization_id": org_id, "author_user_id": user_id, "kind": rng.choice(KINDS),
            "title": title, "description": description, "competences": "\n".join(competences),
            "sector": rng.choice(("", "chemical", "recycling")),
            "funding_programme": rng.choice(("", "", "zim", "efre")), "deadline": None,
            "visibility": "office" if number % 20 == 19 else "members",
            "show_organization": number % 7 != 6, "status": "published", "reason": "",
            "expires_on": (now + timedelta(days=rng.randrange(1, 90))).date(),
            "search_text": search_text_of(title, description, competences), "revision": 1,
            "created_at": now - timedelta(minutes=number), "updated_at": now,
            "published_at": now - timedelta(minutes=number)})
    with db.unit_of_work() as session:
        ids = []
        for start in range(0, len(rows), 1000):
            ids.extend(session.execute(insert(Post).returning(Post.id),
                                       rows[start:start + 1000]).scalars())
    with db.get_engine().connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    return {a[2]: ids[index] for index, a in enumerate(first)}


async def run(base_url: str, logins: list[tuple[str, str]], own_post: dict[str, int],
              rounds: int, think: tuple[float, float] | None) -> dict:
    clients, _ = await _signed_in_clients(base_url, logins)
    pauses = random.Random(len(clients))
    times: dict[str, list[float]] = {"/exchange": [], "/exchange/<id>": []}
    matches: list[int] = []

    async def browse(client: Client, email: str, start: float) -> None:
        await asyncio.sleep(start)
        for _ in range(rounds):
            if think:
                await asyncio.sleep(pauses.uniform(*think))
            times["/exchange"].append(await client.open("/exchange"))
            if think:
                await asyncio.sleep(pauses.uniform(*think))
            times["/exchange/<id>"].append(
                await client.open(f"/exchange/{own_post[email]}", POST_PAGE))

    starts = [pauses.uniform(0, think[1]) if think else 0 for _ in clients]
    began = time.perf_counter()
    await asyncio.gather(*(browse(client, email, start) for client, (email, _), start
                           in zip(clients, logins, starts, strict=True)))
    seconds = time.perf_counter() - began
    await asyncio.gather(*(client.close() for client in clients))
    opens = sum(len(v) for v in times.values())
    return {"clients": len(clients), "rounds": rounds, "matches": matches,
            "pages": {path: summary(values) for path, values in times.items()},
            "opens_per_second": opens / seconds}
