"""Staff find the demo approval in the audit log by organization, area and date, with its
decision shown readably; the filter leaves out everything else."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import select

from harzportal import db
from harzportal.core import clock
from harzportal.core.i18n import translate
from harzportal.demo import accounts
from harzportal.demo.changes import DECIDED_FOR, REJECTION_REASON
from harzportal.organizations.models import ChangeRequest, Organization
from tests.e2e.journeys import sign_in_ok, sign_out

pytestmark = pytest.mark.e2e


def _decided_on() -> str:
    with db.unit_of_work() as session:
        decided_at = session.exec(
            select(ChangeRequest.decided_at).join(Organization)
            .where(Organization.name == DECIDED_FOR, ChangeRequest.status == "decided")).one()
    return clock.as_utc(decided_at).astimezone(clock.LOCAL_ZONE).date().isoformat()


def test_the_filter_finds_the_demo_approval(browser: Browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        sign_in_ok(page, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
        page.goto("/admin/audit")
        expect(page.get_by_role("heading", level=1)).to_have_text(translate("audit.title", "de"))
        day = _decided_on()
        page.select_option("select[name=organization_id]", label=DECIDED_FOR)
        page.select_option("select[name=kind]", "profile")
        page.fill("input[name=since]", day)
        page.fill("input[name=until]", day)
        page.get_by_role("button", name=translate("audit.apply", "de")).click()

        rows = page.locator("tbody tr")
        decision = rows.filter(has_text="profile.change_decided")
        expect(decision).to_have_count(1)
        expect(decision).to_contain_text("Katrin Vogel")
        expect(decision).to_contain_text(REJECTION_REASON)  # before/after as readable text
        expect(rows.filter(has_text="profile.changed")).to_have_count(1)
        # Only this organization's profile events of that day: not its proposal days before.
        expect(rows.filter(has_text="profile.change_proposed")).to_have_count(0)
        for text in rows.all_inner_texts():
            assert DECIDED_FOR in text and re.search(r"profile\.", text)
        sign_out(page)
    finally:
        context.close()
