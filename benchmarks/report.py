"""docs/PERFORMANCE.md and the latency chart (a hand-made SVG), written from measured figures."""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from benchmarks.latency import LIST_PAGES

DOCS = Path(__file__).resolve().parent.parent / "docs"
CHART = "performance-latency.svg"
FLAT_MEMORY_MB = 32  # "flat": the download may not grow the server by more than this


def machine(db_version: str) -> dict:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:")))
    return {"cores": os.cpu_count(), "ram_gb": mem_kb / 1024 / 1024, "cpu": model,
            "python": platform.python_version(), "reflex": version("reflex"),
            "sqlalchemy": version("SQLAlchemy"), "database": db_version,
            "load": os.getloadavg()}


def _target(name: str, value: float, limit: float, unit: str, lower_is_better: bool = True,
            digits: int = 1) -> tuple[str, str, str, str]:
    met = value <= limit if lower_is_better else value >= limit
    difference = abs(value - limit)
    how = f"by {difference:.{digits}f} {unit}"
    sign = "≤" if lower_is_better else "≥"
    return (name, f"{value:.{digits}f} {unit}", f"{sign} {limit:g} {unit}",
            ("**met** " if met else "**missed** ") + how)


def targets(results: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    top = max(results["latency"], key=lambda run: run["clients"])
    for path in LIST_PAGES:
        rows.append(_target(f"p95 opening {path} ({top['clients']} clients)",
                            top["socket"][path]["p95"], 100, "ms"))
    ratio = top["socket_lists"]["p95"] / top["floor_lists"]["p95"]
    rows.append(_target("p95 websocket / p95 JSON floor (list pages)", ratio, 3, "×",
                        digits=2))
    memory = results["memory"]
    rows.append(_target("client state stored by the server", memory["state_bytes"] / 1024,
                        20, "KB"))
    rows.append(_target("server memory per idle client", memory["per_client_kb"], 200, "KB"))
    warm = results["pageload"]["warm"]["total_s"]
    rows.append(_target("login + dashboard usable in Chromium, warm", warm, 1.5, "s",
                        digits=2))
    download = results["download"]
    rows.append(_target("document download throughput", download["route_mb_s"], 200, "MB/s",
                        lower_is_better=False, digits=0))
    rows.append(_target("server memory growth during the download", download["rss_growth_mb"],
                        FLAT_MEMORY_MB, "MB"))
    contention = results["contention"]
    exact = contention["confirmed"] == contention["seats"] == contention["seats_taken"]
    rows.append((f"{contention['requests']} registrations for {contention['seats']} seats",
                 f"{contention['confirmed']} confirmed, {contention['waitlisted']} waitlisted",
                 f"exactly {contention['seats']}",
                 "**met**" if exact else f"**missed** by {contention['confirmed'] - 30}"))
    return rows


# Before issue 23 (the figures of docs/PERFORMANCE.md on main, `make bench` of 2026-11-28 with
# `reflex run --env prod --single-port`; total RSS and first-visit bytes as issue 23 measured
# them: 635 MB idle, 690–749 MB after 500 connections, 510 KB / 2.3 MB for a first visit).
BEFORE = {
    "ratio_50": 2.57, "p95_50": 65.0, "saturation": 64.8, "saturation_p95": 1109.0,
    "rss_idle": 635.0, "rss_after_500": 749.0, "cold_transferred_kb": 510.0,
    "cold_decoded_kb": 2300.0, "processes": 2,
}


def issue23_rows(results: dict) -> list[tuple[str, str, str, str, str]]:
    """(what, before, now, target, result) for issue 23's targets."""
    rows = []
    top = max(results["latency"], key=lambda run: run["clients"])
    ratio = top["socket_lists"]["p95"] / top["floor_lists"]["p95"]
    p95 = top["socket_lists"]["p95"]

    def row(name, before, value, limit, unit, lower=True, digits=1):
        _, measured, target, result = _target(name, value, limit, unit, lower, digits)
        return (name, f"{before:.{digits}f} {unit}" if before is not None else "–", measured,
                target, result)

    rows.append(row(f"p95 list page / p95 JSON floor ({top['clients']} clients)",
                    BEFORE["ratio_50"], ratio, 1.5, "×", digits=2))
    rows.append(row(f"p95 list page open ({top['clients']} clients)", BEFORE["p95_50"], p95,
                    60, "ms", digits=0))
    saturation = results.get("saturation")
    if saturation:
        rows.append(row("saturation: page opens per second", BEFORE["saturation"],
                        saturation["opens_per_second"], 200, "opens/s", lower=False))
        rows.append(row("saturation: p95 list page open", BEFORE["saturation_p95"],
                        saturation["socket_lists"]["p95"], 350, "ms", digits=0))
    rss = results.get("rss")
    if rss:
        rows.append(row(f"total server RSS, idle ({rss['processes']} process"
                        f"{'es' if rss['processes'] != 1 else ''})", BEFORE["rss_idle"],
                        rss["idle_mb"], 400, "MB", digits=0))
        rows.append(("total server RSS under load (peak, saturation)", "–",
                     f"{rss['load_peak_mb']:.0f} MB", "–", "no target"))
        leave = rss["leave"]
        rows.append(row(f"total server RSS after {leave['clients']} clients left",
                        BEFORE["rss_after_500"], leave["after_expiry_mb"], 450, "MB", digits=0))
    cold = results.get("cold")
    if cold:
        rows.append(row(f"cold visit of {cold['page']}, transferred", BEFORE["cold_transferred_kb"],
                        cold["transferred"] / 1024, 300, "KB", digits=0))
        rows.append(row(f"cold visit of {cold['page']}, decoded", BEFORE["cold_decoded_kb"],
                        cold["decoded"] / 1024, 1200, "KB", digits=0))
    return rows


def issue23_note(results: dict) -> list[str]:
    """Why the misses are missed and what would close them, quoting this run's figures."""
    info = results["machine"]
    top = max(results["latency"], key=lambda run: run["clients"])
    lines = [f"Load average at the end of this run: {info['load'][0]:.1f} / {info['load'][1]:.1f}"
             f" / {info['load'][2]:.1f} on {info['cores']} cores; latency and throughput figures"
             " are only comparable with the *before* column at a load below 1."]
    ratio = top["socket_lists"]["p95"] / top["floor_lists"]["p95"]
    if ratio > 1.5:
        lines.append(f"The websocket's page open is {ratio:.2f}× the JSON floor at "
                     f"{top['clients']} clients: the difference is what the websocket path adds "
                     "to the same service calls. " + _loop_profile_text(
                         results.get("loop_profile"), top))
    saturation = results.get("saturation")
    if saturation and saturation["opens_per_second"] < 200:
        lines.append(f"Saturation: {saturation['opens_per_second']:.0f} page opens/s from one "
                     "worker process on a machine whose cores also run PostgreSQL and the "
                     "clients; `WORKERS=N` (`harzportal serve`, the state in Redis) uses more "
                     "cores (not measured by this run).")
    cold = results.get("cold")
    if cold and (cold["transferred"] > 300 * 1024 or cold["decoded"] > 1200 * 1024):
        biggest = cold["largest"][0] if cold["largest"] else None
        lines.append(f"Cold visit: every text asset is served as brotli ({cold['encodings']}); "
                     f"what remains is the size of the bundle itself, "
                     f"{cold['decoded'] / 1024:.0f} KB decoded"
                     + (f", the largest `{biggest[2].rsplit('/', 1)[-1]}` "
                        f"{biggest[0] / 1024:.0f} KB" if biggest else "")
                     + " (only the CSS rules in use are kept and charts load only where drawn "
                     "since issue 23, item 5).")
    rss = results.get("rss")
    if rss and rss["leave"]["after_expiry_mb"] > 450:
        lines.append("Memory after the clients left stays above the target: RSS falls back "
                     "only partly after the client states expire (CPython returns freed memory "
                     "to the system only in whole arenas); not profiled further here.")
    return [*[f"- {line}" for line in lines], ""]


def _loop_profile_text(profile: dict | None, top: dict | None = None) -> str:
    """Why, from the sampled round: how busy the one event loop was and with what, and how busy
    the worker threads that run the service calls; the conclusion follows the busier one."""
    if not profile or not profile.get("loop_samples"):
        return "This run took no profile (py-spy could not attach)."
    ranked = sorted(((share, name) for name, share in profile["loop"].items()
                     if not name.startswith("idle")), reverse=True)
    loop_busy = profile["loop_busy_share"]
    workers = profile["workers"]
    workers_busy = 1 - workers.get("idle", 0)
    text = (f"A profile of one more {profile['clients']}-client round (py-spy, "
            f"{profile['loop_samples']:,} samples of the event loop's thread) found the one "
            f"event loop busy in {loop_busy:.0%} of them: "
            + ", ".join(f"{name} {share:.0%}" for share, name in ranked[:6])
            + f". The worker threads running the service calls were busy in "
            f"{workers_busy:.0%} of their samples, waiting for the database in "
            f"{workers.get('database', 0):.0%}. ")
    if workers_busy > loop_busy:
        slowest = max(top["socket"].items(), key=lambda item: item[1]["p95"]) if top else None
        return text + (
            "So at this count page opens queue for the worker threads, which wait for the "
            "database; the loop has time to spare"
            + (f", and the slowest page is {slowest[0]} (p95 {slowest[1]['p95']:.0f} ms)"
               if slowest else "")
            + ". What would close it: fewer or faster queries of that page, or more threads "
            "for the service calls (the default executor has min(32, cores + 4)).")
    return text + (
        "So the page open waits for the loop, which does Reflex's work of every client on one "
        "core. What would close it: less work per event in Reflex (one delta and one message "
        "per page open instead of one per handler), or several workers (`WORKERS=N` with the "
        "state in Redis) so that more loops share the clients.")


def chart(runs: list[dict]) -> str:
    """p50 and p95 of opening a list page against the number of clients, websocket and floor."""
    width, height, left, bottom, top, right = 640, 380, 64, 48, 40, 150
    counts = [run["clients"] for run in runs]
    series = [("websocket p95", "#0b5d56", "socket_lists", "p95", ""),
              ("websocket p50", "#0b5d56", "socket_lists", "p50", "6 4"),
              ("JSON floor p95", "#b45309", "floor_lists", "p95", ""),
              ("JSON floor p50", "#b45309", "floor_lists", "p50", "6 4")]
    peak = max(max(run[key][stat] for run in runs) for _l, _c, key, stat, _d in series)
    peak = max(peak * 1.1, 110)
    plot_w, plot_h = width - left - right, height - top - bottom
    low, high = min(counts), max(counts)

    def x(count):
        return left + (count - low) / max(high - low, 1) * plot_w

    def y(ms):
        return top + plot_h - ms / peak * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             '<title>Latency of opening a list page against the number of clients</title>',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{left}" y="22" font-size="14" font-weight="bold">Opening a list page '
             '(invoices, seminars, documents, directory)</text>']
    for step in range(6):
        ms = peak * step / 5
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms:.0f}</text>')
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(100):.1f}" y2="{y(100):.1f}" '
                 'stroke="#b91c1c" stroke-dasharray="2 3"/>')
    parts.append(f'<text x="{left + plot_w - 4}" y="{y(100) - 4:.1f}" text-anchor="end" '
                 'fill="#b91c1c">target p95 100 ms</text>')
    for count in counts:
        parts.append(f'<text x="{x(count):.1f}" y="{top + plot_h + 18}" '
                     f'text-anchor="middle">{count}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle">'
                 'simultaneous clients</text>')
    parts.append(f'<text x="14" y="{top + plot_h / 2}" text-anchor="middle" '
                 f'transform="rotate(-90 14 {top + plot_h / 2})">milliseconds</text>')
    for index, (label, colour, key, stat, dash) in enumerate(series):
        points = " ".join(f"{x(run['clients']):.1f},{y(run[key][stat]):.1f}" for run in runs)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="2" stroke-dasharray="{dash}"/>')
        for run in runs:
            parts.append(f'<circle cx="{x(run["clients"]):.1f}" cy="{y(run[key][stat]):.1f}" '
                         f'r="3" fill="{colour}"/>')
        legend_y = top + 14 + index * 20
        parts.append(f'<line x1="{left + plot_w + 12}" x2="{left + plot_w + 36}" y1="{legend_y}" '
                     f'y2="{legend_y}" stroke="{colour}" stroke-width="2" '
                     f'stroke-dasharray="{dash}"/>')
        parts.append(f'<text x="{left + plot_w + 42}" y="{legend_y + 4}">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _think(think) -> str:
    return f"{think[0]:g} to {think[1]:g} s (uniformly random)" if think else "no time"


def _state_manager(results: dict) -> str:
    """The class of Reflex's state manager the measured server ran (runs before issue 23
    recorded none: they ran the disk manager)."""
    return results.get("memory", {}).get("state_manager", "StateManagerDisk")


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def markdown(results: dict) -> str:
    info = results["machine"]
    sizes = results["sizes"]
    lines = [
        "# Performance",
        "",
        f"Written by `make bench` (`benchmarks/run.py`) on {results['finished']}; every figure "
        "below is measured by that run, nothing is typed by hand. Run it again on a quiet "
        "machine for figures to compare: other processes' load changes latencies.",
        "",
        "## Machine and data",
        "",
        f"- {info['cores']} cores, {info['ram_gb']:.1f} GB RAM, {info['cpu']}; load average "
        f"at the end {info['load'][0]:.2f} / {info['load'][1]:.2f} / {info['load'][2]:.2f}",
        f"- Python {info['python']}, Reflex {info['reflex']}, SQLAlchemy {info['sqlalchemy']}, "
        f"{info['database']}",
        f"- data (`harzportal seed-scale`, scale `{results['scale']}`): "
        + ", ".join(f"{value:,} {name}" for name, value in sizes.items())
        + f"; seeded in {results['seed_seconds']:.0f} s",
        f"- server: `{results.get('server_command', 'reflex run --env prod --single-port')}`, "
        f"one worker, Reflex's `{_state_manager(results)}` (client state expiry "
        f"{results.get('client_state_seconds', 3600)} s), "
        "PostgreSQL on the same machine; clients on the same machine too",
        f"- the whole run took {results['total_seconds'] / 60:.1f} minutes",
        "",
        "## Targets",
        "",
        "| what | measured | target | result |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in targets(results)],
        "",
        "## Issue 23: before and after",
        "",
        "*Before*: the figures of this file on main before issue 23 (`make bench` of 2026-11-28, "
        "`reflex run --env prod --single-port`, load average about 1), total RSS and first-visit "
        "bytes as issue 23 measured them. *Now*: this run.",
        "",
        "| what | before | now | target | result |",
        "|---|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in issue23_rows(results)],
        "",
        *issue23_note(results),
        "## Event latency through the websocket",
        "",
        "Each simulated client (python-socketio, speaking the protocol of the built frontend: "
        "`hydrate_and_load`, `on_load_internal` per navigation, `sign_in`) signs in with its own "
        "member account, opens the dashboard and then the four list pages "
        f"{results['latency'][0]['rounds']} times, all clients at the same time, each looking "
        f"at a page for {_think(results['latency'][0]['think'])} before opening the next (as "
        "people do; the saturation run below has no pauses). A page open is timed "
        "from sending the navigation event until the server reports the page hydrated (after "
        "`check_session` and the page's `load`). The *JSON floor* is the same service calls "
        "through `GET /bench/pages/<page>` (Starlette route on the same server, "
        "benchmarks/json_floor.py, mounted only by the benchmark's app benchmarks/app.py "
        "with `HARZPORTAL_BENCH_ROUTES=1`) with the same sessions.",
        "",
        f"![latency against clients]({CHART})",
        "",
    ]
    saturation = results.get("saturation")
    runs = results["latency"] + ([saturation | {"title": f"{saturation['clients']} clients "
                                                "back to back (saturation, no pauses)"}]
                                 if saturation else [])
    for run in runs:
        lines += [
            f"### {run.get('title') or str(run['clients']) + ' clients'}",
            "",
            f"Sign-in (argon2id) p50 {_ms(run['sign_in']['p50'])} ms, p95 "
            f"{_ms(run['sign_in']['p95'])} ms. Throughput: {run['opens_per_second']:.1f} page "
            f"opens/s = {run['events_per_second']:.0f} handler events/s through the websocket; "
            f"{run['floor_per_second']:.1f} page loads/s through the JSON floor.",
            "",
            "| page | opens | websocket p50 / p95 / p99 ms | JSON floor p50 / p95 / p99 ms | "
            "ratio p95 |",
            "|---|---|---|---|---|",
        ]
        for path, socket in run["socket"].items():
            floor = run["floor"][path]
            lines.append(f"| {path} | {socket['n']} | {_ms(socket['p50'])} / {_ms(socket['p95'])}"
                         f" / {_ms(socket['p99'])} | {_ms(floor['p50'])} / {_ms(floor['p95'])} / "
                         f"{_ms(floor['p99'])} | {socket['p95'] / floor['p95']:.2f} |")
        lists, floor = run["socket_lists"], run["floor_lists"]
        lines += [f"| all list pages | {lists['n']} | {_ms(lists['p50'])} / {_ms(lists['p95'])} "
                  f"/ {_ms(lists['p99'])} | {_ms(floor['p50'])} / {_ms(floor['p95'])} / "
                  f"{_ms(floor['p99'])} | {lists['p95'] / floor['p95']:.2f} |", ""]
    if saturation:
        lists = saturation["socket_lists"]
        lines += [
            f"Back to back, {saturation['clients']} clients ask for pages as fast as the server "
            f"answers: {saturation['opens_per_second']:.0f} page opens/s is what one worker "
            f"process delivers here, and the queue in front of it makes the p95 "
            f"{_ms(lists['p95'])} ms — {_ms(lists['p95'] - 100)} ms over the 100 ms target, "
            "which is therefore met only at the pace of people reading pages (above). Why: one "
            "Python process does all the work of every page open (Reflex's event handling, "
            "the session check, the shell's identity and the page's queries, each in a unit of "
            "work on a worker thread) on a machine whose 2 cores also run PostgreSQL and the "
            "clients. What closes it: several workers (`make run-scaled`, the state in Redis) "
            "on more cores.",
            "",
        ]
    memory, page, download, contention = (results["memory"], results["pageload"],
                                          results["download"], results["contention"])
    lines += _exchange_lines(results.get("exchange"))
    lines += _rss_lines(results.get("rss"))
    lines += _cold_lines(results.get("cold"))
    lines += [
        "## Memory and state size",
        "",
        f"- {memory['idle_clients']} idle clients (signed in, on the dashboard): server "
        f"{memory['rss_before_kb'] / 1024:.0f} MB before, {memory['rss_after_kb'] / 1024:.0f} MB "
        f"after = {memory['per_client_kb']:.0f} KB per client (process tree; the serving "
        f"process alone {memory['backend_per_client_kb']:.0f} KB)",
        f"- one client's state after signing in and visiting every page: "
        f"{memory['state_bytes'] / 1024:.1f} KB stored by the server ({memory['stored_substates']}"
        f" substates, each pickled as Reflex's state manager puts it into Redis); the "
        f"whole state tree as JSON, as sent on a reconnect: "
        f"{memory['json_state_bytes'] / 1024:.1f} KB; the first snapshot of a fresh login page: "
        f"{memory['first_snapshot_bytes'] / 1024:.1f} KB",
        "- largest substates (pickled bytes): " + ", ".join(
            f"`{name.rsplit('.', 1)[-1]}` {size:,}" for name, size in memory["largest_substates"]),
        "",
        "## Page load in Chromium",
        "",
        "Time until the login button is enabled (page loaded and connected), then from "
        "submitting until the dashboard shows its greeting and attention list. Cold: new "
        "browser context; warm: the same context (HTTP cache filled) signing in again, best of 3.",
        "",
        "| | login usable | dashboard after submit | total | TTFB / DOMContentLoaded / load "
        "(ms) |",
        "|---|---|---|---|---|",
    ]
    for name in ("cold", "warm"):
        run = page[name]
        nav = run["navigation"]
        lines.append(f"| {name} | {run['login_usable_s']:.2f} s | "
                     f"{run['dashboard_after_submit_s']:.2f} s | {run['total_s']:.2f} s | "
                     f"{nav['ttfb']:.0f} / {nav['dom']:.0f} / {nav['load']:.0f} |")
    lines += [
        "",
        "## Document download",
        "",
        f"- {download['megabytes']:.0f} MB document through `/files/documents/...` (SHA-256 "
        f"check, then streamed): {download['route_mb_s']:.0f} MB/s ({download['route_s']:.2f} s); "
        f"reading the stored file directly with SHA-256: {download['direct_mb_s']:.0f} MB/s; "
        f"bytes identical: {download['identical']}",
        f"- server memory {download['rss_before_mb']:.0f} MB before, peak "
        f"{download['rss_peak_mb']:.0f} MB during the download "
        f"(+{download['rss_growth_mb']:.1f} MB)",
        "",
        "## Contention",
        "",
        f"- {contention['requests']} registrations for one seminar with {contention['seats']} "
        f"seats, all queued at once on {contention['threads']} threads (one PostgreSQL "
        f"connection each) through `registrations.register`: settled in "
        f"{contention['settle_s']:.2f} s; {contention['confirmed']} confirmed, "
        f"{contention['waitlisted']} waitlisted, `seats_taken` {contention['seats_taken']}, "
        f"{contention['errors']} errors {contention['error_kinds'] or ''}",
        "",
    ]
    if results.get("notes"):
        lines += ["## Notes", "", *[f"- {note}" for note in results["notes"]], ""]
    if results.get("annual_run"):
        lines += [annual_section(results["annual_run"]), ""]
    return "\n".join(lines)


def _exchange_lines(run: dict | None) -> list[str]:
    if not run:
        return []
    lines = [
        "## The exchange through the websocket (issue 21)",
        "",
        f"{run['posts']:,} published posts on the {run['orgs']:,} organizations; "
        f"{run['clients']} signed-in members each open the post list (`/exchange`, first page, "
        "bounded queries) and one post of their own organization with its matches "
        f"(`/exchange/<id>`, the poster's view) {run['rounds']} times, with the same think time "
        "as the list pages; timed like them. Target: the list pages' p95 ≤ 100 ms.",
        "",
        "| page | opens | p50 / p95 / p99 ms | target p95 | result |",
        "|---|---|---|---|---|",
    ]
    for path, times in run["pages"].items():
        _, _, target, result = _target(path, times["p95"], 100, "ms", digits=0)
        lines.append(f"| {path} | {times['n']} | {_ms(times['p50'])} / {_ms(times['p95'])} / "
                     f"{_ms(times['p99'])} | {target} | {result} |")
    return [*lines, ""]


def _rss_lines(rss: dict | None) -> list[str]:
    if not rss:
        return []
    leave = rss["leave"]
    return [
        "## Total server memory",
        "",
        "Resident memory of every process of the server (`harzportal serve`: "
        f"{rss['processes']} process{'es' if rss['processes'] != 1 else ''} with one worker; "
        "no build parent):",
        "",
        f"- idle, after start and one warm-up client: {rss['idle_mb']:.0f} MB",
        f"- under load: peak {rss['load_peak_mb']:.0f} MB while the saturation run opened pages "
        "back to back",
        f"- {leave['clients']} clients connected with their sessions and hydrated the dashboard "
        f"(in {leave['connect_s']:.0f} s): {leave['before_mb']:.0f} MB before, "
        f"{leave['connected_mb']:.0f} MB with all connected, {leave['just_left_mb']:.0f} MB "
        f"right after they left, {leave['after_expiry_mb']:.0f} MB {leave['waited_s']:.0f} s "
        f"later, once their client state had expired (the bench server's "
        f"`HARZPORTAL_CLIENT_STATE_SECONDS={leave['expiry_s']}`; production default 1800 s)",
        "",
    ]


def _cold_lines(cold: dict | None) -> list[str]:
    if not cold:
        return []
    kinds = ", ".join(f"{kind} {entry['requests']} ({entry['transferred'] / 1024:.0f} KB / "
                      f"{entry['decoded'] / 1024:.0f} KB)"
                      for kind, entry in sorted(cold["by_kind"].items(),
                                                key=lambda item: -item[1]["decoded"]))
    largest = ", ".join(f"`{path.rsplit('/', 1)[-1]}` {dec / 1024:.0f} KB → {tr / 1024:.0f} KB"
                        f" ({enc or 'none'})" for dec, tr, path, enc in cold["largest"])
    return [
        "## Cold first visit",
        "",
        f"Chromium, new browser context (empty cache) with a member's session cookie, opening "
        f"`{cold['page']}` until its list is shown; DevTools protocol Network events: "
        f"{cold['requests']} HTTP responses, **{cold['transferred'] / 1024:.0f} KB transferred** "
        f"(headers and compressed bodies), **{cold['decoded'] / 1024:.0f} KB decoded**; "
        f"content encodings {cold['encodings']}. The websocket's frames besides: "
        f"{cold['websocket_received'] / 1024:.0f} KB received, "
        f"{cold['websocket_sent'] / 1024:.1f} KB sent.",
        "",

        f"- by type (responses, transferred / decoded): {kinds}",
        f"- largest (decoded → transferred): {largest}",
        "",
    ]


# The annual fee run under load (issue 19, benchmarks/annual_run.py) -------------------------

ANNUAL_BEGIN, ANNUAL_END = "<!-- annual-run:begin -->", "<!-- annual-run:end -->"
ANNUAL_P95_MS = 300  # p95 of sign-ins and page opens during the run, at most
ANNUAL_RATIO = 1.5  # ... and at most this times the p95 without the run
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
BUSY_LOAD = 1.0  # a load average above this per machine makes the figures indicative only


def _errors(engine: dict, phase: str) -> int:
    return engine[phase]["sign_in"]["errors"] + engine[phase]["open"]["errors"]


def annual_rows(engine: dict) -> list[tuple[str, str, str, str]]:
    """(what, measured, target, result) of issue 19's targets for one engine."""
    rows = []
    for kind, name in (("sign_in", "sign-in"), ("open", "page open")):
        without, during = engine["baseline"][kind]["p95"], engine["during"][kind]["p95"]
        rows.append(_target(f"p95 {name} during the run", during, ANNUAL_P95_MS, "ms", digits=0))
        rows.append(_target(f"p95 {name} during / without the run", during / without,
                            ANNUAL_RATIO, "×", digits=2))
    errors = _errors(engine, "baseline") + _errors(engine, "during")
    rows.append(("failed sign-ins and page opens", f"{errors}", "0",
                 "**met**" if errors == 0 else f"**missed** by {errors}"))
    missing = engine["to_issue"] - engine["documents_ready"]
    rows.append(("documents rendered", f"{engine['documents_ready']:,} of "
                 f"{engine['to_issue']:,}", "all", "**met**" if missing == 0
                 else f"**missed** by {missing:,}"))
    return rows


def _seconds(value: float | None) -> str:
    return f"{value:.1f} s" if value is not None else "not within the run's limit"


def _p50_p95(times: dict) -> str:
    return f"{_ms(times['p50'])} / {_ms(times['p95'])} ms (n={times['n']})"


def _load_lines(annual: dict) -> list[str]:
    """The load before the baseline says whether other work shared the cores; the load at the
    end includes the run's own work (server, worker child, database, clients on 2 cores)."""
    engines = annual["engines"]
    lines = ["Load average (1 min) before the baseline window and at the end of the run (the "
             "latter is the run's own work), on "
             f"{annual['cores']} cores: " + "; ".join(
                 f"{ENGINE_NAMES[name]} {engine['load_before'][0]:.2f} → "
                 f"{engine['load_after'][0]:.2f}" for name, engine in engines.items()) + "."]
    if max(engine["load_before"][0] for engine in engines.values()) > BUSY_LOAD:
        lines.append(f"**The machine was busy** (load above {BUSY_LOAD:g} before the baseline "
                     "window, other work on the same cores besides the server, its job "
                     "consumers, the database and the clients): these figures are indicative "
                     "only; run `python -m benchmarks.annual_run` again on a quiet machine to "
                     "compare.")
    return lines


def annual_section(annual: dict) -> str:
    """The section of docs/PERFORMANCE.md between its markers, from results.json's entry."""
    engines = annual["engines"]
    names = [ENGINE_NAMES[name] for name in engines]
    sizes = annual["sizes"]

    def row(what: str, value) -> str:
        return f"| {what} | " + " | ".join(value(engine) for engine in engines.values()) + " |"

    lines = [
        ANNUAL_BEGIN,
        "## The annual fee run under load (issue 19)",
        "",
        f"Written by `benchmarks/annual_run.py` (`make bench`) on {annual['finished']}, scale "
        f"`{annual['scale']}`: `harzportal seed-scale` with "
        + ", ".join(f"{value:,} {name}" for name, value in sizes.items())
        + " (no invoices before the run: its documents are the only work of the job "
        "consumers); the production server (`harzportal serve`, one worker) with its default "
        "job consumer threads, which render every invoice's PDF. "
        f"{annual['clients']} clients each sign in with their own member account, open the "
        "dashboard and the four list pages with "
        f"{annual['think'][0]:g}-{annual['think'][1]:g} s between pages and sign in again, over "
        f"and over: {annual['baseline_s']:g} s without the run, then from the moment staff "
        "start the run (`annual_run.start_annual_run`, the service of the staff button, which "
        "queues the job `invoice.annual_run`) until every invoice of the year has its document. "
        "Times are from the start; sign-ins and page opens are timed as in the latency "
        "section (a sign-in until the dashboard's new socket is hydrated) and counted in the "
        "window in which they began; a failed one is an error.",
        "",
        *_load_lines(annual),
        "",
        "| | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        row("database, job queue, client state",
            lambda e: f"{e['database']}, {e['queue']}, {e['client_state']}"),
        row("organizations / invoices the run is to issue",
            lambda e: f"{e['organizations']:,} / {e['to_issue']:,}"),
        row("**all numbers issued** (every invoice row exists)", lambda e: _seconds(e["numbers_s"])),
        row("**all documents exist** (rendered)", lambda e: _seconds(e["documents_s"])
            + (f", {e['documents_failed']} failed" if e["documents_failed"] else "")),
        row("sign-in p50 / p95 without the run", lambda e: _p50_p95(e["baseline"]["sign_in"])),
        row("sign-in p50 / p95 during the run", lambda e: _p50_p95(e["during"]["sign_in"])),
        row("page open p50 / p95 without the run", lambda e: _p50_p95(e["baseline"]["open"])),
        row("page open p50 / p95 during the run", lambda e: _p50_p95(e["during"]["open"])),
        row("page open p95 while numbers are issued / while documents are rendered",
            lambda e: f"{_ms(e['issuing']['open']['p95'])} / "
                      f"{_ms(e['rendering']['open']['p95']) if e['rendering'] else '–'} ms"),
        row("failed sign-ins + page opens without / during the run",
            lambda e: f"{_errors(e, 'baseline')} / {_errors(e, 'during')}"),
        "",
        f"Targets: p95 of sign-ins and of page opens during the run ≤ {ANNUAL_P95_MS} ms and ≤ "
        f"{ANNUAL_RATIO:g}× the p95 without the run; no failures; every document rendered.",
        "",
        "| engine | what | measured | target | result |",
        "|---|---|---|---|---|",
    ]
    for name, engine in engines.items():
        lines += [f"| {ENGINE_NAMES[name]} | {a} | {b} | {c} | {d} |"
                  for a, b, c, d in annual_rows(engine)]
    kinds = {kind: count for engine in engines.values() for phase in ("baseline", "during")
             for times in (engine[phase]["sign_in"], engine[phase]["open"])
             for kind, count in times["error_kinds"].items()}
    if kinds:
        lines += ["", "Errors: " + "; ".join(f"{kind} ({count}×)" for kind, count in kinds.items())]
    return "\n".join([*lines, ANNUAL_END])


