"""Lighthouse 12 (npm `lighthouse@12.2.3`, Debian's Chromium) on the portal's pages, mobile
settings (Lighthouse's default: a mid-range phone, slow 4G, 4x CPU slowdown): performance,
accessibility and best practices of the login page, the member pages and the staff dashboard.

The production server runs on the demo network (SQLite, `seed-demo`) with its own build folder;
the signed-in pages are opened with the session cookie of a Playwright sign-in. The figures
replace the "Lighthouse" section of docs/PERFORMANCE.md (between its markers; `make bench`
keeps that section when it rewrites the rest). Asserts nothing; `make lighthouse` runs it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import server
from benchmarks.pageload import CHROMIUM, CHROMIUM_ARGS, GREETING
from harzportal.demo import accounts

ROOT = server.ROOT
LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
PERFORMANCE = ROOT / "docs" / "PERFORMANCE.md"
BEGIN, END = "<!-- lighthouse:begin -->", "<!-- lighthouse:end -->"
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"member": 90, "staff": 80}  # mobile performance; 100 for the other two
MEMBER_PAGES = ("/dashboard", "/invoices", "/seminars", "/documents", "/directory")
STAFF_PAGES = ("/dashboard",)


def _prepared_database(data_dir: Path) -> str:
    url = f"sqlite:///{data_dir / 'lighthouse.db'}"
    env = os.environ | {"REFLEX_DB_URL": url, "HARZPORTAL_DATA_DIR": str(data_dir)}
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run([str(server.BIN / "harzportal"), *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)
    return url


def _session_cookie(base_url: str, email: str, password: str) -> str:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=base_url)
        page.set_default_timeout(60000)
        page.goto("/login")
        expect(page.locator("#login-submit")).to_be_enabled()
        page.fill("#field-email", email)
        page.fill("#field-password", password)
        page.click("#login-submit")
        page.wait_for_url("**/dashboard")
        expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()
        cookie = next(c for c in page.context.cookies() if c["name"] == "hp_session")
        browser.close()
    return f"hp_session={cookie['value']}"


def _audit(url: str, name: str, cookie: str = "") -> dict:
    REPORTS.mkdir(parents=True, exist_ok=True)
    output = REPORTS / f"{name}.json"
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    subprocess.run(command, check=True, env=os.environ | {"CHROME_PATH": CHROMIUM})
    return figures(json.loads(output.read_text()))


def figures(report: dict) -> dict:
    """What the table shows of one Lighthouse report."""
    audits = report["audits"]
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "transfer_kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "decoded_kb": sum(item.get("resourceSize") or 0 for item in
                          audits["network-requests"]["details"]["items"]) / 1024,
        "failed": sorted(a["id"] for a in audits.values()
                         if a.get("score") is not None and a["score"] < 1
                         and a.get("scoreDisplayMode") == "binary"),
    }


def _section(results: list[tuple[str, str, dict]], when: str, load: str) -> str:
    lines = [BEGIN, "## Lighthouse (mobile)", "",
             f"Written by `make lighthouse` (`benchmarks/lighthouse.py`, Lighthouse 12.2.3, "
             f"Debian's Chromium) on {when}; Lighthouse's mobile settings (slow 4G, 4× CPU "
             f"slowdown) on this shared 2-core machine (load average {load} at the end: other "
             "processes slow Lighthouse's simulated phone further), the demo network, one "
             "server worker. "
             "Targets: performance ≥ 90 on member pages and ≥ 80 on the staff dashboard, best "
             "practices and accessibility 100.", "",
             ("| page | who | performance | accessibility | best practices | LCP | TBT | CLS | "
              "transferred | decoded | binary audits not passed |"),
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for who, path, measured in results:
        scores = measured["scores"]
        lines.append(
            f"| {path} | {who} | {scores['performance']} | {scores['accessibility']} | "
            f"{scores['best-practices']} | {measured['lcp_s']:.1f} s | {measured['tbt_ms']:.0f} ms | "
            f"{measured['cls']:.3f} | "
            f"{measured['transfer_kb']:.0f} KB | {measured['decoded_kb']:.0f} KB | "
            f"{', '.join(measured['failed']) or '–'} |")
    below = [f"{path} ({who}) {measured['scores']['performance']}"
             for who, path, measured in results
             if who in TARGETS and measured["scores"]["performance"] < TARGETS[who]]
    short = [f"{path} ({who})" for who, path, measured in results
             if min(measured["scores"][c] for c in CATEGORIES[1:]) < 100]
    lines += ["", f"Performance below its target: {', '.join(below) or 'none'}. "
              f"Accessibility or best practices below 100: {', '.join(short) or 'none'}.",
              "", END]
    return "\n".join(lines)


def write_section(section: str) -> None:
    text = PERFORMANCE.read_text() if PERFORMANCE.exists() else "# Performance\n"
    if BEGIN in text and END in text:
        text = re.sub(f"{re.escape(BEGIN)}.*?{re.escape(END)}", lambda _: section, text,
                      flags=re.DOTALL)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    PERFORMANCE.write_text(text)


def main() -> None:
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: `make lighthouse` installs lighthouse@12.2.3")
    data_dir = Path(tempfile.mkdtemp(prefix="hp-lighthouse-"))
    results = []
    with server.production_server(_prepared_database(data_dir), data_dir) as running:
        base = running.base_url
        results.append(("nobody", "/login", _audit(f"{base}/login", "login")))
        for who, (email, password), pages in (
                ("member", (accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD),
                 MEMBER_PAGES),
                ("staff", (accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD), STAFF_PAGES)):
            cookie = _session_cookie(base, email, password)
            for path in pages:
                name = f"{who}{path.replace('/', '-')}"
                results.append((who, path, _audit(f"{base}{path}", name, cookie)))
                print(who, path, results[-1][2]["scores"], flush=True)
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    write_section(_section(results, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), load))


if __name__ == "__main__":
    main()
