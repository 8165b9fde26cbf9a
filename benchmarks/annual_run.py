"""`make bench`, issue 19: the annual fee run for 2,000 organizations on SQLite and on PostgreSQL
while 10 people sign in and open pages.

    .venv/bin/python -m benchmarks.annual_run [--scale full|small] [--engines sqlite,postgresql]

For each engine: 1. a fresh database filled by `harzportal seed-scale` (full: 2,000
organizations with their fees and billing contacts and no invoices, so that nothing is left for
the job consumers but the run's own documents; small: 50), SQLite as a file (as `make run`, the
job queue in Huey's SQLite file next to it) or PostgreSQL with Redis (client state and job queue,
`REFLEX_REDIS_URL` to a Redis database of its own, emptied afterwards); 2. the production server
(`harzportal serve`, one worker, with its default `harzportal worker` child rendering the
documents at a lower CPU priority), and a wait until the build's and the seeding's load has
decayed (the load then is the machine's other work, which makes the figures indicative if above
1); 3. 10 clients each sign in with their own member account, open the dashboard and
the four list pages with 1-3 s between pages, and sign in again, over and over: first for
a baseline window without the run, then from the moment staff start the run (the service the
staff button calls, `annual_run.start_annual_run`, which queues the job `invoice.annual_run`)
until every invoice of the year has its document. Timed: until all numbers are issued (every
invoice row exists), until all documents exist (every document rendered or failed), and each
sign-in and page open as in benchmarks/latency.py; a failed one counts as an error.

Writes its entry `annual_run` into artifacts/bench/results.json and its section of
docs/PERFORMANCE.md (benchmarks/report.py). Asserts nothing: the report says met or missed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, text
from sqlmodel import select

from benchmarks import report, server
from benchmarks.clients import Client
from benchmarks.latency import LIST_PAGES, summary
from benchmarks.run import RESULTS, member_logins

SCALES = {
    "full": {"orgs": 2000, "contacts": 20000, "invoices": 0, "seminars": 200, "documents": 100},
    "small": {"orgs": 50, "contacts": 150, "invoices": 0, "seminars": 10, "documents": 5},
}
BASELINE_SECONDS = {"full": 30.0, "small": 8.0}
RUN_LIMIT_SECONDS = {"full": 900.0, "small": 240.0}  # the run is given up on after this
ENGINES = ("sqlite", "postgresql")
CLIENTS = 10
THINK = (1.0, 3.0)  # seconds a person looks at a page
PAGES = ("/dashboard", *LIST_PAGES)
POLL_SECONDS = 0.25
SETTLE_SECONDS = 180.0  # the longest wait for the build's and the seeding's load to decay
REDIS_URL = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/9"


async def _browse(base_url: str, login: tuple[str, str], stop: asyncio.Event,
                  samples: list[dict], rng: random.Random) -> None:
    """One person until `stop`: sign in, open the pages, sign in again (a new tab)."""
    await asyncio.sleep(rng.uniform(0, THINK[1]))
    while not stop.is_set():
        client = Client(base_url)
        try:
            began = time.monotonic()
            try:
                await client.connect()
                samples.append({"kind": "sign_in", "at": began,
                                "seconds": await client.sign_in(*login)})
            except Exception as error:  # noqa: BLE001 - every failure is counted and reported
                samples.append({"kind": "sign_in", "at": began, "error": _kind(error)})
                await asyncio.sleep(THINK[0])  # not a tight loop against a failing server
                continue
            for path in PAGES:
                await asyncio.sleep(rng.uniform(*THINK))
                if stop.is_set():
                    break
                began = time.monotonic()
                try:
                    samples.append({"kind": "open", "at": began, "seconds": await client.open(path),
                                    "path": path})
                except Exception as error:  # noqa: BLE001 - counted and reported
                    samples.append({"kind": "open", "at": began, "error": _kind(error),
                                    "path": path})
                    break
        finally:
            with contextlib.suppress(Exception):
                await client.close()


def _kind(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error)[:120]}"


def window(samples: list[dict], start: float, end: float) -> dict:
    """Sign-ins and page opens that began in [start, end): timings and errors."""
    inside = [s for s in samples if start <= s["at"] < end]
    result: dict = {"seconds": end - start}
    for kind in ("sign_in", "open"):
        of_kind = [s for s in inside if s["kind"] == kind]
        result[kind] = summary([s["seconds"] for s in of_kind if "seconds" in s])
        errors: dict[str, int] = {}
        for sample in of_kind:
            if "error" in sample:
                errors[sample["error"]] = errors.get(sample["error"], 0) + 1
        result[kind]["errors"] = sum(errors.values())
        result[kind]["error_kinds"] = errors
    return result


def _admin_actor():
    from harzportal import db
    from harzportal.accounts.models import User
    from harzportal.core.actor import Actor
    from harzportal.core.roles import Role
    from harzportal.demo.scale import ADMIN_EMAIL

    with db.unit_of_work() as session:
        admin = session.exec(select(User).where(User.email == ADMIN_EMAIL)).one()
        return Actor(user_id=admin.id, organization_id=None, role=Role.NETWORK_ADMIN)


def start_run(year: int) -> int:
    """What the staff button does (InvoiceRunState.issue_all): start the year's run as a job;
    the number of invoices it is to issue."""
    from harzportal import db
    from harzportal.invoices import annual_run

    actor = _admin_actor()
    with db.unit_of_work() as session:
        return annual_run.start_annual_run(session, actor, year).total


def document_counts(year: int) -> dict[str, int]:
    """The year's fee invoices by document state (pending, ready, failed)."""
    from harzportal import db
    from harzportal.invoices.models import Invoice

    with db.unit_of_work() as session:
        rows = session.exec(select(Invoice.document_state, func.count())
                            .where(Invoice.fee_year == year)
                            .group_by(Invoice.document_state)).all()
    return dict(rows)


