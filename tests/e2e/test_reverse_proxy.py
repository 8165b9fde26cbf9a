"""The production server behind a real TLS reverse proxy: Debian's nginx with the README's
configuration (read from README.md between the `nginx-config` markers, so the two cannot drift),
a throw-away self-signed certificate and free ports, as the user that runs the tests.

Chromium (ignoring the self-signed certificate) signs in over `https://`: the session cookie is
`Secure`, every answer carries HSTS and the websocket upgrades through the proxy. A raw
socket.io client from an address of its own (`127.0.0.3`) fails to sign in through the proxy:
login throttling counts those failures for that address (from `X-Forwarded-For`, one trusted
hop), not for the proxy's and not for the address the client wrote into the header itself; a
client that talks to the server directly (from `127.0.0.2`) with a forged `X-Forwarded-For` is
counted under its own address.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import shutil
import ssl
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.accounts import throttle
from harzportal.accounts.models import AuthSession, LoginFailure, User
from harzportal.core.i18n import translate
from harzportal.core.security_headers import HSTS
from harzportal.demo.accounts import DEMO_MEMBER_PASSWORD, HARZER_MANAGER_EMAIL
from harzportal.shell.state import SESSION_COOKIE
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

NGINX = "/usr/sbin/nginx"
# The portal's public host in this test. Not "localhost": over https Reflex's frontend then
# drops the port from the websocket address (it assumes a load balancer on 443).
HOST = "127.0.0.1"
README_BLOCK = re.compile(
    r"<!-- nginx-config:start -->\n```nginx\n(.*?)```\n<!-- nginx-config:end -->", re.DOTALL)
NAMESPACE = "/_event"
PUBLIC_PAGE = ("reflex___state____state.harzportal___shell___state____portal_state"
               ".harzportal___auth___state____public_page_state")
LOGIN = f"{PUBLIC_PAGE}.harzportal___auth___state____login_state"
PROXIED_CLIENT, DIRECT_CLIENT = "127.0.0.3", "127.0.0.2"
FORGED_THROUGH_PROXY, FORGED_DIRECT = "203.0.113.9", "203.0.113.7"
WAIT = 30000


def _readme_config() -> str:
    blocks = README_BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) == 1, "README.md must hold exactly one nginx-config block"
    return blocks[0]


def _replace_once(text: str, old: str, new: str) -> str:
    """Each production value the test replaces must be in the README's block exactly once, so a
    change there makes this test fail instead of testing something else."""
    assert text.count(old) == 1, f"README's nginx block no longer has {old!r} once"
    return text.replace(old, new)


def nginx_config(work: Path, *, https_port: int, http_port: int, server_port: int) -> str:
    """The README's block with the test's ports, certificate and host name, wrapped in a main
    configuration that keeps everything nginx writes inside `work`."""
    site = _readme_config()
    for old, new in [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("/etc/letsencrypt/live/portal.example.org/fullchain.pem", str(work / "cert.pem")),
        ("/etc/letsencrypt/live/portal.example.org/privkey.pem", str(work / "key.pem")),
        ("proxy_pass http://127.0.0.1:3000;", f"proxy_pass http://127.0.0.1:{server_port};"),
        ("return 301 https://$host$request_uri;",
         f"return 301 https://$host:{https_port}$request_uri;"),
    ]:
        site = _replace_once(site, old, new)
    site = site.replace("server_name portal.example.org;", f"server_name {HOST};")
    temp = work / "temp"
    return f"""
