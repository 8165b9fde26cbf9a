"""Production mode refuses demo accounts and a missing public origin."""

from __future__ import annotations

import pytest

from harzportal import db
from harzportal import settings as settings_module
from harzportal.core.roles import Role
from harzportal.demo.seed import seed_demo
from harzportal.startup_checks import production_problems, refuse_unsafe_production


@pytest.fixture
def production_env(monkeypatch):
    monkeypatch.setenv("HARZPORTAL_ENV", "production")
    yield monkeypatch
    monkeypatch.undo()
    settings_module.reload()


def test_production_without_origin_and_with_demo_accounts_is_refused(engine, production_env):
    with db.unit_of_work() as session:
        seed_demo(session)
    settings = settings_module.reload()
    problems = production_problems(settings)
    assert any("HARZPORTAL_PUBLIC_ORIGIN" in problem for problem in problems)
    assert any("Demo accounts" in problem for problem in problems)
    with pytest.raises(SystemExit):
        refuse_unsafe_production(settings)


def test_production_refuses_staff_without_a_second_factor_unless_allowed_explicitly(
        engine, production_env, factories, fake_clock):
    import pyotp

    from harzportal.accounts import factors

    production_env.setenv("HARZPORTAL_PUBLIC_ORIGIN", "https://portal.chemienetzwerk-harz.de")
    staff = factories.user(None, role=Role.NETWORK_ADMIN, email="office@real-network.de")
    settings = settings_module.reload()
    [problem] = production_problems(settings)
    assert "office@real-network.de" in problem and "HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA" in problem
    production_env.setenv("HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA", "1")
    assert production_problems(settings_module.reload()) == []
    production_env.delenv("HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA")
    settings_module.reload()
    actor = factories.actor(staff)
    with db.unit_of_work() as session:
        secret = factors.start_totp_enrolment(session, actor).secret
    with db.unit_of_work() as session:
        factors.confirm_totp_enrolment(session, actor, pyotp.TOTP(secret).at(fake_clock()))
    assert production_problems(settings_module.reload()) == []


def test_production_with_origin_and_real_data_starts(engine, production_env, factories):
    production_env.setenv("HARZPORTAL_PUBLIC_ORIGIN", "https://portal.chemienetzwerk-harz.de")
    factories.user(factories.organization(), email="qm@real-company.de")
    settings = settings_module.reload()
    assert production_problems(settings) == []
    assert settings.allowed_origins == ["https://portal.chemienetzwerk-harz.de"]
    assert settings.cookies_secure


def test_cors_never_allows_every_origin():
    import rxconfig

    assert "*" not in settings_module.get().allowed_origins
    assert list(rxconfig.config.cors_allowed_origins) == settings_module.get().allowed_origins


@pytest.mark.parametrize("host, refused", [
    ("smtp.example.org", True), ("192.0.2.25", True), ("127.0.0.1", False), ("localhost", False),
    ("::1", False),
])
def test_production_sends_mail_in_clear_only_to_a_relay_on_the_same_host(engine, production_env,
                                                                         host, refused):
    """Links with tokens and the SMTP password never cross the network unencrypted."""
    production_env.setenv("HARZPORTAL_PUBLIC_ORIGIN", "https://portal.chemienetzwerk-harz.de")
    production_env.setenv("HARZPORTAL_SMTP_HOST", host)
    production_env.setenv("HARZPORTAL_SMTP_USER", "portal")
    production_env.setenv("HARZPORTAL_SMTP_PASSWORD", "secret")
    production_env.setenv("HARZPORTAL_SMTP_TLS", "none")
    problems = production_problems(settings_module.reload())
    assert any("HARZPORTAL_SMTP_TLS" in problem for problem in problems) == refused
    production_env.setenv("HARZPORTAL_SMTP_TLS", "starttls")
    assert production_problems(settings_module.reload()) == []