async def measure(base_url: str, logins: list[tuple[str, str]], year: int,
                  baseline_s: float, limit_s: float) -> dict:
    """The clients browse through a baseline window, then through the run until every
    document exists; the run's times and both windows' figures."""
    samples: list[dict] = []
    stop = asyncio.Event()
    browsing = [asyncio.create_task(_browse(base_url, login, stop, samples, random.Random(i)))
                for i, login in enumerate(logins)]
    baseline_start = time.monotonic()
    await asyncio.sleep(baseline_s)
    started = time.monotonic()
    total = await asyncio.to_thread(start_run, year)
    issued_at = documents_at = None
    counts: dict[str, int] = {}
    while time.monotonic() - started < limit_s:
        counts = await asyncio.to_thread(document_counts, year)
        now = time.monotonic()
        if issued_at is None and sum(counts.values()) >= total:
            issued_at = now
        if issued_at is not None and counts.get("ready", 0) + counts.get("failed", 0) >= total:
            documents_at = now
            break
        await asyncio.sleep(POLL_SECONDS)
    end = time.monotonic()
    stop.set()
    await asyncio.gather(*browsing)
    return {
        "year": year, "to_issue": total, "finished": documents_at is not None,
        "issued": sum(counts.values()), "documents_ready": counts.get("ready", 0),
        "documents_failed": counts.get("failed", 0),
        "numbers_s": issued_at - started if issued_at is not None else None,
        "documents_s": documents_at - started if documents_at is not None else None,
        "baseline": window(samples, baseline_start, started),
        "during": window(samples, started, end),
        "issuing": window(samples, started, issued_at or end),
        "rendering": window(samples, issued_at, end) if issued_at is not None else None,
    }


@contextlib.contextmanager
def _redis_database(url: str):
    """A Redis database for this run only: refused if it holds keys, emptied afterwards."""
    import redis

    connection = redis.Redis.from_url(url)
    if connection.dbsize():
        raise RuntimeError(f"{url} holds keys already: give BENCH_REDIS_URL an empty database")
    try:
        yield url
    finally:
        connection.flushdb()
        connection.close()


@contextlib.contextmanager
def _engine(engine: str, sizes: dict[str, int], data_dir: Path):
    """(database URL, seed seconds, Redis URL or None) of a fresh seeded database."""
    if engine == "sqlite":
        with server.sqlite_database(sizes, data_dir) as (database, seconds):
            yield database.url, seconds, None
    else:
        with _redis_database(REDIS_URL) as redis_url, \
                server.database(sizes, data_dir) as (database, seconds):
            yield database.url, seconds, redis_url