def write_annual(annual: dict) -> Path:
    """Only the annual run's section of docs/PERFORMANCE.md (the rest stays as it is)."""
    path = DOCS / "PERFORMANCE.md"
    current = path.read_text() if path.exists() else "# Performance\n"
    section = annual_section(annual)
    pattern = f"{re.escape(ANNUAL_BEGIN)}.*?{re.escape(ANNUAL_END)}"
    if re.search(pattern, current, flags=re.DOTALL):
        current = re.sub(pattern, lambda _: section, current, flags=re.DOTALL)
    elif "<!-- lighthouse:begin -->" in current:
        current = current.replace("<!-- lighthouse:begin -->",
                                  f"{section}\n\n<!-- lighthouse:begin -->", 1)
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(current)
    return path


def write(results: dict) -> Path:
    DOCS.mkdir(exist_ok=True)
    results["finished"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    (DOCS / CHART).write_text(chart(results["latency"]))
    path = DOCS / "PERFORMANCE.md"
    # The Lighthouse section is written by `make lighthouse` (benchmarks/lighthouse.py): kept.
    kept = re.search(r"<!-- lighthouse:begin -->.*?<!-- lighthouse:end -->",
                     path.read_text(), flags=re.DOTALL) if path.exists() else None
    path.write_text(markdown(results) + (f"\n{kept.group(0)}\n" if kept else ""))
    return path


if __name__ == "__main__":
    import json
    import sys

    figures = json.loads(Path(sys.argv[1]).read_text())
    # Figures of the annual run alone (benchmarks/annual_run.py without the rest): its section.
    print(write(figures) if "latency" in figures else write_annual(figures["annual_run"]))
