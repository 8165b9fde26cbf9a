"""SMTP down: mails stay in the outbox and are retried with backoff until the server is back,
then delivered exactly once; after the last allowed attempt a mail is given up (`failed`)."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from harzportal import settings
from harzportal.core import clock
from harzportal.mail import sender
from tests.mail.test_sender import enqueue, row
from tests.smtp import (  # noqa: F401 - smtp_environment is a fixture
    CollectingHandler,
    free_port,
    smtp_environment,
)

pytestmark = pytest.mark.service

RECIPIENT = "anna.krueger@harzer-chemie.example"


@pytest.fixture
def smtp_outage(smtp_environment):  # noqa: F811
    """SMTP configured on a port where nothing listens yet; `.start()` brings the server up on
    exactly that port."""

    class Outage:
        port = free_port()
        handler = CollectingHandler()
        controller: Controller | None = None

        def start(self) -> None:
            self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    outage = Outage()
    smtp_environment(HARZPORTAL_SMTP_HOST="127.0.0.1", HARZPORTAL_SMTP_PORT=str(outage.port),
                     HARZPORTAL_SMTP_TLS="none")
    yield outage
    if outage.controller is not None:
        outage.controller.stop()


def test_backoff_doubles_from_30_seconds_up_to_an_hour():
    assert [sender.backoff(attempts).total_seconds() for attempts in range(1, 10)] == [
        30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


async def test_mail_waits_while_smtp_is_down_and_is_delivered_once_when_it_returns(
        engine, smtp_outage, fake_clock):
    mail_id = enqueue(RECIPIENT)

    # First attempt: connection refused; the mail stays pending, retried in 30 s.
    assert await sender.deliver_due() == 1
    first = row(mail_id)
    assert (first.status, first.attempts) == ("pending", 1)
    assert "SMTPConnect" in first.last_error or "Connect" in first.last_error
    assert clock.as_utc(first.next_attempt_at) == fake_clock.current + timedelta(seconds=30)
    fake_clock.advance(seconds=29)
    assert await sender.deliver_due() == 0  # not due yet: no attempt counted
    assert row(mail_id).attempts == 1

    # Second attempt, still down: the wait doubles.
    fake_clock.advance(seconds=1)
    assert await sender.deliver_due() == 1
    second = row(mail_id)
    assert (second.status, second.attempts) == ("pending", 2)
    assert clock.as_utc(second.next_attempt_at) == fake_clock.current + timedelta(minutes=1)

    # The server is back, but the mail keeps its schedule ...
    smtp_outage.start()
    assert await sender.deliver_due() == 0
    assert smtp_outage.handler.messages == []

    # ... and goes out at its next attempt, exactly once.
    fake_clock.advance(minutes=1)
    assert await sender.deliver_due() == 1
    sent = row(mail_id)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 3, "")
    assert clock.as_utc(sent.sent_at) == fake_clock.current
    fake_clock.advance(hours=2)
    assert await sender.deliver_due() == 0
    assert smtp_outage.handler.envelope_recipients == [[RECIPIENT]]


async def test_after_the_last_attempt_the_mail_is_given_up(engine, smtp_outage, fake_clock,
                                                           monkeypatch):
    monkeypatch.setenv("HARZPORTAL_MAIL_MAX_ATTEMPTS", "3")
    settings.reload()  # the smtp_environment fixture reloads them again afterwards
    mail_id = enqueue(RECIPIENT)

    for wait in (0, 30, 60):
        fake_clock.advance(seconds=wait)
        assert await sender.deliver_due() == 1
    given_up = row(mail_id)
    assert (given_up.status, given_up.attempts) == ("failed", 3)
    assert given_up.last_error

    smtp_outage.start()
    fake_clock.advance(days=1)
    assert await sender.deliver_due() == 0
    assert smtp_outage.handler.messages == []


async def test_the_servers_sender_loop_keeps_retrying_and_delivers_when_smtp_returns(
        engine, smtp_outage, fake_clock, monkeypatch):
    monkeypatch.setattr(sender, "POLL_SECONDS", 0.05)
    mail_id = enqueue(RECIPIENT)
    loop = asyncio.create_task(sender.run_sender_loop())
    try:
        await _until(lambda: row(mail_id).attempts == 1)
        await asyncio.sleep(0.3)  # several rounds while the mail is not due
        assert (row(mail_id).status, row(mail_id).attempts) == ("pending", 1)

        smtp_outage.start()
        fake_clock.advance(seconds=30)
        sender.wake_sender()
        await _until(lambda: row(mail_id).status == "sent")
        await asyncio.sleep(0.3)
    finally:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop
    assert row(mail_id).attempts == 2
    assert smtp_outage.handler.envelope_recipients == [[RECIPIENT]]


async def _until(condition, timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)
