"""Circulars in the browser: staff write to all HSE contacts of the producing members in both
languages; the SMTP server receives exactly those addresses, each in the person's language, with
both parts and working unsubscribe headers; a member unsubscribes from the link and does not get
the next optional circular but gets the next mandatory one, and finds both in "Mitteilungen"."""

from __future__ import annotations

import re
import time
import urllib.parse

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.circulars.labels import category_label
from harzportal.core.i18n import label, translate, translate_plural
from harzportal.demo import accounts
from harzportal.organizations.labels import FUNCTION_LABELS, kind_label
from harzportal.organizations.models import ContactFunctionAssignment, Organization
from tests.e2e.journeys import new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

PRODUCING = ("chemical", "metallurgical", "recycling")


def _hse_contacts_of_producing_members() -> dict[str, str]:
    """Address -> language of everyone the circular must reach, read from the tables."""
    with db.unit_of_work() as session:
        rows = session.exec(
            select(User.email, User.preferred_language)
            .join(Organization, Organization.id == User.organization_id)
            .join(ContactFunctionAssignment, ContactFunctionAssignment.user_id == User.id)
            .where(Organization.kind.in_(PRODUCING), Organization.status == "active",
                   User.is_active, ContactFunctionAssignment.function == "hse")).all()
    return {email: language for email, language in rows}


def _arrange_people() -> tuple[str, str]:
    """The demo contact of Harzer gets the HSE function (the one who will unsubscribe); another
    HSE contact reads English."""
    with db.unit_of_work() as session:
        contact = session.exec(select(User).where(
            User.email == accounts.HARZER_CONTACT_EMAIL)).one()
        has_hse = session.exec(select(ContactFunctionAssignment).where(
            ContactFunctionAssignment.user_id == contact.id,
            ContactFunctionAssignment.function == "hse")).first()
        if has_hse is None:
            session.add(ContactFunctionAssignment(user_id=contact.id, function="hse"))
        contact.preferred_language = "de"
        session.add(contact)
    english = min(email for email in _hse_contacts_of_producing_members()
                  if email != accounts.HARZER_CONTACT_EMAIL)
    with db.unit_of_work() as session:
        person = session.exec(select(User).where(User.email == english)).one()
        person.preferred_language = "en"
        session.add(person)
    return accounts.HARZER_CONTACT_EMAIL, english


def _compose_and_send(staff: Page, category: str, subject: str, expected: int, *,
                      shots: str = "") -> None:
    """Write a circular in the browser, see `expected` recipients, send it."""
    staff.goto("/admin/circulars/new")
    # the options arrive with the page's load event: the page is connected then
    expect(staff.get_by_role("checkbox", name=kind_label("chemical", "de"), exact=True)) \
        .to_be_visible()
    staff.select_option("#field-category", category)
    staff.fill("#field-subject_de", f"{subject} – Rundschreiben")
    staff.fill("#field-subject_en", f"{subject} – circular")
    staff.fill("#field-body_de", "Liebe HSE-Beauftragte,\n\nbitte beachten Sie:\n\n"
                                 "- die neue TRGS 510\n- [Programm](https://example.org/programm)")
    staff.fill("#field-body_en", "Dear HSE officers,\n\nplease note:\n\n"
                                 "- the new TRGS 510\n- [Programme](https://example.org/programm)")
    for kind in PRODUCING:
        staff.get_by_role("checkbox", name=kind_label(kind, "de"), exact=True).check()
    staff.get_by_role("checkbox", name=label(FUNCTION_LABELS, "hse", "de"), exact=True).check()
    if shots:
        screenshot(staff, f"circular-new-{shots}")
    staff.click("#save-circular")
    staff.wait_for_url(re.compile(r".*/admin/circulars/\d+$"))
    count_text = translate_plural("circular.recipient_count_one",
                                  "circular.recipient_count_other", expected, "de")
    expect(staff.get_by_text(count_text)).to_be_visible()
    expect(staff.locator("#preview-de")).to_contain_text("Liebe HSE-Beauftragte")
    expect(staff.locator("#preview-en")).to_contain_text("Dear HSE officers")
    if shots:
        screenshot(staff, f"circular-draft-{shots}")
    staff.click("#send-circular")
    staff.click("#confirm-send")
    sent = translate_plural("circular.sent_one", "circular.sent_other", expected, "de",
                            shown=str(expected))
    expect(staff.get_by_text(sent)).to_be_visible()


