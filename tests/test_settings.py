"""Settings refuse mistakes at start-up instead of guessing (issue 15, defect 11).

A wrong value stops the process with one line per wrong variable that names the variable, the
value given and what is allowed; an unknown HARZPORTAL_* variable (a typo) is warned about with
the closest known name.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from harzportal import settings as settings_module

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(monkeypatch):
    """Set variables for one test; the settings are read again afterwards."""
    for name in list(os.environ):
        if name.upper().startswith("HARZPORTAL_") and name != "HARZPORTAL_TEST_DB_URL":
            monkeypatch.delenv(name)
    yield monkeypatch
    monkeypatch.undo()
    settings_module.reload()


def _refusal(**variables: str) -> list[str]:
    """The lines of the start-up error for `variables` (the settings must refuse them)."""
    mp = pytest.MonkeyPatch()
    try:
        for name, value in variables.items():
            mp.setenv(name, value)
        with pytest.raises(SystemExit) as refused:
            settings_module.reload()
    finally:
        mp.undo()
    assert refused.value.code not in (None, 0)
    return [line for line in str(refused.value.code).splitlines() if line.startswith("- ")]


def test_an_unknown_environment_is_refused_naming_the_allowed_values(env):
    [line] = _refusal(HARZPORTAL_ENV="prod")
    assert "HARZPORTAL_ENV" in line and "'prod'" in line
    assert "development, production" in line


@pytest.mark.parametrize("value", ["ssl", "SSL/TLS", "yes", "starttls-if-possible"])
def test_an_unknown_smtp_tls_mode_is_refused_naming_what_the_sender_supports(env, value):
    [line] = _refusal(HARZPORTAL_SMTP_TLS=value)
    assert "HARZPORTAL_SMTP_TLS" in line and repr(value) in line
    assert "none, starttls, tls" in line


@pytest.mark.parametrize("value, use_tls, start_tls", [
    ("tls", True, False), ("TLS", True, False), ("starttls", False, True),
    ("StartTLS", False, True), ("none", False, False),
])
def test_every_accepted_smtp_tls_mode_is_one_the_sender_acts_on(env, value, use_tls, start_tls):
    env.setenv("HARZPORTAL_SMTP_TLS", value)
    mode = settings_module.reload().smtp_tls
    # what harzportal/mail/sender.py hands to aiosmtplib
    assert (mode == "tls", mode == "starttls") == (use_tls, start_tls)


@pytest.mark.parametrize("value", ["maybe", "ja", "t", "y", "enabled", "2", "-1"])
def test_a_boolean_that_is_neither_true_nor_false_is_refused(env, value):
    [line] = _refusal(HARZPORTAL_WORKER_HEADER=value)
    assert "HARZPORTAL_WORKER_HEADER" in line and repr(value) in line
    assert "true/false, 1/0, yes/no, on/off" in line


@pytest.mark.parametrize("value, expected", [
    ("1", True), ("true", True), ("TRUE", True), ("Yes", True), ("on", True),
    ("0", False), ("false", False), ("No", False), ("OFF", False), ("", False), ("  ", False),
])
def test_the_boolean_words_are_read_case_insensitively(env, value, expected):
    env.setenv("HARZPORTAL_WORKER_HEADER", value)
    assert settings_module.reload().worker_header is expected


@pytest.mark.parametrize("name, value, allowed", [
    ("HARZPORTAL_SMTP_PORT", "abc", "a whole number from 1 to 65535"),
    ("HARZPORTAL_SMTP_PORT", "70000", "a whole number from 1 to 65535"),
    ("PORT", "30.0", "a whole number from 1 to 65535"),
    ("HARZPORTAL_SESSION_IDLE_MINUTES", "0", "a whole number from 1 to 1440"),
    ("HARZPORTAL_CLIENT_STATE_SECONDS", "5", "a whole number from 30 to 86400"),
    ("HARZPORTAL_RESET_LINK_MINUTES", "1_000", "a whole number from 1 to 1440"),
    ("HARZPORTAL_MAX_UPLOAD_MB", "-5", "a whole number from 1 to 1024"),
    ("HARZPORTAL_TRUSTED_PROXY_HOPS", "-1", "a whole number from 0 to 10"),
])
def test_a_number_that_is_not_a_whole_number_in_range_is_refused(env, name, value, allowed):
    [line] = _refusal(**{name: value})
    assert line.startswith(f"- {name}=") and repr(value) in line and allowed in line


def test_every_wrong_variable_is_reported_at_once_one_line_each(env):
    lines = _refusal(HARZPORTAL_ENV="prod", HARZPORTAL_SMTP_TLS="ssl",
                     HARZPORTAL_SMTP_PORT="abc", HARZPORTAL_BENCH_ROUTES="maybe")
    assert sorted(line.split("=", 1)[0] for line in lines) == [
        "- HARZPORTAL_BENCH_ROUTES", "- HARZPORTAL_ENV", "- HARZPORTAL_SMTP_PORT",
        "- HARZPORTAL_SMTP_TLS"]


@pytest.mark.parametrize("name, value", [
    ("HARZPORTAL_PUBLIC_ORIGIN", "portal.example.org"),
    ("HARZPORTAL_PUBLIC_ORIGIN", "https://portal.example.org/portal"),
    ("HARZPORTAL_PUBLIC_ORIGIN", "ftp://portal.example.org"),
    ("REFLEX_DB_URL", "harzportal.db"),
    ("REFLEX_DB_URL", "mysql://db/harzportal"),
    ("REFLEX_REDIS_URL", "127.0.0.1:6379"),
    ("HARZPORTAL_SMTP_HOST", "smtp://mail.example.org"),
    ("HARZPORTAL_BRAND_COLOR", "red; background: url(x)"),
    ("HARZPORTAL_ACCENT_COLOR", "turquoise"),
    ("HARZPORTAL_SELLER_IBAN", "DE02120300000000202052"),  # checksum wrong
    ("HARZPORTAL_SELLER_COUNTRY", "Germany"),
    ("HARZPORTAL_MAIL_FROM", "portal"),
])
def test_addresses_colours_and_codes_are_checked(env, name, value):
    [line] = _refusal(**{name: value})
    assert line.startswith(f"- {name}=") and repr(value) in line and "allowed:" in line


def test_a_refused_url_does_not_show_its_password(env):
    [line] = _refusal(REFLEX_REDIS_URL="http://portal:s3cret@127.0.0.1:6379/0")
    assert "REFLEX_REDIS_URL" in line and "s3cret" not in line


def test_addresses_are_normalized(env):
    env.setenv("HARZPORTAL_PUBLIC_ORIGIN", "https://Portal.Example.org:443/")
    env.setenv("HARZPORTAL_SELLER_IBAN", "de02 1203 0000 0000 2020 51")
    loaded = settings_module.reload()
    assert loaded.public_origin == "https://portal.example.org" and loaded.origin_is_explicit
    assert loaded.seller.iban == "DE02120300000000202051"


def test_unset_or_blank_variables_keep_their_defaults(env):
    env.setenv("HARZPORTAL_SMTP_PORT", "  ")
    env.setenv("HARZPORTAL_ENV", "")
    loaded = settings_module.reload()
    assert loaded.smtp_port == 587 and loaded.environment == "development"
    assert loaded.smtp_tls == "starttls" and not loaded.is_production
    assert loaded.trusted_proxy_hops == 0
    assert loaded.public_origin == f"http://localhost:{loaded.port}"


def test_trusted_proxy_hops_is_read(env):
    env.setenv("HARZPORTAL_TRUSTED_PROXY_HOPS", "2")
    assert settings_module.reload().trusted_proxy_hops == 2


def _settings_warnings(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name == "harzportal.settings" and record.levelno == logging.WARNING]


def test_an_unknown_variable_is_warned_about_with_the_closest_known_name(env, caplog):
    env.setenv("HARZPORTAL_SMTP_TSL", "tls")
    env.setenv("HARZPORTAL_DB_URL", "sqlite:///x.db")
    env.setenv("HARZPORTAL_FLUX_CAPACITOR", "1")
    with caplog.at_level(logging.WARNING, logger="harzportal.settings"):
        settings_module.reload()
        settings_module.reload()  # warned once per process, not on every reading
    warnings = _settings_warnings(caplog)
    assert len(warnings) == 3
    [tsl] = [w for w in warnings if "HARZPORTAL_SMTP_TSL" in w]
    assert "did you mean HARZPORTAL_SMTP_TLS?" in tsl
    [db_url] = [w for w in warnings if "HARZPORTAL_DB_URL" in w]
    assert "did you mean REFLEX_DB_URL?" in db_url
    [flux] = [w for w in warnings if "HARZPORTAL_FLUX_CAPACITOR" in w]
    assert "did you mean" not in flux


def test_the_test_tools_own_variables_are_not_warned_about(env, caplog):
    for name in settings_module.TOOLING_VARIABLES:
        env.setenv(name, "x")
    with caplog.at_level(logging.WARNING, logger="harzportal.settings"):
        settings_module.reload()
    assert _settings_warnings(caplog) == []


def test_the_cli_prints_the_refusal_without_a_traceback_and_fails(tmp_path):
    env = {name: value for name, value in os.environ.items()
           if not name.upper().startswith("HARZPORTAL_")}
    env |= {"PYTHONPATH": str(ROOT), "HARZPORTAL_DATA_DIR": str(tmp_path / "data"),
            "REFLEX_DB_URL": f"sqlite:///{tmp_path / 'cli.db'}",
            "HARZPORTAL_ENV": "prod", "HARZPORTAL_SMTP_TLS": "ssl",
            "HARZPORTAL_WORKER_HEADER": "maybe", "HARZPORTAL_SMTP_TSL": "tls"}
    done = subprocess.run([sys.executable, "-m", "harzportal.cli", "migrate"], check=False,
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    for name, value in (("HARZPORTAL_ENV", "prod"), ("HARZPORTAL_SMTP_TLS", "ssl"),
                        ("HARZPORTAL_WORKER_HEADER", "maybe")):
        assert sum(line.startswith(f"- {name}={value!r}") for line in lines) == 1, done.stderr
    assert any("HARZPORTAL_SMTP_TSL" in line and "HARZPORTAL_SMTP_TLS" in line
               for line in lines), done.stderr
    assert not (tmp_path / "cli.db").exists()  # refused before anything was done


@pytest.mark.parametrize("command", [["reflex", "run", "--env", "prod", "--single-port"],
                                     ["harzportal", "build"], ["harzportal", "serve"]])
def test_the_server_refuses_before_it_builds_or_listens(tmp_path, command):
    """`harzportal build` and `harzportal serve` (what `make run` starts after migrating), and
    `reflex run`, stop with the same lines; they never get to building the frontend."""
    env = {name: value for name, value in os.environ.items()
           if not name.upper().startswith("HARZPORTAL_")}
    env |= {"PYTHONPATH": str(ROOT), "HARZPORTAL_DATA_DIR": str(tmp_path / "data"),
            "REFLEX_WEB_WORKDIR": str(tmp_path / "web"),
            "REFLEX_STATES_WORKDIR": str(tmp_path / "states"),
            "HARZPORTAL_ENV": "prod", "HARZPORTAL_SMTP_TLS": "ssl"}
    program = Path(sys.executable).parent / command[0]
    server = subprocess.Popen([str(program), *command[1:]], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    try:
        output, _ = server.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        output, _ = server.communicate()
        pytest.fail(f"the server started despite wrong settings:\n{output[-2000:]}")
    assert server.returncode != 0 and "Traceback" not in output, output
    assert "- HARZPORTAL_ENV='prod' is not allowed" in output, output
    assert "- HARZPORTAL_SMTP_TLS='ssl' is not allowed" in output, output
    assert not (tmp_path / "web").exists()


def test_the_accent_colours_are_those_reflex_offers():
    import typing

    from reflex_components_radix.themes.base import LiteralAccentColor

    assert set(settings_module.ACCENT_COLORS) == set(typing.get_args(LiteralAccentColor))


def _settings_table() -> list[tuple[list[str], str, str]]:
    """(variables, default, allowed) of each row of the README's settings table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        if line.startswith("| `"):
            names, default, allowed, _meaning = (cell.strip() for cell in line[1:-1].split("|"))
            rows.append((re.findall(r"`([A-Z][A-Z0-9_]*)`", names), default, allowed))
    return rows


