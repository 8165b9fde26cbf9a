"""Scale-out: the production server with 4 backend workers on PostgreSQL and Redis.

The fixture starts `reflex run --env prod --single-port` the way `make run-scaled` does (Granian
forks GRANIAN_WORKERS processes; REFLEX_REDIS_URL keeps the Reflex client state in Redis) on a
fresh PostgreSQL database of its own and a Redis database index of its own (both removed
afterwards). HARZPORTAL_WORKER_HEADER makes every HTTP answer and every websocket's first frame
name the worker process that serves it (core/worker_header.py), so the tests can show that the
page loads and websockets really were spread over the workers.

Chromium (async Playwright, in a thread of its own: the sync browser suite keeps an event loop
running in the main thread) drives the real pages over the real websocket. With CI=true a
missing PostgreSQL, Redis or Chromium is a failure, never a skip.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
import redis
from sqlalchemy import func
from sqlmodel import Session, select

from harzportal import db
from harzportal.accounts import sessions
from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.i18n import translate
from harzportal.demo import accounts
from harzportal.demo.seminars import ALMOST_FULL
from harzportal.organizations.models import Organization
from harzportal.seminars.models import Registration, RegistrationStatus, Seminar
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    _free_port,
    _require_chromium,
    prepare_database,
    server_env,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.e2e

WORKERS = 4
PG_SERVER = os.environ.get("HARZPORTAL_TEST_PG_SERVER", "postgresql://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("HARZPORTAL_TEST_REDIS_SERVER", "redis://127.0.0.1:6379")
CLAIM_KEY = "harzportal:scale-out-test"
SEATS = 10
PEOPLE = 30
WAIT = 60_000  # ms: 30 pages in one Chromium on a small shared machine are slow


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _create_database() -> str:
    name = f"hp_scale_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        _missing(f"PostgreSQL at {PG_SERVER} is needed for the scale-out tests: {error}")
    return name


def _drop_database(name: str) -> None:
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _claim_redis_database() -> int:
    """A Redis database index of our own: empty, and claimed with a marker key, so two test runs
    on one machine never share one. Never index 0 (the default everybody uses)."""
    try:
        server = redis.Redis.from_url(REDIS_SERVER, socket_timeout=5)
        server.ping()
    except redis.RedisError as error:
        _missing(f"Redis at {REDIS_SERVER} is needed for the scale-out tests: {error}")
    try:
        databases = int(server.config_get("databases").get("databases", 16))
    except redis.ResponseError:  # CONFIG may be disabled; every Redis has 16 by default
        databases = 16
    for index in range(databases - 1, 0, -1):
        client = redis.Redis.from_url(f"{REDIS_SERVER}/{index}")
        if client.dbsize() == 0 and client.set(CLAIM_KEY, os.getpid(), nx=True, ex=3600):
            return index
    pytest.fail("no empty Redis database index left for the scale-out tests")


def _release_redis_database(index: int) -> None:
    assert index != 0
    redis.Redis.from_url(f"{REDIS_SERVER}/{index}").flushdb()


class ScaledPortal:
    def __init__(self, base_url: str, database_url: str, redis_index: int, log_path: Path):
        self.base_url = base_url
        self.database_url = database_url
        self.redis_index = redis_index
        self.log_path = log_path
        self.engine = db.make_engine(database_url)


@pytest.fixture(scope="module")
def scaled_portal(tmp_path_factory, smtp_server):
    _require_chromium()
    controller, _catcher = smtp_server
    database = _create_database()
    redis_index = None
    work = tmp_path_factory.mktemp("scaled")
    process = None
    try:
        redis_index = _claim_redis_database()
        port = _free_port()
        database_url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
        web_dir = os.environ.get("HARZPORTAL_SCALED_WEB_DIR", str(ROOT / ".e2e" / "web-scaled"))
        env = server_env(work, port, database_url, controller.port, web_dir=web_dir) | {
            # What `make run-scaled` sets, with our own Redis database index.
            "REFLEX_REDIS_URL": f"{REDIS_SERVER}/{redis_index}",
            "GRANIAN_WORKERS": str(WORKERS),
            "REFLEX_USE_GRANIAN": "true",
            "HARZPORTAL_WORKER_HEADER": "1",
        }
        env.pop("HARZPORTAL_ENV", None)
        prepare_database(env)
        process = start_server(env, work / "server.log")
        portal = ScaledPortal(f"http://localhost:{port}", database_url, redis_index,
                              work / "server.log")
        yield portal
        portal.engine.dispose()
    finally:
        if process is not None:
            stop_server(process)
        if redis_index is not None:
            _release_redis_database(redis_index)
        _drop_database(database)
        shutil.rmtree(work / "states", ignore_errors=True)


def _in_browser(scenario, *args):
    """Run an async Playwright scenario in a thread with its own event loop."""

    async def main():
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                       args=CHROMIUM_ARGS)
            try:
                return await scenario(browser, *args)
            finally:
                await browser.close()

    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, main()).result()


class WorkerLog:
    """The worker pid of every websocket a page opens to the portal, in order: the test setting
    puts it into the websocket's first frame (Engine.IO's open packet)."""

    def __init__(self):
        self.pids: list[int] = []

    def attach(self, page) -> None:
        page.on("websocket", self._websocket)

    def _websocket(self, websocket) -> None:
        if "/_event" in websocket.url:
            websocket.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, str) and payload.startswith("0{"):
            worker = json.loads(payload[1:]).get("worker")
            if worker is not None:
                self.pids.append(int(worker))

    async def next_pid(self, already: int, timeout: float = 20.0) -> int:
        """The pid of the first handshake after `already` handshakes were seen."""
        for _ in range(int(timeout / 0.05)):
            if len(self.pids) > already:
                return self.pids[already]
            await asyncio.sleep(0.05)
        raise AssertionError("the page opened no websocket to the portal")


def _text(key: str) -> str:
    return translate(key, "de")


GREETING = _text("dashboard.greeting")


async def _expect_signed_in(page, name: str) -> None:
    from playwright.async_api import expect

    try:
        await expect(page.get_by_role("heading", level=1, name=re.compile(re.escape(GREETING)))
                     ).to_be_visible(timeout=WAIT)
        await expect(page.locator("#user-menu")).to_contain_text(name, timeout=WAIT)
    except AssertionError as error:
        body = (await page.inner_text("body"))[:300]
        raise AssertionError(f"not signed in at {page.url}: {body!r}") from error
    assert page.url.rstrip("/").endswith("/dashboard")


async def _session_across_workers(browser, base_url: str, name: str) -> dict:
    from playwright.async_api import expect

    context = await browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 860})
    context.set_default_timeout(30000)
    result = {"reload_pids": [], "new_tab_pids": [], "filter_pids": []}

    # Sign in through the login form, as a person does.
    page = await context.new_page()
    log = WorkerLog()
    log.attach(page)
    await page.goto("/login")
    await expect(page.locator("#login-submit")).to_be_enabled(timeout=WAIT)
    await page.fill("#field-email", accounts.HARZER_MANAGER_EMAIL)
    await page.fill("#field-password", accounts.DEMO_MEMBER_PASSWORD)
    await page.click("#login-submit")
    await page.wait_for_url("**/dashboard")
    await _expect_signed_in(page, name)

    # The same tab reloaded: a new websocket each time, same Reflex client token and cookie.
    for _ in range(8):
        seen = len(log.pids)
        await page.goto("/dashboard")
        result["reload_pids"].append(await log.next_pid(seen))
        await _expect_signed_in(page, name)

    # New tabs: a fresh Reflex client token (empty client state) with the same cookie, so only
    # our database session can sign them in on whichever worker they land.
    for _ in range(8):
        tab = await context.new_page()
        tab_log = WorkerLog()
        tab_log.attach(tab)
        await tab.goto("/dashboard")
        result["new_tab_pids"].append(await tab_log.next_pid(0))
        await _expect_signed_in(tab, name)
        await tab.close()

    # Reflex's client state lives in Redis: a catalogue filter applied on one worker is still
    # applied when the reloaded page connects to another worker.
    seen = len(log.pids)
    await page.goto("/seminars")
    filter_pid = await log.next_pid(seen)
    cards = page.locator('a[href^="/seminars/"]:not([href*="#"])')  # not the skip link
    await expect(cards.nth(1)).to_be_visible(timeout=WAIT)
    result["unfiltered_cards"] = await cards.count()
    await page.fill('input[name="search"]', ALMOST_FULL)
    await page.get_by_role("button", name=_text("common.search")).click()
    await expect(cards).to_have_count(1, timeout=WAIT)
    result["filter_pids"].append(filter_pid)
    for _ in range(12):
        seen = len(log.pids)
        await page.goto("/seminars")
        pid = await log.next_pid(seen)
        await expect(cards).to_have_count(1, timeout=WAIT)
        await expect(cards.first).to_contain_text(ALMOST_FULL, timeout=WAIT)
        result["filter_pids"].append(pid)
        if pid != filter_pid:
            break
    await context.close()
    return result


def test_signed_in_user_keeps_the_session_on_every_worker(scaled_portal):
    with Session(scaled_portal.engine) as session:
        name = session.exec(select(User.full_name).where(
            User.email == accounts.HARZER_MANAGER_EMAIL)).one()
    result = _in_browser(_session_across_workers, scaled_portal.base_url, name)
    reload_pids, new_tab_pids = set(result["reload_pids"]), set(result["new_tab_pids"])
    print(f"\nworkers: reloads {result['reload_pids']}, new tabs {result['new_tab_pids']}, "
          f"catalogue filter {result['filter_pids']}")
    assert len(reload_pids | new_tab_pids) > 1, "every request landed on the same worker"
    assert len(reload_pids) > 1 and len(new_tab_pids) > 1
    # Signed in on every worker (checked per page load above); the filter survived a move.
    assert result["unfiltered_cards"] > 1
    assert len(set(result["filter_pids"])) > 1, "the catalogue reloads never changed worker"


def _arrange_capacity_test(engine) -> tuple[int, list[tuple[str, str]]]:
    """A seminar with 10 seats open for registration, and 40 signed-in contacts (own sessions,
    as after a login)."""
    now = clock.now()
    with Session(engine, expire_on_commit=False) as session:
        organization = Organization(name="Skalierung Testwerk GmbH", kind="chemical",
                                    city="Goslar", postal_code="38640", federal_state="NI")
        session.add(organization)
        session.flush()
        seminar = Seminar(title="Lastprobe: zehn Plätze", topic="hse", venue="Goslar",
                          capacity=SEATS, status="published",
                          starts_at=now + timedelta(days=30),
                          ends_at=now + timedelta(days=30, hours=6),
                          registration_opens_at=now - timedelta(days=1),
                          registration_deadline=now + timedelta(days=20))
        session.add(seminar)
        people, run = [], uuid.uuid4().hex[:8]
        for number in range(PEOPLE):
            user = User(email=f"last{number}-{run}@skalierung.example",
                        full_name=f"Last Person {number}",
                        organization_id=organization.id)
            session.add(user)
            session.flush()
            people.append((user.email, sessions.start_session(session, user, "127.0.0.1")))
        session.commit()
        return seminar.id, people


async def _register_concurrently(browser, base_url: str, seminar_id: int, people) -> list[dict]:
    from playwright.async_api import expect

    loading = asyncio.Semaphore(8)

    async def open_seminar(email: str, token: str) -> dict:
        context = await browser.new_context(base_url=base_url,
                                            viewport={"width": 1100, "height": 800})
        context.set_default_timeout(60000)
        await context.add_cookies([{"name": "hp_session", "value": token, "url": base_url}])
        page = await context.new_page()
        log = WorkerLog()
        log.attach(page)
        async with loading:
            await page.goto(f"/seminars/{seminar_id}")
            await expect(page.locator("#register-myself")).to_be_enabled(timeout=WAIT)
        return {"email": email, "context": context, "page": page, "log": log}

    visitors = await asyncio.gather(*(open_seminar(email, token) for email, token in people))
    registered, waitlisted = _text("seminar.registered"), _text("seminar.waitlisted")

    async def register(visitor: dict) -> None:
        page = visitor["page"]
        await page.click("#register-myself")
        outcome = page.get_by_text(registered).or_(page.get_by_text(waitlisted))
        await expect(outcome).to_be_visible(timeout=WAIT)
        visitor["outcome"] = "confirmed" if await page.get_by_text(registered).count() \
            else "waitlisted"
        visitor["pid"] = visitor["log"].pids[-1]

    # Every page is connected; now all of them press "Anmelden" at the same moment.
    await asyncio.gather(*(register(visitor) for visitor in visitors))
    results = [{"email": v["email"], "outcome": v["outcome"], "pid": v["pid"]} for v in visitors]
    await asyncio.gather(*(visitor["context"].close() for visitor in visitors))
    return results


def test_seats_hold_with_registrations_spread_over_workers(scaled_portal):
    seminar_id, people = _arrange_capacity_test(scaled_portal.engine)
    results = _in_browser(_register_concurrently, scaled_portal.base_url, seminar_id, people)

    by_worker: dict[int, dict[str, int]] = {}
    for result in results:
        counts = by_worker.setdefault(result["pid"], {"confirmed": 0, "waitlisted": 0})
        counts[result["outcome"]] += 1
    print(f"\nregistrations per worker: {by_worker}")
    assert len(by_worker) > 1, "all registrations landed on one worker"
    assert sum(r["outcome"] == "confirmed" for r in results) == SEATS
    assert sum(r["outcome"] == "waitlisted" for r in results) == PEOPLE - SEATS

    with Session(scaled_portal.engine) as session:
        seminar = session.get(Seminar, seminar_id)
        statuses = dict(session.exec(
            select(Registration.status, func.count()).where(Registration.seminar_id == seminar_id)
            .group_by(Registration.status)).all())
        confirmed_emails = set(session.exec(
            select(User.email).join(Registration, Registration.user_id == User.id).where(
                Registration.seminar_id == seminar_id,
                Registration.status == RegistrationStatus.CONFIRMED.value)).all())
    assert seminar.seats_taken == SEATS
    assert statuses == {RegistrationStatus.CONFIRMED.value: SEATS,
                        RegistrationStatus.WAITLISTED.value: PEOPLE - SEATS}
    # What each person was told on screen is what the database holds.
    assert confirmed_emails == {r["email"] for r in results if r["outcome"] == "confirmed"}
