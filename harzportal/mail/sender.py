"""Delivering the outbox.

With HARZPORTAL_SMTP_HOST set, due mails are claimed one by one (a conditional update, so several
workers never send the same mail), sent with aiosmtplib and retried with exponential backoff.
Without SMTP the mails stay in the outbox as `held` and the server log shows subject and body, so
the demo works offline (never in production, where bodies may carry links with tokens).
"""

from __future__ import annotations

import asyncio
import base64
import email.policy
import logging
from datetime import timedelta
from email.message import EmailMessage, Message
from email.utils import format_datetime, parseaddr

import aiosmtplib
from sqlmodel import Session, select

from harzportal import db
from harzportal.core import clock, private_files
from harzportal.mail import markup
from harzportal.mail.models import OutboxEmail, OutboxStatus
from harzportal.mail.service import EXTRA_HEADERS
from harzportal.settings import get as get_settings

log = logging.getLogger("harzportal.mail")

BATCH_SIZE = 20
POLL_SECONDS = 3.0
_wake: asyncio.Event | None = None


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min … capped at one hour."""
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


STALE_CLAIM = timedelta(minutes=10)


def _claim_due(session: Session, limit: int = BATCH_SIZE) -> list[OutboxEmail]:
    now = clock.now()
    # A worker that died while sending left its claim behind: give those mails back.
    session.exec(
        OutboxEmail.__table__.update()
        .where(OutboxEmail.status == OutboxStatus.SENDING.value,
               OutboxEmail.claimed_at < now - STALE_CLAIM)
        .values(status=OutboxStatus.PENDING.value)
    )
    candidates = session.exec(
        select(OutboxEmail.id)
        .where(OutboxEmail.status == OutboxStatus.PENDING.value, OutboxEmail.next_attempt_at <= now)
        .order_by(OutboxEmail.id)
        .limit(limit)
    ).all()
    claimed = []
    for mail_id in candidates:
        won = session.exec(
            OutboxEmail.__table__.update()
            .where(OutboxEmail.id == mail_id, OutboxEmail.status == OutboxStatus.PENDING.value)
            .values(status=OutboxStatus.SENDING.value, claimed_at=now)
        ).rowcount
        if won == 1:
            claimed.append(session.get(OutboxEmail, mail_id))
    return claimed


def _record_outcome(session: Session, mail_id: int, error: str | None) -> None:
    mail = session.get(OutboxEmail, mail_id)
    now = clock.now()
    mail.attempts += 1
    if error is None:
        mail.status = OutboxStatus.SENT.value
        mail.sent_at = now
        mail.last_error = ""
    elif mail.attempts >= get_settings().mail_max_attempts:
        mail.status = OutboxStatus.FAILED.value
        mail.last_error = error[:500]
    else:
        mail.status = OutboxStatus.PENDING.value
        mail.next_attempt_at = now + backoff(mail.attempts)
        mail.last_error = error[:500]
    session.add(mail)


def _hold(session: Session, mail_id: int) -> None:
    mail = session.get(OutboxEmail, mail_id)
    mail.status = OutboxStatus.HELD.value
    session.add(mail)


def message_id(mail: OutboxEmail) -> str:
    """The same Message-ID at every attempt of one outbox mail, in the sender's domain."""
    domain = parseaddr(get_settings().mail_from)[1].rpartition("@")[2]
    created = clock.as_utc(mail.created_at).strftime("%Y%m%d%H%M%S")
    return f"<hp.{mail.id}.{created}@{domain}>"


def _content_type(mime: str) -> tuple[str, str, dict[str, str]]:
    """'text/calendar; method=REQUEST' -> ('text', 'calendar', {'method': 'REQUEST'})."""
    parsed = Message()
    parsed["Content-Type"] = mime
    parameters = dict(parsed.get_params()[1:])
    return parsed.get_content_maintype(), parsed.get_content_subtype(), parameters


def _message(mail: OutboxEmail) -> EmailMessage:
    """The mail as it leaves: a text and an HTML part (made from the text, escaped), Message-ID,
    Date, Reply-To; headers with umlauts are encoded by the standard library (RFC 2047)."""
    settings = get_settings()
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = settings.mail_from
    message["To"] = mail.recipient
    message["Reply-To"] = settings.mail_reply_to
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(clock.as_utc(mail.created_at))
    message["Message-ID"] = message_id(mail)
    for name, value in (mail.headers or {}).items():
        if name in EXTRA_HEADERS:
            message[name] = value
    message.set_content(mail.body_text, charset="utf-8")
    message.add_alternative(markup.html_document(mail.body_text, mail.subject, mail.language),
                            subtype="html", charset="utf-8")
    for item in mail.attachments or []:
        content = base64.b64decode(item["content_b64"]) if "content_b64" in item else \
            private_files.read_verified(item["area"], item["name"], item["sha256"])
        if content is None:
            raise FileNotFoundError(f"attachment {item['filename']} is missing or changed")
        maintype, subtype, parameters = _content_type(item["mime"])
        message.add_attachment(content, maintype=maintype, subtype=subtype,
                               filename=item["filename"], params=parameters)
    return message


async def _send(mail: OutboxEmail) -> str | None:
    settings = get_settings()
    try:
        message = await asyncio.to_thread(_message, mail)
    except FileNotFoundError as exc:
        log.error("Mail %s cannot be built: %s", mail.id, exc)
        return str(exc)
    try:
        await aiosmtplib.send(
            message,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_user,
            password=settings.smtp_password,
            use_tls=settings.smtp_tls == "tls",
            start_tls=True if settings.smtp_tls == "starttls" else False,
            timeout=20,
        )
    except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as exc:
        log.warning("Mail %s to the outbox recipient failed: %s", mail.id, type(exc).__name__)
        return f"{type(exc).__name__}: {exc}"
    return None


async def deliver_due() -> int:
    """Deliver (or, without SMTP, hold and log) every due mail once. Returns how many were handled."""
    settings = get_settings()
    claimed = await db.run_in_unit_of_work(_claim_due)
    for mail in claimed:
        if settings.smtp_host is None:
            if not settings.is_production:
                log.warning("Mail not sent (no SMTP configured) to %s: %s\n%s",
                            mail.recipient, mail.subject, mail.body_text)
            await db.run_in_unit_of_work(_hold, mail.id)
            continue
        error = await _send(mail)
        await db.run_in_unit_of_work(_record_outcome, mail.id, error)
    return len(claimed)


def wake_sender() -> None:
    """Ask the running sender loop to look at the outbox now (after a mail was enqueued)."""
    if _wake is not None:
        _wake.set()


async def run_sender_loop() -> None:
    """The server's lifespan task: deliver due mails every few seconds, or at once when woken."""
    global _wake
    _wake = asyncio.Event()
    while True:
        try:
            await deliver_due()
        except Exception as error:  # noqa: BLE001 - the loop must survive a database hiccup
            if db.database_unavailable(error):
                log.warning("Outbox delivery waits for the database: %s", type(error).__name__)
            else:
                log.exception("Outbox delivery round failed; retrying")
        try:
            await asyncio.wait_for(_wake.wait(), timeout=POLL_SECONDS)
        except asyncio.TimeoutError:
            pass
        _wake.clear()
