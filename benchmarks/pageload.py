"""Time to a usable login page and a usable dashboard in Chromium, cold and warm.

Cold: a fresh browser context (empty HTTP cache, no cookies). Warm: the same context again
with its cache filled, cookies cleared (so the login is done again). "Usable" means what a
person needs: the login button enabled (the page is connected to the server), and after
signing in the dashboard's greeting and its list of things that need attention shown (the
on_load data has arrived). Navigation timing of the login page is reported too.
"""

from __future__ import annotations

import re
import time

from harzportal.core.i18n import message_table

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
GREETING = re.compile("|".join(re.escape(text) for text in message_table()["dashboard.greeting"].values()))


def _visit(context, base_url: str, email: str, password: str) -> dict:
    from playwright.sync_api import expect

    page = context.new_page()
    page.set_default_timeout(60000)
    began = time.perf_counter()
    page.goto(f"{base_url}/login")
    expect(page.locator("#login-submit")).to_be_enabled()
    login_usable = time.perf_counter() - began
    timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        return {ttfb: n.responseStart, dom: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                transfer: n.transferSize}; }""")
    page.fill("#field-email", email)
    page.fill("#field-password", password)
    began_sign_in = time.perf_counter()
    page.click("#login-submit")
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()
    expect(page.locator("#attention")).to_be_visible()
    dashboard_usable = time.perf_counter() - began_sign_in
    page.close()
    return {"login_usable_s": login_usable, "dashboard_after_submit_s": dashboard_usable,
            "total_s": login_usable + dashboard_usable, "navigation": timing}


def measure_page_load(base_url: str, email: str, password: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        cold = _visit(context, base_url, email, password)
        warm_runs = []
        for _ in range(3):
            context.clear_cookies()
            warm_runs.append(_visit(context, base_url, email, password))
        context.close()
        browser.close()
    warm = min(warm_runs, key=lambda run: run["total_s"])
    warm["median_total_s"] = sorted(run["total_s"] for run in warm_runs)[1]
    return {"cold": cold, "warm": warm}