def test_the_readme_lists_every_variable_the_portal_reads_and_no_other():
    documented = [name for names, _, _ in _settings_table() for name in names]
    assert len(documented) == len(set(documented))
    assert set(documented) == set(settings_module.variable_names().values())


def test_the_readme_states_what_each_variable_accepts_as_the_start_up_error_does():
    wrong = [f"{name}: README {allowed!r}, settings {settings_module.allowed_values(name)!r}"
             for names, _, allowed in _settings_table() for name in names
             if allowed.replace("`", "") != settings_module.allowed_values(name)]
    assert wrong == []


def test_the_readme_states_the_defaults():
    fields = {field.validation_alias: field
              for field in settings_module.Variables.model_fields.values()}
    checked = 0
    for names, default, _ in _settings_table():
        if len(names) != 1:
            continue  # a row of several variables describes their defaults in words
        value = fields[names[0]].default
        if isinstance(value, bool):
            assert default == ("on" if value else "off"), names
        elif value is None:
            assert default == "–" or "$" in default, names  # unset, or derived from another
        elif isinstance(value, int | str):
            assert default == f"`{value}`", names
        checked += 1
    assert checked > 30


# Named in the repository but not a variable anyone sets: the example in a comment of
# tests/test_contract.py.
NOT_VARIABLES = {"HARZPORTAL_X"}


