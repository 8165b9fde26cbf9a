"""The browser suite: the real production server (`harzportal build`, then `harzportal serve`:
Granian on the exported app, as `make run` starts it) on a free port with a
temporary database and data directory, a real local SMTP server, and Debian's Chromium driven
by Playwright. Nothing is mocked."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from harzportal import db

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailCatcher:
    """aiosmtpd handler that keeps every received message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def wait_for(self, recipient: str, subject_part: str, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if message["To"] == recipient and subject_part in message["Subject"]:
                    return message
            time.sleep(0.2)
        raise AssertionError(f"no mail '{subject_part}' to {recipient} within {timeout}s")


@pytest.fixture(scope="session")
def smtp_server():
    catcher = MailCatcher()
    controller = Controller(catcher, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, catcher
    controller.stop()


def _require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def server_env(work: Path, port: int, database_url: str, smtp_port: int,
               web_dir: str | None = None) -> dict[str, str]:
    """The environment of a production server with its data under `work`."""
    env = os.environ | {
        "PORT": str(port),
        "HARZPORTAL_DATA_DIR": str(work / "data"),
        "REFLEX_DB_URL": database_url,
        # Its own build and state folders, so a running `make run` is never disturbed; the build
        # folder is kept between runs (gitignored) to reuse the installed frontend packages.
        # HARZPORTAL_E2E_WEB_DIR lets two suites run side by side on one checkout.
        "REFLEX_WEB_WORKDIR": web_dir or os.environ.get("HARZPORTAL_E2E_WEB_DIR",
                                                        str(ROOT / ".e2e" / "web")),
        "REFLEX_STATES_WORKDIR": str(work / "states"),
        "REFLEX_USE_SYSTEM_BUN": "1",
        "HARZPORTAL_SMTP_HOST": "127.0.0.1",
        "HARZPORTAL_SMTP_PORT": str(smtp_port),
        "HARZPORTAL_SMTP_TLS": "none",
    }
    bin_dir = Path(sys.executable).parent
    tools = ROOT / ".tools" / "node_modules" / ".bin"
    env["PATH"] = f"{tools}:{bin_dir}:{env.get('PATH', '')}"
    return env


def prepare_database(env: dict[str, str]) -> None:
    """Migrate the server's database and seed the demo network."""
    bin_dir = Path(sys.executable).parent
    for command in (["harzportal", "migrate"], ["harzportal", "seed-demo"]):
        subprocess.run([str(bin_dir / command[0]), *command[1:]], cwd=ROOT, env=env, check=True,
                       capture_output=True)


def start_server(env: dict[str, str], log_path: Path, build: bool = True) -> subprocess.Popen:
    """Build the frontend (`harzportal build`; `build=False`: a restart serves the build already
    there) and serve it (`harzportal serve`: Granian on the ASGI app, no build parent;
    WORKERS/GRANIAN_WORKERS processes) with `env` (output appended to `log_path`); wait until it
    answers on http://localhost:$PORT."""
    with open(log_path, "ab") as log:
        built = subprocess.run(
            [sys.executable, "-m", "harzportal.cli", "build"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT) if build else None
    if built is not None and built.returncode != 0:
        raise RuntimeError(f"the frontend build failed:\n{log_path.read_text()[-4000:]}")
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "harzportal.cli", "serve"],
            cwd=ROOT, env=env | {"GRANIAN_LOG_LEVEL": "info"}, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_until_up(f"http://localhost:{env['PORT']}", process, log_path)
    except BaseException:
        stop_server(process)
        raise
    return process


def stop_server(process: subprocess.Popen) -> None:
    """Stop the server and its workers (its own process group)."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


SERVER_LOGS: dict[str, Path] = {}  # base URL -> the log of the server answering there


@pytest.fixture
def server_log(server):
    """Everything the suite's server has logged so far, as text."""
    return lambda: SERVER_LOGS[server].read_text(errors="replace")


@pytest.fixture(scope="session")
def server(tmp_path_factory, smtp_server):
    """Start the production server once for the whole browser suite."""
    _require_chromium()
    controller, _catcher = smtp_server
    work = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    database_url = f"sqlite:///{work / 'data' / 'e2e.db'}"
    env = server_env(work, port, database_url, controller.port)
    prepare_database(env)
    process = start_server(env, work / "server.log")
    base_url = f"http://localhost:{port}"
    SERVER_LOGS[base_url] = work / "server.log"
    try:
        engine = db.make_engine(database_url)
        db.use_engine(engine)
        yield base_url
    finally:
        db.use_engine(None)
        stop_server(process)
        shutil.rmtree(work / "states", ignore_errors=True)


def _wait_until_up(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/login", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"server did not come up:\n{log_path.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session; every test that uses it also asks for its server."""
    from playwright.sync_api import sync_playwright

    _require_chromium()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


@pytest.fixture
def mails(smtp_server):
    return smtp_server[1]
