"""A member downloads everything held about them from "Mein Konto": their seminar registration is
in it, and nothing of any other person."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.core import clock
from harzportal.core.i18n import translate
from harzportal.demo import accounts
from harzportal.demo.seminars import ALMOST_FULL
from harzportal.seminars.models import Seminar
from tests.e2e.journeys import sign_in_ok, sign_out

pytestmark = pytest.mark.e2e


def _seminar_with_room() -> tuple[int, str]:
    """An upcoming seminar with several free seats that the other browser tests do not use."""
    with db.unit_of_work() as session:
        seminar = session.exec(select(Seminar).where(
            Seminar.status == "published", Seminar.title != ALMOST_FULL,
            Seminar.registration_opens_at <= clock.now(),
            Seminar.registration_deadline > clock.now(),
            Seminar.seats_taken + 3 <= Seminar.capacity).order_by(Seminar.id.desc())).first()
        return seminar.id, seminar.title


def _other_people(email: str) -> list[str]:
    with db.unit_of_work() as session:
        return [text for user in session.exec(select(User).where(User.email != email))
                for text in (user.email, user.full_name)]


def test_a_members_export_holds_their_registration_and_nobody_elses_data(browser: Browser, server):
    seminar_id, title = _seminar_with_room()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server,
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        sign_in_ok(page, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
        page.goto(f"/seminars/{seminar_id}")
        page.click("#register-myself")
        expect(page.get_by_text(translate("seminar.you_are_registered", "de"))).to_be_visible()

        page.goto("/account")
        with page.expect_download() as download_info:
            page.click("#download-my-data")
        download = download_info.value
        raw = open(download.path(), encoding="utf-8").read()
        export = json.loads(raw)

        assert export["profile"]["email"] == accounts.HARZER_CONTACT_EMAIL
        assert export["organization"] == "Harzer Chemiewerke GmbH"
        assert [(r["seminar"], r["status"]) for r in export["seminar_registrations"]
                if r["seminar_id"] == seminar_id] == [(title, "confirmed")]
        assert export["sessions"] and all("token_hash" not in s for s in export["sessions"])
        leaked = [text for text in _other_people(accounts.HARZER_CONTACT_EMAIL) if text in raw]
        assert leaked == []

        # Leave the seat as the other tests expect it.
        page.goto(f"/seminars/{seminar_id}")
        page.click("#cancel-registration")
        page.click("#cancel-registration-confirm")
        expect(page.get_by_text(translate("seminar.cancelled_registration", "de"))).to_be_visible()
        sign_out(page)
    finally:
        context.close()
