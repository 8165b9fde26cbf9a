"""Total server memory (issue 23): the resident memory of every process of the server (the
`harzportal serve` process and any child), idle, under load (the peak while the saturation run
opens pages back to back) and after 500 clients connected, hydrated the dashboard and left,
once their client state has expired (HARZPORTAL_CLIENT_STATE_SECONDS of the bench server)."""

from __future__ import annotations

import asyncio
import contextlib
import time

from benchmarks.clients import Client
from benchmarks.server import tree_pids, tree_rss_kb


def total_rss_mb(pid: int) -> float:
    return tree_rss_kb(pid) / 1024


def processes(pid: int) -> int:
    return len(tree_pids(pid))


@contextlib.asynccontextmanager
async def peak_sampler(pid: int, every: float = 0.25):
    """Samples the tree's RSS while the body runs; yields a dict that gets `peak_mb`."""
    found = {"peak_mb": total_rss_mb(pid)}

    async def sample() -> None:
        while True:
            found["peak_mb"] = max(found["peak_mb"], total_rss_mb(pid))
            await asyncio.sleep(every)

    task = asyncio.create_task(sample())
    try:
        yield found
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        found["peak_mb"] = max(found["peak_mb"], total_rss_mb(pid))


async def clients_leave(base_url: str, pid: int, tokens: list[str], expiry_seconds: int,
                        batch: int = 25) -> dict:
    """`len(tokens)` clients connect with their sessions and hydrate the dashboard (batches of
    `batch`), then all disconnect; RSS with all connected, right after they left, and after
    their state expired (polled until it stops falling, at most expiry + 90 s)."""
    before = total_rss_mb(pid)
    connected: list[Client] = []
    began = time.perf_counter()
    for start in range(0, len(tokens), batch):
        group = [Client(base_url) for _ in tokens[start:start + batch]]
        await asyncio.gather(*(client.connect(token, "/dashboard")
                               for client, token in zip(group, tokens[start:start + batch],
                                                        strict=True)))
        connected.extend(group)
    connect_seconds = time.perf_counter() - began
    await asyncio.sleep(2)
    with_clients = total_rss_mb(pid)
    await asyncio.gather(*(client.close() for client in connected))
    await asyncio.sleep(3)
    just_left = total_rss_mb(pid)
    left_at = time.monotonic()
    samples = []
    while time.monotonic() - left_at < expiry_seconds + 90:
        await asyncio.sleep(5)
        samples.append((time.monotonic() - left_at, total_rss_mb(pid)))
        if (time.monotonic() - left_at > expiry_seconds + 20 and len(samples) > 3
                and samples[-1][1] >= samples[-3][1] - 0.5):
            break
    after = samples[-1][1] if samples else just_left
    return {"clients": len(tokens), "before_mb": before, "connected_mb": with_clients,
            "just_left_mb": just_left, "after_expiry_mb": after,
            "waited_s": samples[-1][0] if samples else 0, "expiry_s": expiry_seconds,
            "connect_s": connect_seconds}