def _received(mails, subject: str, count: int, timeout: float = 60.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = {m["To"]: m for m in mails.messages if subject in str(m["Subject"])}
        if len(found) >= count:
            time.sleep(1.0)  # anything more that arrives would be one too many
            return {m["To"]: m for m in mails.messages if subject in str(m["Subject"])}
        time.sleep(0.3)
    return {m["To"]: m for m in mails.messages if subject in str(m["Subject"])}


def test_a_circular_to_the_hse_contacts_of_producing_members_and_the_one_click_unsubscribe(
        browser: Browser, server, mails):
    member_email, english_email = _arrange_people()
    expected = _hse_contacts_of_producing_members()
    assert len(expected) >= 3 and expected[english_email] == "en"

    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/account")
    staff.locator("#language-de").click()  # earlier tests may have left English chosen
    _compose_and_send(staff, "news", "Neuigkeiten März", len(expected), shots="1280")

    first = _received(mails, "Neuigkeiten März", len(expected))
    assert set(first) == set(expected)  # exactly these addresses, each once
    for address, message in first.items():
        language = expected[address]
        word = "circular" if language == "en" else "Rundschreiben"
        assert str(message["Subject"]) == f"Neuigkeiten März – {word}"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        greeting = "Dear HSE officers" if language == "en" else "Liebe HSE-Beauftragte"
        assert greeting in text and greeting in html
        assert '<a href="https://example.org/programm">' in html and "<li>" in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<http://[^>]+/unsubscribe/[A-Za-z0-9_-]{43}>",
                            str(message["List-Unsubscribe"]))
        assert message["Reply-To"] and message["Message-ID"] and message["Date"]

    staff.reload()
    expect(staff.get_by_text(translate("circular.delivery.sent", "de")).first).to_be_visible()
    screenshot(staff, "circular-sent-1280")

    # The member clicks the link of the mail: a page with one button, no sign-in.
    link = str(first[member_email]["List-Unsubscribe"]).strip("<>")
    member = new_page(browser, server, width=375)
    member.goto(urllib.parse.urlparse(link).path)
    expect(member.get_by_role("button", name=translate("unsubscribe.button", "de"))).to_be_visible()
    screenshot(member, "unsubscribe-375")
    member.get_by_role("button", name=translate("unsubscribe.button", "de")).click()
    expect(member.get_by_role("heading", name=translate("unsubscribe.done_title", "de"))) \
        .to_be_visible()
    screenshot(member, "unsubscribed-375")

    _compose_and_send(staff, "news", "Neuigkeiten April", len(expected) - 1)
    second = _received(mails, "Neuigkeiten April", len(expected) - 1)
    assert set(second) == set(expected) - {member_email}
    _compose_and_send(staff, "assembly", "Einladung Mitgliederversammlung", len(expected))
    third = _received(mails, "Einladung Mitgliederversammlung", len(expected))
    assert set(third) == set(expected)
    assert third[member_email]["List-Unsubscribe"] is None

    # The member finds the circulars addressed to them, and the choice on Mein Konto.
    sign_in_ok(member, member_email, accounts.DEMO_MEMBER_PASSWORD)
    member.goto("/circulars")
    expect(member.get_by_role("link", name="Einladung Mitgliederversammlung – Rundschreiben")) \
        .to_be_visible()
    expect(member.get_by_role("link", name="Neuigkeiten März – Rundschreiben")).to_be_visible()
    expect(member.get_by_text("Neuigkeiten April")).to_have_count(0)
    screenshot(member, "circulars-375")
    member.get_by_role("link", name="Neuigkeiten März – Rundschreiben").click()
    expect(member.locator("#circular-body")).to_contain_text("Liebe HSE-Beauftragte")
    screenshot(member, "circular-375")
    member.goto("/account")
    news = member.get_by_role("checkbox", name=category_label("news", "de"), exact=True)
    expect(news).to_be_visible()
    expect(news).not_to_be_checked()
    expect(member.get_by_role("checkbox", name=category_label("events", "de"), exact=True)) \
        .to_be_checked()
    screenshot(member, "account-circulars-375")
