"""Faults of a running production server, on PostgreSQL reached through a TCP proxy that the
test can cut (the shared PostgreSQL server itself is never stopped):

- the database goes away: a signed-in page and event show a clear German message, no error
  or traceback; when the database is back the same actions work, without a restart;
- the server restarts: people stay signed in (sessions live in the database).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from harzportal.core.i18n import translate
from harzportal.demo.accounts import DEMO_MEMBER_PASSWORD, HARZER_MANAGER_EMAIL
from tests.e2e.conftest import (
    ROOT,
    _free_port,
    _require_chromium,
    prepare_database,
    server_env,
    start_server,
    stop_server,
)
from tests.e2e.journeys import sign_in, sign_in_ok
from tests.e2e.tcp_proxy import TcpProxy

# The module's server builds its own frontend (its own port) before the first test: on a
# loaded 2-core machine that alone can take most of the suite's default 300 s.
pytestmark = pytest.mark.timeout(900)

POSTGRES = ("127.0.0.1", 5432)
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
UNAVAILABLE = translate("service.unavailable", "de")
GREETING_DE = translate("dashboard.greeting", "de")
GREETING_EN = translate("dashboard.greeting", "en")


def _web_dir() -> str:
    """A build folder of its own: the suite's shared server keeps serving from the other one
    while this one builds."""
    base = os.environ.get("HARZPORTAL_E2E_WEB_DIR", str(ROOT / ".e2e" / "web"))
    return base if base.endswith("-faults") else f"{base}-faults"


def _admin(statement: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(statement)


class FaultsServer:
    def __init__(self, env: dict[str, str], log_path: Path, proxy: TcpProxy):
        self.env, self.log_path, self.proxy = env, log_path, proxy
        self.base_url = f"http://localhost:{env['PORT']}"
        self.process: subprocess.Popen | None = None
        self.built = False

    def start(self) -> None:
        """The first start builds the frontend; a restart serves that build again, as a
        production restart does."""
        self.process = start_server(self.env, self.log_path, build=not self.built)
        self.built = True

    def stop(self) -> None:
        if self.process is not None:
            stop_server(self.process)
            self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="module")
def faults_server(tmp_path_factory, smtp_server):
    _require_chromium()
    try:
        _admin("SELECT 1")
    except psycopg.OperationalError as error:
        message = f"PostgreSQL at 127.0.0.1:5432 is needed for the fault tests: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"harzportal_e2e_faults_{os.getpid()}_{int(time.time())}"
    _admin(f'CREATE DATABASE "{name}"')
    proxy = TcpProxy(POSTGRES)
    work = tmp_path_factory.mktemp("e2e-faults")
    controller, _catcher = smtp_server
    env = server_env(work, _free_port(), f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/"
                     f"{name}", controller.port, web_dir=_web_dir())
    server = FaultsServer(env, work / "server.log", proxy)
    try:
        prepare_database(env)
        server.start()
        yield server
    finally:
        server.stop()
        proxy.close()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work / "states", ignore_errors=True)


@pytest.fixture
def member_page(browser: Browser, faults_server):
    context = browser.new_context(viewport={"width": 1280, "height": 860},
                                  base_url=faults_server.base_url)
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


def _greeting(page: Page, text: str):
    return page.get_by_role("heading", level=1, name=re.compile(re.escape(text)))


def _path(page: Page) -> str:
    return urlparse(page.url).path.rstrip("/")


def _assert_no_error_shown(page: Page) -> None:
    body = page.locator("body").inner_text()
    for sign in ("Traceback", "OperationalError", "An error occurred", "psycopg"):
        assert sign not in body


def test_without_the_database_pages_say_so_and_work_again_when_it_is_back(member_page,
                                                                           faults_server):
    page = member_page
    sign_in_ok(page, HARZER_MANAGER_EMAIL, DEMO_MEMBER_PASSWORD)
    process = faults_server.process

    faults_server.proxy.cut()
    try:
        # An event on the open page (the language switch writes to the database) ...
        page.get_by_role("radio", name="EN").click()
        expect(page.locator("#service-problem")).to_have_text(UNAVAILABLE)
        expect(_greeting(page, GREETING_DE)).to_be_visible()  # the page stays as it was
        _assert_no_error_shown(page)
        # ... and a page opened now (its session check needs the database).
        page.goto("/organization")
        expect(page.locator("#service-problem")).to_have_text(UNAVAILABLE)
        _assert_no_error_shown(page)
        assert _path(page) == "/organization"  # not sent to the login page
        # Someone signing in meanwhile is told the same.
        visitor = page.context.browser.new_context(base_url=faults_server.base_url)
        try:
            login = visitor.new_page()
            sign_in(login, HARZER_MANAGER_EMAIL, DEMO_MEMBER_PASSWORD)
            expect(login.get_by_role("alert")).to_have_text(UNAVAILABLE)
            _assert_no_error_shown(login)
        finally:
            visitor.close()
    finally:
        faults_server.proxy.restore()

    # The same server, reconnected on its own: the same actions work.
    assert faults_server.process is process and process.poll() is None
    page.goto("/dashboard")
    expect(_greeting(page, GREETING_DE)).to_be_visible()
    expect(page.locator("#service-problem")).to_have_count(0)
    page.get_by_role("radio", name="EN").click()
    expect(_greeting(page, GREETING_EN)).to_be_visible()
    page.get_by_role("radio", name="DE").click()
    expect(_greeting(page, GREETING_DE)).to_be_visible()

    log = faults_server.log()
    assert "Database unavailable in PortalState.switch_language: OperationalError" in log
    # /organization opened during the outage: its first loader opens the page (shell/guard.py)
    assert "Database unavailable in OwnOrganizationState.open_own: OperationalError" in log
    assert "Database unavailable on the login page: OperationalError" in log
    assert "[Reflex Backend Exception]" not in log  # handled, not an unexpected error


def test_after_a_server_restart_people_are_still_signed_in(member_page, faults_server):
    page = member_page
    sign_in_ok(page, HARZER_MANAGER_EMAIL, DEMO_MEMBER_PASSWORD)
    name = page.locator("#user-menu").inner_text()

    faults_server.stop()
    faults_server.start()  # same database, same data directory, a fresh process

    page.reload()
    expect(_greeting(page, GREETING_DE)).to_be_visible()
    assert _path(page) == "/dashboard"
    expect(page.locator("#user-menu")).to_have_text(name)
    page.goto("/organization")
    assert _path(page) == "/organization"
    expect(page.locator("#user-menu")).to_have_text(name)
