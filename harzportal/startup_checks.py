"""Refuse to run in production with an unsafe configuration.

A value that is wrong in any environment (a misspelt mode, a number out of range) is refused
earlier, when the settings are read (harzportal/settings.py); these are the combinations that
are valid for development but unsafe on a public server.
"""

from __future__ import annotations

from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.demo.accounts import DEMO_EMAIL_DOMAIN_SUFFIX
from harzportal.settings import Settings, SmtpTls

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def production_problems(settings: Settings) -> list[str]:
    problems = []
    if not settings.origin_is_explicit:
        problems.append("HARZPORTAL_PUBLIC_ORIGIN must be set to the portal's public address.")
    if settings.bench_routes:
        problems.append("HARZPORTAL_BENCH_ROUTES is for benchmarks only; unset it.")
    if (settings.smtp_host is not None and settings.smtp_tls == SmtpTls.NONE
            and settings.smtp_host.lower() not in LOOPBACK_HOSTS):
        problems.append(f"HARZPORTAL_SMTP_TLS=none would send reset and invitation links (and the "
                        f"SMTP password) unencrypted to {settings.smtp_host}; use starttls or tls "
                        "(none only for a relay on this host).")
    with db.unit_of_work() as session:
        demo_user = session.exec(
            select(User.email).where(User.email.like(f"%{DEMO_EMAIL_DOMAIN_SUFFIX}")).limit(1)
        ).first()
    if demo_user is not None:
        problems.append(f"Demo accounts are present (e.g. {demo_user}); remove the demo data.")
    return problems


def refuse_unsafe_production(settings: Settings) -> None:
    problems = production_problems(settings)
    if problems:
        raise SystemExit("HarzPortal refuses to start in production:\n- " + "\n- ".join(problems))
