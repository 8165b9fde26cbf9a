"""Seminars in the browser: the last seat, the waitlist, a cancellation and the promotion."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import select

from harzportal import db
from harzportal.demo import accounts
from harzportal.demo.seminars import ALMOST_FULL
from harzportal.mail.models import OutboxEmail
from harzportal.seminars.models import Seminar
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e


def _seminar_id() -> int:
    with db.unit_of_work() as session:
        return session.exec(select(Seminar.id).where(Seminar.title == ALMOST_FULL)).one()


def test_last_seat_waitlist_cancellation_and_promotion(browser: Browser, server, mails):
    seminar_id = _seminar_id()
    contact = new_page(browser, server)
    sign_in_ok(contact, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    contact.goto("/seminars")
    card = contact.get_by_role("link", name=re.compile(ALMOST_FULL))
    expect(card).to_contain_text("1 von 12 Plätzen frei")
    card.click()
    contact.wait_for_url(f"**/seminars/{seminar_id}")
    contact.click("#register-myself")
    expect(contact.get_by_text(german("seminar.registered"))).to_be_visible()
    expect(contact.get_by_text(german("seminar.you_are_registered"))).to_be_visible()
    mails.wait_for(accounts.HARZER_CONTACT_EMAIL, ALMOST_FULL)

    manager = new_page(browser, server)
    sign_in_ok(manager, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto(f"/seminars/{seminar_id}")
    expect(manager.get_by_text(german("seminar.full"))).to_be_visible()
    manager.click("#register-myself")
    expect(manager.get_by_text(german("seminar.waitlisted"))).to_be_visible()
    expect(manager.get_by_text(f"{german('seminar.you_are_waitlisted')} 1")).to_be_visible()
    manager.goto("/my-seminars")
    expect(manager.locator("#my-upcoming").get_by_role("row", name=re.compile(ALMOST_FULL))
           ).to_contain_text(german("registration.status.waitlisted"))

    contact.goto(f"/seminars/{seminar_id}")
    contact.click("#cancel-registration")
    contact.click("#cancel-registration-confirm")
    expect(contact.get_by_text(german("seminar.cancelled_registration"))).to_be_visible()

    manager.goto("/my-seminars")
    expect(manager.locator("#my-upcoming").get_by_role("row", name=re.compile(ALMOST_FULL))
           ).to_contain_text(german("registration.status.confirmed"))
    with db.unit_of_work() as session:
        promoted = session.exec(select(OutboxEmail).where(
            OutboxEmail.recipient == accounts.OKER_MANAGER_EMAIL,
            OutboxEmail.kind == "seminar_promoted")).all()
    assert len(promoted) == 1 and ALMOST_FULL in promoted[0].subject
    mail = mails.wait_for(accounts.OKER_MANAGER_EMAIL, "Platz frei")
    assert [part.get_content_type() for part in mail.iter_attachments()] == ["text/calendar"]
    contact.context.close()
    manager.context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_seminar_screenshots(browser: Browser, server, width):
    page = new_page(browser, server, width)
    sign_in_ok(page, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    for path, name in (("/seminars", "seminars-catalogue"),
                       (f"/seminars/{_seminar_id()}", "seminar-detail"),
                       ("/my-seminars", "my-seminars")):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        screenshot(page, f"{name}-{width}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the {width}px viewport"
    page.context.close()