def _point_at(db_url: str, data_dir: Path, redis_url: str | None, queue_name: str) -> None:
    """This process's settings, database and job queue: those of the measured server."""
    from harzportal import db, jobs, settings

    os.environ.update({"REFLEX_DB_URL": db_url, "HARZPORTAL_DATA_DIR": str(data_dir),
                       "HARZPORTAL_JOB_QUEUE_NAME": queue_name})
    os.environ.pop("REFLEX_REDIS_URL", None)
    if redis_url:
        os.environ["REFLEX_REDIS_URL"] = redis_url
    settings.reload()
    db.use_engine(db.make_engine(db_url))
    jobs.use_storage(None)  # connected to the configured storage on first use


def run_engine(engine: str, scale: str, build: bool = True) -> dict:
    """The whole measurement on one engine, its database and data folder removed afterwards."""
    from harzportal import db, jobs
    from harzportal.core import clock

    data_dir = Path(tempfile.mkdtemp(prefix=f"hp-annual-{engine}-"))
    queue_name = f"hp-annual-bench-{os.getpid()}"
    try:
        with _engine(engine, SCALES[scale], data_dir) as (db_url, seed_seconds, redis_url):
            _point_at(db_url, data_dir, redis_url, queue_name)
            with db.unit_of_work() as session:
                version = session.exec(text(
                    "SELECT sqlite_version()" if engine == "sqlite" else "SELECT version()")
                ).one()[0]
            logins = member_logins(CLIENTS + 1)
            with server.production_server(db_url, data_dir, job_consumers=True,
                                          redis_url=redis_url, queue_name=queue_name,
                                          build=build) as running:
                print(f"{engine}: server up at {running.base_url}", flush=True)
                asyncio.run(_warm_up(running.base_url, logins[0]))
                load_before = _settled_load()
                result = asyncio.run(measure(running.base_url, logins[1:], clock.today().year + 1,
                                             BASELINE_SECONDS[scale], RUN_LIMIT_SECONDS[scale]))
                load_after = os.getloadavg()
            db.use_engine(None)
            jobs.use_storage(None)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return result | {
        "engine": engine,
        "database": f"SQLite {version}" if engine == "sqlite" else version.split(" on ")[0],
        "queue": "Huey SqliteStorage" if engine == "sqlite" else "Huey RedisStorage",
        "client_state": "disk" if engine == "sqlite" else "Redis",
        "organizations": SCALES[scale]["orgs"], "seed_seconds": seed_seconds,
        "load_before": load_before, "load_after": load_after,
    }


def _settled_load() -> tuple[float, float, float]:
    """The load average once the frontend build's and the seeding's load has decayed below
    report.BUSY_LOAD (or after SETTLE_SECONDS): what is left is other work on the machine."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while os.getloadavg()[0] > report.BUSY_LOAD and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()


async def _warm_up(base_url: str, login: tuple[str, str]) -> None:
    """One person signs in and opens every page first: the measured ones do not pay for it."""
    client = Client(base_url)
    await client.connect()
    await client.sign_in(*login)
    for path in PAGES:
        await client.open(path)
    await client.close()


def run(scale: str, engines: tuple[str, ...]) -> dict:
    began = time.perf_counter()
    results = {"scale": scale, "clients": CLIENTS, "think": THINK,
               "baseline_s": BASELINE_SECONDS[scale], "sizes": SCALES[scale],
               "cores": os.cpu_count(), "engines": {}}
    for index, engine in enumerate(engines):
        outcome = run_engine(engine, scale, build=index == 0)
        results["engines"][engine] = outcome
        print(f"{engine}: {outcome['to_issue']} invoices, numbers after "
              f"{outcome['numbers_s'] or float('nan'):.1f} s, documents after "
              f"{outcome['documents_s'] or float('nan'):.1f} s; page opens p95 "
              f"{outcome['baseline']['open']['p95']:.0f} ms without, "
              f"{outcome['during']['open']['p95']:.0f} ms during the run", flush=True)
    results["total_seconds"] = time.perf_counter() - began
    results["finished"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=tuple(SCALES), default="full")
    parser.add_argument("--engines", default=",".join(ENGINES))
    args = parser.parse_args()
    engines = tuple(args.engines.split(","))
    if not set(engines) <= set(ENGINES):
        parser.error(f"--engines: from {', '.join(ENGINES)}")
    annual = run(args.scale, engines)
    # Its entry in the whole benchmark's figures; the report is written from them.
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["annual_run"] = annual
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, default=str))
    print(f"written {report.write_annual(results['annual_run'])}")


if __name__ == "__main__":
    main()
