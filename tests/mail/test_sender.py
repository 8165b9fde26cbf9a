"""Delivering the outbox to a real SMTP server (aiosmtpd on 127.0.0.1), retrying, holding."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import select

from harzportal import db, settings
from harzportal.core import clock
from harzportal.mail import sender
from harzportal.mail import service as mail_service
from harzportal.mail.models import OutboxEmail
from tests.smtp import free_port

pytestmark = pytest.mark.service

def enqueue(recipient: str, subject: str = "Einladung: Gefahrstoff-Seminar in Goslar",
            body: str = "Guten Tag,\n\nwir freuen uns auf Sie am 12. März.\n") -> int:
    with db.unit_of_work() as session:
        mail = mail_service.enqueue(session, recipient=recipient, subject=subject, body=body,
                                    kind="test")
        session.flush()
        return mail.id


def row(mail_id: int) -> OutboxEmail:
    with db.unit_of_work() as session:
        return session.get(OutboxEmail, mail_id)


def all_rows() -> list[OutboxEmail]:
    with db.unit_of_work() as session:
        return list(session.exec(select(OutboxEmail).order_by(OutboxEmail.id)).all())


async def test_a_due_mail_reaches_the_smtp_server_and_is_marked_sent(engine, smtp_server):
    mail_id = enqueue("anna.krueger@harzer-chemie.example")

    assert await sender.deliver_due() == 1

    [message] = smtp_server.messages
    assert smtp_server.envelope_recipients == [["anna.krueger@harzer-chemie.example"]]
    assert message["To"] == "anna.krueger@harzer-chemie.example"
    assert message["From"] == settings.get().mail_from
    assert message["Subject"] == "Einladung: Gefahrstoff-Seminar in Goslar"
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # CRLF on the wire
    assert body == "Guten Tag,\n\nwir freuen uns auf Sie am 12. März.\n"
    sent = row(mail_id)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, "")
    assert sent.sent_at is not None
    assert await sender.deliver_due() == 0
    assert len(smtp_server.messages) == 1


async def test_an_unreachable_server_keeps_the_mail_pending_with_backoff(
        engine, smtp_environment, fake_clock):
    smtp_environment(HARZPORTAL_SMTP_HOST="127.0.0.1", HARZPORTAL_SMTP_PORT=str(free_port()),
                     HARZPORTAL_SMTP_TLS="none")
    mail_id = enqueue("anna.krueger@harzer-chemie.example")

    assert await sender.deliver_due() == 1

    first = row(mail_id)
    assert (first.status, first.attempts) == ("pending", 1)
    assert first.last_error
    assert clock.as_utc(first.next_attempt_at) == fake_clock.current + timedelta(seconds=30)
    assert await sender.deliver_due() == 0  # not due yet

    fake_clock.advance(seconds=30)
    assert await sender.deliver_due() == 1
    second = row(mail_id)
    assert (second.status, second.attempts) == ("pending", 2)
    assert clock.as_utc(second.next_attempt_at) == fake_clock.current + timedelta(minutes=1)


async def test_without_smtp_the_mail_is_held(engine, smtp_environment):
    smtp_environment()  # no HARZPORTAL_SMTP_HOST
    assert settings.get().smtp_host is None
    mail_id = enqueue("anna.krueger@harzer-chemie.example")

    assert await sender.deliver_due() == 1

    held = row(mail_id)
    assert (held.status, held.attempts) == ("held", 0)
    assert await sender.deliver_due() == 0


async def test_concurrent_deliveries_never_send_a_mail_twice(engine, smtp_server):
    recipients = [f"kontakt{number}@harzer-chemie.example" for number in range(25)]
    for recipient in recipients:
        enqueue(recipient, subject=f"Rundschreiben an {recipient}")

    handled = await asyncio.gather(*(sender.deliver_due() for _ in range(4)))
    while await sender.deliver_due():  # whatever the concurrent round left for later
        pass

    assert sum(handled) <= len(recipients)
    received = Counter(address for envelope in smtp_server.envelope_recipients
                       for address in envelope)
    assert received == Counter(recipients)
    assert {(mail.status, mail.attempts) for mail in all_rows()} == {("sent", 1)}
