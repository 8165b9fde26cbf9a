"""A real SMTP server for tests (aiosmtpd on 127.0.0.1) and the settings that point the sender
at it; each message arrives parsed by the standard library (`email`, policy=default)."""

from __future__ import annotations

import email
import email.policy
import os
import socket

import pytest
from aiosmtpd.controller import Controller

from harzportal import settings

SMTP_VARIABLES = ("HARZPORTAL_SMTP_HOST", "HARZPORTAL_SMTP_PORT", "HARZPORTAL_SMTP_TLS",
                  "HARZPORTAL_SMTP_USER", "HARZPORTAL_SMTP_PASSWORD")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_environment():
    """Set SMTP variables for one test; the previous environment and settings come back after."""
    saved = {name: os.environ.get(name) for name in SMTP_VARIABLES}

    def configure(**values: str | None) -> None:
        for name in SMTP_VARIABLES:
            os.environ.pop(name, None)
        for name, value in values.items():
            if value is not None:
                os.environ[name] = value
        settings.reload()

    yield configure
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    settings.reload()


class CollectingHandler:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelope_recipients: list[list[str]] = []
        self.raw: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelope_recipients.append(list(envelope.rcpt_tos))
        self.raw.append(envelope.content)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(smtp_environment):
    handler = CollectingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    smtp_environment(HARZPORTAL_SMTP_HOST="127.0.0.1", HARZPORTAL_SMTP_PORT=str(port),
                     HARZPORTAL_SMTP_TLS="none")
    yield handler
    controller.stop()
