"""Every kind of mail the portal writes, as it arrives at a real SMTP server (aiosmtpd) and is
parsed by the standard library: a text and an escaped, simple HTML part, Message-ID, Date,
Reply-To from the settings, umlauts in headers encoded (RFC 2047) and decoded back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr, parsedate_to_datetime
from html import escape
from html.parser import HTMLParser

import pytest
from sqlmodel import select

from harzportal import db, settings
from harzportal.accounts import mails as account_mails
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.documents import notices as document_notices
from harzportal.documents.models import Document, DocumentVersion
from harzportal.invoices import collection, issuing
from harzportal.invoices.models import Invoice
from harzportal.mail import sender
from harzportal.mail import service as mail_service
from harzportal.mail.models import OutboxEmail
from harzportal.organizations import mails as organization_mails
from harzportal.organizations.models import (
    ChangeRequest,
    ChangeRequestField,
    ContactFunctionAssignment,
    FieldDecision,
)
from harzportal.seminars import notices as seminar_notices
from harzportal.seminars.models import Registration, Seminar
from tests.service_calls import run

pytestmark = pytest.mark.service

# A name that must arrive as text, never as markup, and umlauts for the headers.
NAME = "Jörg <b>Müller</b> & Söhne"
ORGANIZATION = "Säurewerk Öhringen & Co. <KG>"
SEMINAR_TITLE = "Gefahrstoffe für Führungskräfte: Übung <live>"
EVERY_KIND = {"password_reset", "invitation", "invitation_existing_account", "change_decided",
              "seminar_confirmed", "seminar_waitlisted", "seminar_promoted", "seminar_cancelled",
              "seminar_reminder", "document_new", "document_version", "invoice",
              "payment_reminder"}
TAGS_OF_THE_HTML_PART = {"html", "head", "meta", "title", "body", "p", "br", "ul", "li", "a"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.hrefs += [value for name, value in attrs if name == "href"]


@pytest.fixture
def invoice_files(private_data_dir):
    return private_data_dir


def _every_kind_of_mail(factories) -> None:
    """Each mail of the portal, written by the code that writes it in the product."""
    organization = factories.organization(name=ORGANIZATION, street="Industriestraße 5")
    person = factories.user(organization, full_name=NAME, email="joerg@saeurewerk.example")
    english = factories.user(organization, full_name="Emma Stone", email="emma@saeurewerk.example",
                             preferred_language="en")
    staff = factories.user(None, role=Role.NETWORK_ADMIN, full_name="Büro Öffentlichkeit")
    with db.unit_of_work() as session:
        session.add(ContactFunctionAssignment(user_id=person.id, function="billing"))
        person_row, english_row = session.get(type(person), person.id), session.get(
            type(english), english.id)
        staff_row, organization_row = session.get(type(staff), staff.id), session.get(
            type(organization), organization.id)
        link = "https://portal.example/reset-password?token=abc"
        account_mails.enqueue_reset_mail(session, person_row, link)
        account_mails.enqueue_invitation_mail(session, english_row, staff_row, organization_row,
                                              link)
        account_mails.enqueue_existing_account_mail(session, person_row, staff_row,
                                                    organization_row)
        request = ChangeRequest(organization_id=organization.id, author_user_id=person.id)
        session.add(request)
        session.flush()
        field = ChangeRequestField(request_id=request.id, field_name="city", old_value="Goslar",
                                   new_value="Göttingen", decision=FieldDecision.APPROVED.value)
        session.add(field)
        organization_mails.send_decision(session, request, organization_row, [field])
        starts = datetime(2027, 3, 10, 8, 30, tzinfo=UTC)
        seminar = Seminar(title=SEMINAR_TITLE, topic="hse", venue="Am Rammelsberg 12, Goslar",
                          capacity=20, status="published", starts_at=starts,
                          ends_at=starts + timedelta(hours=6),
                          registration_opens_at=starts - timedelta(days=50),
                          registration_deadline=starts - timedelta(days=7))
        session.add(seminar)
        session.flush()
        registration = Registration(seminar_id=seminar.id, user_id=person.id,
                                    organization_id=organization.id, status="confirmed",
                                    registered_by_user_id=person.id)
        session.add(registration)
        session.flush()
        seminar_notices.confirmed(session, seminar, registration)
        seminar_notices.waitlisted(session, seminar, registration, 3)
        seminar_notices.promoted(session, seminar, registration)
        seminar_notices.seminar_cancelled(session, seminar, registration)
        seminar_notices.reminder(session, seminar, registration)
        document = Document(id=7, title="Leitfaden „Lärm“ <neu>", category_id=None,
                            created_by_user_id=staff.id)
        for number in (1, 2):
            notice = document_notices.publication_notice(
                document, DocumentVersion(document_id=7, number=number, change_note="Ä & Ö"),
                None, english_row)
            mail_service.enqueue(session, recipient=english_row.email, kind=notice.kind,
                                 subject=notice.subject, body=notice.body)
    with clock.fixed_at(datetime(2027, 1, 15, 9, 0, tzinfo=UTC)):
        invoice = run(issuing.issue_manual_invoice, factories.actor(staff), organization.id,
                      [issuing.LineInput(description="Seminar „Gefahrstoffe“", quantity_milli=1000,
                                         unit_price_cents=120000, vat_rate_bp=1900)],
                      date(2027, 1, 1), date(2027, 1, 31))
    with clock.fixed_at(datetime(2027, 3, 15, 9, 0, tzinfo=UTC)):
        run(collection.send_reminder, factories.actor(staff), invoice.id)
    with db.unit_of_work() as session:
        assert session.get(Invoice, invoice.id).reminder_level == 1


async def test_every_kind_of_mail_arrives_with_both_parts_and_proper_headers(
        engine, factories, smtp_server, invoice_files):
    _every_kind_of_mail(factories)
    with db.unit_of_work() as session:
        outbox = {row.id: row for row in session.exec(select(OutboxEmail)).all()}
    assert {row.kind for row in outbox.values()} == EVERY_KIND

    with clock.fixed_at(datetime(2027, 3, 16, 9, 0, tzinfo=UTC)):  # after the reminder
        while await sender.deliver_due():
            pass

    assert len(smtp_server.messages) == len(outbox)
    message_ids = set()
    for raw, message in zip(smtp_server.raw, smtp_server.messages, strict=True):
        head = raw.split(b"\r\n\r\n", 1)[0]
        head.decode("ascii")  # umlauts travel encoded (RFC 2047), never as raw 8-bit bytes
        row = next(row for row in outbox.values() if sender.message_id(row) == message["Message-ID"])
        assert message["Subject"] == row.subject  # decoded back to the umlauts
        assert message["To"] == row.recipient
        assert message["From"] == settings.get().mail_from
        assert parseaddr(str(message["Reply-To"])) == parseaddr(settings.get().mail_reply_to)
        assert parsedate_to_datetime(message["Date"]) == clock.as_utc(row.created_at).replace(
            microsecond=0)
        message_ids.add(message["Message-ID"])
        assert message["Message-ID"].endswith("@chemienetzwerk-harz.example>")

        text, html = message.get_body(("plain",)), message.get_body(("html",))
        assert text.get_content_charset() == html.get_content_charset() == "utf-8"
        assert text.get_content().replace("\r\n", "\n").rstrip("\n") == row.body_text.rstrip("\n")
        page = html.get_content()
        tags = _Tags()
        tags.feed(page)
        assert tags.tags <= TAGS_OF_THE_HTML_PART, row.kind
        assert "<img" not in page and "<script" not in page and "<b>" not in page
        assert all(href.startswith(("https://", "http://")) for href in tags.hrefs)
        if NAME in row.body_text:
            assert "Jörg &lt;b&gt;Müller&lt;/b&gt; &amp; Söhne" in page
        assert "<title>" + escape(row.subject) + "</title>" in page
    assert len(message_ids) == len(outbox)  # every mail its own Message-ID


def test_the_message_id_stays_the_same_at_every_attempt(engine):
    with db.unit_of_work() as session:
        mail = mail_service.enqueue(session, recipient="a@b.example", subject="Ä", body="x",
                                    kind="test")
        session.flush()
        first = sender._message(mail)["Message-ID"]
        assert sender._message(mail)["Message-ID"] == first


def test_a_mail_takes_no_header_the_sender_does_not_know(engine):
    with db.unit_of_work() as session, pytest.raises(ValueError):
        mail_service.enqueue(session, recipient="a@b.example", subject="Ä", body="x", kind="test",
                             headers={"Bcc": "someone@else.example"})
