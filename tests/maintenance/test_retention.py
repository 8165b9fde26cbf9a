"""Retention: old sessions, login failures, expired link tokens and finished mails go; recent
ones, pending mails and audit events stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from harzportal import db
from harzportal.accounts.models import AccountToken, AuthSession, LoginFailure
from harzportal.audit import service as audit
from harzportal.audit.models import AuditEvent
from harzportal.cli import main
from harzportal.core import clock
from harzportal.mail.models import OutboxEmail

pytestmark = pytest.mark.service


def _count(model) -> int:
    with db.unit_of_work() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_purge_deletes_only_what_is_past_its_period(factories, capsys):
    user = factories.user(factories.organization())
    now = clock.now()
    old, recent = now - timedelta(days=120), now - timedelta(days=2)
    with db.unit_of_work() as session:
        for moment, suffix in ((old, "old"), (recent, "new")):
            session.add(AuthSession(token_hash=f"{suffix:0<64}", user_id=user.id,
                                    created_at=moment, last_seen_at=moment,
                                    expires_at=moment + timedelta(hours=12)))
            session.add(LoginFailure(email=user.email, failed_at=moment))
            session.add(AccountToken(token_hash=f"t{suffix:0<63}", user_id=user.id,
                                     purpose="password_reset", created_at=moment,
                                     expires_at=moment + timedelta(hours=1)))
            for status in ("sent", "pending"):
                session.add(OutboxEmail(recipient=user.email, subject="s", body_text="b",
                                        kind="test", status=status, created_at=moment,
                                        next_attempt_at=moment))
        with clock.fixed_at(old):
            audit.record(session, action="test.old", object_type="test")

    assert main(["purge"]) == 0

    assert "Deleted 1 session(s), 1 login failure(s), 1 expired link token(s), 1 mail(s)." \
        in capsys.readouterr().out
    assert (_count(AuthSession), _count(LoginFailure), _count(AccountToken)) == (1, 1, 1)
    with db.unit_of_work() as session:
        left = session.execute(select(OutboxEmail.status, OutboxEmail.created_at)).all()
    assert sorted(status for status, _ in left) == ["pending", "pending", "sent"]
    assert _count(AuditEvent) == 1  # audit events are records, never purged
    assert main(["purge"]) == 0  # a second run finds nothing more
    assert "Deleted 0 session(s), 0 login failure(s), 0 expired link token(s), 0 mail(s)." \
        in capsys.readouterr().out