daemon off;
master_process off;
pid {work / 'nginx.pid'};
error_log {work / 'error.log'} info;
events {{ worker_connections 256; }}
http {{
    access_log {work / 'access.log'};
    client_body_temp_path {temp / 'body'};
    proxy_temp_path {temp / 'proxy'};
    fastcgi_temp_path {temp / 'fastcgi'};
    uwsgi_temp_path {temp / 'uwsgi'};
    scgi_temp_path {temp / 'scgi'};
{site}
}}
"""


def _self_signed_certificate(work: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=IP:{HOST}",
         "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
        check=True, capture_output=True)


def _require_nginx() -> None:
    if not Path(NGINX).exists():
        message = f"nginx not found at {NGINX}: `make test` installs Debian's nginx-light."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _wait_for_nginx(process: subprocess.Popen, origin: str, work: Path) -> None:
    context = ssl._create_unverified_context()  # the throw-away certificate
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited:\n{(work / 'error.log').read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{origin}/ping", timeout=2, context=context):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"nginx did not come up:\n{(work / 'error.log').read_text()[-3000:]}")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, smtp_server):
    """The production server with an https public origin and one trusted proxy hop, and nginx
    in front of it; yields the public origin, the server's own address and nginx's work dir."""
    _require_chromium()
    _require_nginx()
    controller, _catcher = smtp_server
    work = tmp_path_factory.mktemp("proxy")
    nginx_dir = work / "nginx"
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (nginx_dir / "temp" / folder).mkdir(parents=True)
    server_port, https_port, http_port = _free_port(), _free_port(), _free_port()
    origin = f"https://{HOST}:{https_port}"
    database_url = f"sqlite:///{work / 'data' / 'proxy.db'}"
    web_dir = os.environ.get("HARZPORTAL_PROXY_WEB_DIR", str(ROOT / ".e2e" / "web-proxy"))
    env = server_env(work, server_port, database_url, controller.port, web_dir=web_dir) | {
        "HARZPORTAL_PUBLIC_ORIGIN": origin,  # https: Secure cookies, HSTS behind the proxy
        "HARZPORTAL_TRUSTED_PROXY_HOPS": "1",
    }
    prepare_database(env)
    _self_signed_certificate(nginx_dir)
    config = nginx_dir / "nginx.conf"
    config.write_text(nginx_config(nginx_dir, https_port=https_port, http_port=http_port,
                                   server_port=server_port))
    server = nginx = None
    previous_engine = db.get_engine()
    try:
        server = start_server(env, work / "server.log")
        with open(nginx_dir / "stderr.log", "ab") as log:
            nginx = subprocess.Popen([NGINX, "-p", str(nginx_dir), "-c", str(config),
                                      "-e", str(nginx_dir / "error.log")],
                                     stdout=log, stderr=subprocess.STDOUT)
        _wait_for_nginx(nginx, origin, nginx_dir)
        db.use_engine(db.make_engine(database_url))
        yield {"origin": origin, "server": f"http://127.0.0.1:{server_port}",
               "http": f"http://{HOST}:{http_port}", "nginx_dir": nginx_dir}
    finally:
        db.use_engine(previous_engine)  # the other browser tests' database again
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        if server is not None:
            stop_server(server)
        shutil.rmtree(work / "states", ignore_errors=True)


def test_the_readme_block_is_what_nginx_runs(proxied):
    """nginx itself accepts the configuration (`-t`), and plain http is sent to https."""
    nginx_dir = proxied["nginx_dir"]
    checked = subprocess.run([NGINX, "-t", "-p", str(nginx_dir), "-c",
                              str(nginx_dir / "nginx.conf"), "-e", str(nginx_dir / "error.log")],
                             check=False, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(f"{proxied['http']}/login", timeout=5)
    assert answer.value.code == 301
    assert answer.value.headers["Location"] == f"{proxied['origin']}/login"


@pytest.fixture(scope="module")
def tls_browser(browser):
    """A Chromium of its own that accepts the throw-away certificate also for the websocket
    (Playwright's `ignore_https_errors` covers page loads only)."""
    own = browser.browser_type.launch(executable_path=CHROMIUM,
                                      args=[*CHROMIUM_ARGS, "--ignore-certificate-errors"])
    yield own
    own.close()


def test_sign_in_over_https_through_nginx(tls_browser, proxied):
    origin = proxied["origin"]
    context = tls_browser.new_context(base_url=origin, ignore_https_errors=True,
                                      viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    sockets, frames = [], []

    def on_websocket(websocket):
        sockets.append(websocket.url)
        websocket.on("framereceived", lambda payload: frames.append(payload))

    page.on("websocket", on_websocket)
    try:
        answer = page.goto("/login")
        assert answer.status == 200
        assert answer.headers["strict-transport-security"] == HSTS

        page.fill("#field-email", HARZER_MANAGER_EMAIL)
        page.fill("#field-password", DEMO_MEMBER_PASSWORD)
        page.click("#login-submit")
        page.wait_for_url("**/dashboard")
        page.get_by_role("heading", level=1,
                         name=re.compile(re.escape(translate("dashboard.greeting", "de")))
                         ).wait_for()

        # The websocket went through nginx (wss on the proxy's port) and carried the pages.
        assert sockets and all(url.startswith(f"{origin.replace('https', 'wss')}{NAMESPACE}")
                               for url in sockets)
        assert frames
        dashboard = page.request.get("/dashboard")
        assert dashboard.headers["strict-transport-security"] == HSTS

        [cookie] = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
        assert cookie["value"]
        assert cookie["secure"] is True
        assert cookie["sameSite"] == "Strict"
    finally:
        context.close()

    # The session's address is the browser's as nginx saw it (here the loopback, like nginx's
    # own; the raw clients below come from addresses of their own).
    with db.unit_of_work() as session:
        manager = session.exec(select(User).where(User.email == HARZER_MANAGER_EMAIL)).one()
        addresses = {row.client_ip for row in session.exec(
            select(AuthSession).where(AuthSession.user_id == manager.id))}
    assert addresses == {"127.0.0.1"}


async def _failed_sign_ins(url: str, origin: str, source: str, forwarded_for: str,
                           emails: list[str]) -> None:
    """Failed sign-ins sent over Reflex's websocket (as the login page's form does) by a client
    whose connections leave from `source`, with an `X-Forwarded-For` of its own."""
    import aiohttp
    import socketio

    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0),
                                                                ssl=False))
    client = socketio.AsyncClient(reconnection=False, http_session=http, ssl_verify=False)
    replies: list[dict] = []
    client.on("event", replies.append, namespace=NAMESPACE)
    try:
        await client.connect(f"{url}?token={uuid.uuid4()}", socketio_path=NAMESPACE,
                             transports=["websocket"], namespaces=[NAMESPACE],
                             headers={"Origin": origin, "X-Forwarded-For": forwarded_for},
                             wait_timeout=20)
        for email in emails:
            start = len(replies)
            await client.emit("event", {
                "name": f"{LOGIN}.sign_in",
                "payload": {"form_data": {"email": email, "password": "made-up guess 123"}},
                "router_data": {"pathname": "/login", "asPath": "/login"}}, namespace=NAMESPACE)
            for _ in range(600):  # the handler ends with busy = False (the refusal shown)
                if any((reply.get("delta") or {}).get(PUBLIC_PAGE, {}).get("busy_rx_state_") is False
                       for reply in replies[start:]):
                    break
                await asyncio.sleep(0.05)
            else:
                raise AssertionError(f"no answer for {email}: {replies[start:]}")
    finally:
        if client.connected:
            await client.disconnect()
        await http.close()