def test_every_harzportal_variable_the_repository_uses_is_a_setting_or_a_tool_s():
    """So the warning about unknown variables never fires for one of our own."""
    paths = [*ROOT.glob("harzportal/**/*.py"), *ROOT.glob("tests/**/*.py"),
             *ROOT.glob("benchmarks/**/*.py"), *ROOT.glob(".ci/*"), *ROOT.glob("docs/*.md"),
             ROOT / "Makefile", ROOT / "README.md", ROOT / "rxconfig.py"]
    used = {name for path in paths if path.is_file() and path.name != "test_settings.py"
            for name in re.findall(r"\bHARZPORTAL_[A-Z0-9_]*[A-Z0-9]\b",
                                   path.read_text(encoding="utf-8", errors="replace"))}
    known = set(settings_module.variable_names().values()) | settings_module.TOOLING_VARIABLES
    assert used - known - NOT_VARIABLES == set()
    assert settings_module.TOOLING_VARIABLES <= used  # no stale entry


@pytest.mark.parametrize("value", [
    "DE99ZZZ09999999999",  # wrong check digits
    "DE98ZZZ0999999999",  # one digit short
    "XX98ZZZ09999999999",
    "DE98ZZZ09999999999; DROP TABLE invoice",
    "x" * 500,
])
def test_a_creditor_id_without_valid_check_digits_is_refused(env, value):
    [line] = _refusal(HARZPORTAL_SEPA_CREDITOR_ID=value)
    assert "HARZPORTAL_SEPA_CREDITOR_ID" in line
    assert "a SEPA creditor identifier with valid check digits" in line


