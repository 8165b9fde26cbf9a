"""`make bench`: the whole benchmark, written to docs/PERFORMANCE.md (+ a latency chart).

    .venv/bin/python -m benchmarks.run [--scale full|quick] [--clients 10,25,50] [--rounds 3]

1. creates its own PostgreSQL database and fills it with `harzportal seed-scale` (full: 2,000
   organizations, 20,000 contacts, 200,000 invoices, 2,000 seminars, 5,000 documents; quick: a
   tenth), 2. starts the production server on a free port with its own build folder
   (.e2e/web-bench), running benchmarks/app.py (the product's app with the JSON floor routes),
   3. measures event latency for each client count against the JSON floor, samples the server
   with py-spy during one more round of the largest count (benchmarks/loop_profile.py),
   measures memory per idle client and state size, page load in Chromium, the document
   download and 500 registrations for 30 seats, 4. writes the report, stops the server and drops the database.
   `BENCH_SCALE=quick make bench` for a short run. Asserts nothing: it reports targets as met
   or missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from benchmarks import (
    cold_visit,
    contention,
    document_download,
    exchange_pages,
    latency,
    loop_profile,
    memory,
    pageload,
    report,
    server,
)

SCALES = {
    "full": {"orgs": 2000, "contacts": 20000, "invoices": 200000, "seminars": 2000,
             "documents": 5000},
    "quick": {"orgs": 200, "contacts": 2000, "invoices": 20000, "seminars": 200,
              "documents": 500},
}
DOWNLOAD_MB = {"full": 200, "quick": 50}
IDLE_CLIENTS = 100
RESULTS = Path(__file__).resolve().parent.parent / "artifacts" / "bench" / "results.json"
LEAVING_CLIENTS = 500


def member_logins(count: int) -> list[tuple[str, str]]:
    """Members who see invoices: the org_managers (billing contacts) of distinct organizations."""
    from harzportal import db
    from harzportal.accounts.models import User
    from harzportal.demo.scale import MEMBER_PASSWORD

    with db.unit_of_work() as session:
        emails = session.exec(select(User.email).where(User.role == "org_manager")
                              .order_by(User.id).limit(count)).all()
    return [(email, MEMBER_PASSWORD) for email in emails]


def _session_tokens(count: int, offset: int) -> list[str]:
    """Sessions of contacts started directly (idle clients need no argon2 sign-in each)."""
    from harzportal import db
    from harzportal.accounts import sessions
    from harzportal.accounts.models import User

    with db.unit_of_work() as session:
        users = session.exec(select(User).where(User.role == "contact").order_by(User.id)
                             .offset(offset).limit(count)).all()
        return [sessions.start_session(session, user) for user in users]


def _manager_token(email: str) -> str:
    """A session of an org manager (who sees the invoice list), started directly."""
    from harzportal import db
    from harzportal.accounts import sessions
    from harzportal.accounts.models import User

    with db.unit_of_work() as session:
        user = session.exec(select(User).where(User.email == email)).one()
        return sessions.start_session(session, user)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=tuple(SCALES),
                        default=os.environ.get("BENCH_SCALE") or "full")
    parser.add_argument("--clients", default=os.environ.get("BENCH_CLIENTS") or "10,25,50")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--think", default=os.environ.get("BENCH_THINK") or "1,3",
                        help="seconds between a client's page opens: min,max (0 for none)")
    args = parser.parse_args()
    counts = sorted(int(n) for n in args.clients.split(","))
    began = time.perf_counter()
    results: dict = {"scale": args.scale, "sizes": SCALES[args.scale], "notes": []}
    data_dir = Path(tempfile.mkdtemp(prefix="hp-bench-data-"))
    try:
        with server.database(SCALES[args.scale], data_dir) as (database, seed_seconds):
            results["seed_seconds"] = seed_seconds
            _run_all(args, counts, database.url, data_dir, results)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    results["total_seconds"] = time.perf_counter() - began
    # Every figure, so the report can be written again: python -m benchmarks.report <file>.
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1, default=str))
    path = report.write(results)
    print(f"written {path} in {results['total_seconds'] / 60:.1f} minutes")


def _run_all(args, counts: list[int], db_url: str, data_dir: Path, results: dict) -> None:
    from harzportal import db, settings

    os.environ["HARZPORTAL_DATA_DIR"] = str(data_dir)
    settings.reload()
    db.use_engine(db.make_engine(db_url))
    with db.unit_of_work() as session:
        results["machine"] = report.machine(session.exec(text("SELECT version()")).one()[0]
                                            .split(" on ")[0])
    logins = member_logins(max(counts) + 1)
    own_post = exchange_pages.seed_posts(exchange_pages.POSTS[args.scale], logins)
    results["server_command"] = server.SERVER_COMMAND
    results["client_state_seconds"] = server.CLIENT_STATE_SECONDS
    with server.production_server(db_url, data_dir) as running:
        print(f"server up at {running.base_url} (pid {running.pid})", flush=True)
        # One client first, so the first measured run does not pay for warming up.
        asyncio.run(latency.run_latency(running.base_url, logins[:1], 1))
        time.sleep(3)
        rss = {"idle_mb": memory.total_rss_mb(running.pid),
               "processes": memory.processes(running.pid)}
        print(f"idle: {rss['idle_mb']:.0f} MB in {rss['processes']} processes", flush=True)
        think = tuple(float(x) for x in args.think.split(",")) if args.think != "0" else None
        results["latency"] = []
        for count in counts:
            run = asyncio.run(latency.run_latency(running.base_url, logins[1:count + 1],
                                                  args.rounds, think))
            lists = run["socket_lists"]
            print(f"{count} clients: list pages p50 {lists['p50']:.0f} ms, p95 "
                  f"{lists['p95']:.0f} ms; floor p95 {run['floor_lists']['p95']:.0f} ms; "
                  f"{run['opens_per_second']:.1f} opens/s", flush=True)
            results["latency"].append(run)
        # Where the time goes at the largest count: one more round, sampled (not measured).
        with loop_profile.sampling(running.pid, data_dir / "loop.raw") as profile:
            asyncio.run(latency.run_latency(running.base_url, logins[1:max(counts) + 1],
                                            args.rounds, think))
        results["loop_profile"] = profile | {"clients": max(counts)}
        print(f"loop profile: the event loop busy in "
              f"{profile.get('loop_busy_share', 0):.0%} of the samples", flush=True)
        # Saturation: the largest client count opening pages back to back (throughput).
        async def saturation():
            async with memory.peak_sampler(running.pid) as peak:
                run = await latency.run_latency(running.base_url, logins[1:max(counts) + 1],
                                                args.rounds, None)
            return run, peak["peak_mb"]

        results["saturation"], rss["load_peak_mb"] = asyncio.run(saturation())
        print(f"saturation: {results['saturation']['opens_per_second']:.1f} opens/s, "
              f"{results['saturation']['events_per_second']:.0f} events/s", flush=True)
        tokens = _session_tokens(IDLE_CLIENTS, 0)
        results["memory"] = asyncio.run(latency.run_memory(running.base_url, running.pid,
                                                           running.states_dir, tokens,
                                                           logins[0]))
        print(f"memory: {results['memory']['per_client_kb']:.0f} KB per idle client, state "
              f"{results['memory']['state_bytes'] / 1024:.1f} KB", flush=True)
        results["exchange"] = asyncio.run(exchange_pages.run(
            running.base_url, logins[1:max(counts) + 1], own_post, args.rounds, think))
        results["exchange"] |= {"posts": exchange_pages.POSTS[args.scale],
                                "orgs": SCALES[args.scale]["orgs"]}
        print("exchange: " + ", ".join(f"{path} p95 {times['p95']:.0f} ms" for path, times
                                       in results["exchange"]["pages"].items()), flush=True)
        results["cold"] = cold_visit.measure(running.base_url, _manager_token(logins[0][0]))
        print(f"cold visit: {results['cold']['transferred'] / 1024:.0f} KB transferred, "
              f"{results['cold']['decoded'] / 1024:.0f} KB decoded", flush=True)
        rss["leave"] = asyncio.run(memory.clients_leave(
            running.base_url, running.pid, _session_tokens(LEAVING_CLIENTS, IDLE_CLIENTS + 1),
            server.CLIENT_STATE_SECONDS))
        results["rss"] = rss
        print(f"after {LEAVING_CLIENTS} clients left: {rss['leave']['after_expiry_mb']:.0f} MB",
              flush=True)
        results["pageload"] = pageload.measure_page_load(running.base_url, *logins[0])
        print(f"page load: cold {results['pageload']['cold']['total_s']:.2f} s, warm "
              f"{results['pageload']['warm']['total_s']:.2f} s", flush=True)
        results["download"] = document_download.measure(running.base_url, data_dir,
                                                        running.pid, DOWNLOAD_MB[args.scale])
        print(f"download: {results['download']['route_mb_s']:.0f} MB/s, "
              f"+{results['download']['rss_growth_mb']:.1f} MB", flush=True)
    results["contention"] = contention.run_contention(db_url)
    print(f"contention: {results['contention']['confirmed']} confirmed in "
          f"{results['contention']['settle_s']:.2f} s", flush=True)
    db.use_engine(None)


if __name__ == "__main__":
    main()