def _in_thread(coroutine) -> None:
    """The sync Playwright suite keeps an event loop in the main thread: run ours in another."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(asyncio.run, coroutine).result()


def _failures_by_address() -> dict[str, set[str]]:
    with db.unit_of_work() as session:
        rows = session.exec(select(LoginFailure)).all()
    by_address: dict[str, set[str]] = {}
    for row in rows:
        by_address.setdefault(row.client_ip, set()).add(row.email)
    return by_address


def test_login_throttling_sees_the_client_behind_the_proxy_and_not_a_forged_header(proxied):
    origin = proxied["origin"]
    through_proxy = [f"proxied{number}@example.org" for number in range(10)]
    direct = [f"direct{number}@example.org" for number in range(3)]

    # Through nginx, from 127.0.0.3, with a header the client wrote itself.
    _in_thread(_failed_sign_ins(origin, origin, PROXIED_CLIENT, FORGED_THROUGH_PROXY,
                                through_proxy))
    # Directly to the server (not the proxy), from 127.0.0.2, with a forged header.
    _in_thread(_failed_sign_ins(proxied["server"], origin, DIRECT_CLIENT, FORGED_DIRECT, direct))

    failures = _failures_by_address()
    assert failures.get(PROXIED_CLIENT) == set(through_proxy)
    assert failures.get(DIRECT_CLIENT) == set(direct)
    assert FORGED_THROUGH_PROXY not in failures and FORGED_DIRECT not in failures
    assert "127.0.0.1" not in failures  # nothing was counted for the proxy itself
    with db.unit_of_work() as session:
        assert throttle.address_delay(session, PROXIED_CLIENT) == 1  # 10 failures: slowed
        assert throttle.address_delay(session, "127.0.0.1") == 0  # others behind the proxy: not