def test_a_creditor_id_is_read_compact(env):
    env.setenv("HARZPORTAL_SEPA_CREDITOR_ID", "de98 zzz 0999 9999 999")
    assert settings_module.reload().sepa_creditor_id == "DE98ZZZ09999999999"


@pytest.mark.parametrize(("redis_url", "mode"), [("", "memory"),
                                                  ("redis://127.0.0.1:6379/9", "redis")])
def test_the_client_state_lives_in_memory_unless_redis_is_set(tmp_path, redis_url, mode):
    """One worker without Redis keeps each tab's state in memory: Reflex's disk manager
    pickled every touched state and wrote it to a file every 2 s inside the event loop, which
    doubled the p95 page open at 50 clients (docs/PERFORMANCE.md). The state is a cache of the
    page: the sign-in lives in the database session, so a restart costs a tab its page data
    only, which it loads again. With Redis, the state is there (several workers)."""
    env = {name: value for name, value in os.environ.items()
           if not name.upper().startswith(("HARZPORTAL_", "REFLEX_REDIS"))}
    env |= {"PYTHONPATH": str(ROOT), "HARZPORTAL_DATA_DIR": str(tmp_path / "data")}
    if redis_url:
        env["REFLEX_REDIS_URL"] = redis_url
    script = ("from reflex_base.config import get_config\n"
              "print(get_config().state_manager_mode.value)")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=60)
    assert done.stdout.split() == [mode], done.stderr


def test_the_client_state_expiry_reaches_reflex(tmp_path):
    """HARZPORTAL_CLIENT_STATE_SECONDS is the token expiration of Reflex's state manager (disk,
    memory and Redis alike), so a tab's state leaves the server after that idle time."""
    env = {name: value for name, value in os.environ.items()
           if not name.upper().startswith("HARZPORTAL_")}
    env |= {"PYTHONPATH": str(ROOT), "HARZPORTAL_CLIENT_STATE_SECONDS": "45",
            "HARZPORTAL_DATA_DIR": str(tmp_path / "data")}
    script = ("from reflex_base.config import get_config\n"
              "from reflex.istate.manager.memory import StateManagerMemory\n"
              "print(get_config().redis_token_expiration, "
              "StateManagerMemory.__dataclass_fields__['token_expiration'].default_factory())")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=60)
    assert done.stdout.split() == ["45", "45"], done.stderr
