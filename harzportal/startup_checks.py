"""Refuse to run in production with an unsafe configuration.

A value that is wrong in any environment (a misspelt mode, a number out of range) is refused
earlier, when the settings are read (harzportal/settings.py); these are the combinations that
are valid for development but unsafe on a public server.
"""

from __future__ import annotations

from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import TotpFactor, User
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
    if settings.mfa_enforced:
        without = _staff_without_second_factor(settings)
        if without:
            problems.append(f"{len(without)} account(s) of the roles {settings.mfa_required_roles} "
                            f"have no second factor (e.g. {without[0]}). For their first "
                            "enrolment start once with HARZPORTAL_ALLOW_STAFF_WITHOUT_MFA=1, "
                            "sign in, set up the app under /account/security, then unset it.")
    return problems


def _staff_without_second_factor(settings: Settings) -> list[str]:
    """The active accounts of a role that must have a second factor and have none."""
    with db.unit_of_work() as session:
        enrolled = select(TotpFactor.user_id).where(TotpFactor.confirmed_at.is_not(None))
        return list(session.exec(select(User.email).where(
            User.is_active, User.role.in_(sorted(settings.roles_requiring_mfa)),
            User.id.not_in(enrolled)).order_by(User.email)).all())


def refuse_unsafe_production(settings: Settings) -> None:
    problems = production_problems(settings)
    if problems:
        raise SystemExit("HarzPortal refuses to start in production:\n- " + "\n- ".join(problems))
