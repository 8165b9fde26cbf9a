"""Event latency under N concurrent clients, the JSON floor, and memory per idle client."""

from __future__ import annotations

import asyncio
import random
import time

import httpx

from benchmarks.clients import PAGES, Client, open_floor
from benchmarks.server import backend_pid, files_by_size, tree_rss_kb

LIST_PAGES = ("/invoices", "/seminars", "/documents", "/directory")
# Handlers the server runs per page open: on_load_internal, check_session, the page's load,
# set_is_hydrated.
HANDLERS_PER_OPEN = 4


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = share * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50": percentile(ms, 0.5), "p95": percentile(ms, 0.95),
            "p99": percentile(ms, 0.99), "max": max(ms) if ms else float("nan")}


async def _signed_in_clients(base_url: str, logins: list[tuple[str, str]]) -> tuple[list, list]:
    clients = [Client(base_url) for _ in logins]
    await asyncio.gather(*(client.connect() for client in clients))
    sign_ins = await asyncio.gather(*(client.sign_in(email, password)
                                      for client, (email, password) in zip(clients, logins,
                                                                           strict=True)))
    return clients, list(sign_ins)


async def run_latency(base_url: str, logins: list[tuple[str, str]], rounds: int,
                      think: tuple[float, float] | None = None) -> dict:
    """Every client signs in, opens the dashboard, then the list pages `rounds` times, all at
    once; then the same page loads through the JSON floor route with the same sessions.

    `think`: seconds a person looks at a page before opening the next (uniform in the range,
    seeded, the same distribution for both transports); None: back to back (saturation)."""
    clients, sign_ins = await _signed_in_clients(base_url, logins)
    pauses = random.Random(len(clients))

    async def pause() -> None:
        if think:
            await asyncio.sleep(pauses.uniform(*think))

    # The clients start spread over one think time, as people do, not all in the same ms.
    starts = [pauses.uniform(0, think[1]) if think else 0 for _ in clients]
    paths = ("/dashboard", *LIST_PAGES)
    socket_times: dict[str, list[float]] = {path: [] for path in paths}
    floor_times: dict[str, list[float]] = {path: [] for path in paths}

    async def browse(client: Client, start: float) -> None:
        await asyncio.sleep(start)
        socket_times["/dashboard"].append(await client.open("/dashboard"))
        for _ in range(rounds):
            for path in LIST_PAGES:
                await pause()
                socket_times[path].append(await client.open(path))

    began = time.perf_counter()
    await asyncio.gather(*(browse(client, start) for client, start in zip(clients, starts,
                                                                          strict=True)))
    socket_seconds = time.perf_counter() - began
    opens = sum(len(v) for v in socket_times.values())
    tokens = [client.session_token for client in clients]
    pauses.seed(len(clients))  # the floor run draws the same pauses
    limits = httpx.Limits(max_connections=len(clients), max_keepalive_connections=len(clients))
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        async def floor(token: str, start: float) -> None:
            await asyncio.sleep(start)
            floor_times["/dashboard"].append(await open_floor(http, base_url, token,
                                                              "/dashboard"))
            for _ in range(rounds):
                for path in LIST_PAGES:
                    await pause()
                    floor_times[path].append(await open_floor(http, base_url, token, path))

        began = time.perf_counter()
        await asyncio.gather(*(floor(token, start) for token, start in zip(tokens, starts,
                                                                           strict=True)))
        floor_seconds = time.perf_counter() - began
    await asyncio.gather(*(client.close() for client in clients))
    all_lists = [t for path in LIST_PAGES for t in socket_times[path]]
    all_floor = [t for path in LIST_PAGES for t in floor_times[path]]
    return {
        "clients": len(clients), "rounds": rounds, "think": think, "sign_in": summary(sign_ins),
        "socket": {path: summary(times) for path, times in socket_times.items()},
        "floor": {path: summary(times) for path, times in floor_times.items()},
        "socket_lists": summary(all_lists), "floor_lists": summary(all_floor),
        "opens_per_second": opens / socket_seconds,
        "events_per_second": opens * HANDLERS_PER_OPEN / socket_seconds,
        "floor_per_second": opens / floor_seconds,
    }


async def run_memory(base_url: str, server_pid: int, states_dir, tokens: list[str],
                     state_login: tuple[str, str]) -> dict:
    """RSS of the server before and after len(tokens) idle clients (signed in, on the
    dashboard), and the size of one client's state: what the server stores for it (Reflex's
    state manager writes each touched substate of a client as a pickle, as it would to Redis)
    and the whole state tree as JSON."""
    process = backend_pid(server_pid)
    await asyncio.sleep(2)
    before_tree, before_backend = tree_rss_kb(server_pid), tree_rss_kb(process)
    clients = [Client(base_url) for _ in tokens]
    for start in range(0, len(clients), 25):
        await asyncio.gather(*(client.connect(token, "/dashboard") for client, token in
                               zip(clients[start:start + 25], tokens[start:start + 25],
                                   strict=True)))
    await asyncio.sleep(3)
    after_tree, after_backend = tree_rss_kb(server_pid), tree_rss_kb(process)
    await asyncio.gather(*(client.close() for client in clients))

    stored_before = files_by_size(states_dir)
    probe = Client(base_url)
    first = await probe.connect()
    first_size = len(_json(first))
    await probe.sign_in(*state_login)
    for path in PAGES:
        await probe.open(path)
    full = await probe.hydrate_snapshot("/dashboard")
    async with httpx.AsyncClient(timeout=30) as http:
        answer = await http.get(f"{base_url}/bench/state/{probe.token}")
    in_memory = answer.json() if answer.status_code == 200 else {"total": 0, "substates": {}}
    await probe.close()
    await asyncio.sleep(1)
    stored_after = files_by_size(states_dir)
    stored = {name: size for name, size in stored_after.items()
              if stored_before.get(name) != size}
    count = len(tokens)
    return {
        "idle_clients": count, "rss_before_kb": before_tree, "rss_after_kb": after_tree,
        "per_client_kb": (after_tree - before_tree) / count,
        "backend_per_client_kb": (after_backend - before_backend) / count,
        "first_snapshot_bytes": first_size, "json_state_bytes": len(full),
        # Pickled per substate as the state manager would put it into Redis (the memory state
        # manager keeps the objects; the disk one writes these pickles).
        "state_bytes": in_memory["total"] or sum(stored.values()) or len(full),
        "stored_substates": len(in_memory["substates"]) or len(stored),
        "state_manager": in_memory.get("manager", "StateManagerDisk"),
        "largest_substates": sorted(in_memory["substates"].items(), key=lambda i: -i[1])[:6],
    }


def _json(value) -> bytes:
    import json

    return json.dumps(value, separators=(",", ":")).encode()
