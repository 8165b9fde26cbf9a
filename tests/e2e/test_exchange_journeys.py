"""The cooperation exchange in the browser: the Harzer manager posts a request, staff approve
it, the Oker manager finds it by a competence and expresses interest, the Harzer manager sees
the interest and the members who fit; a confidential post stays invisible to other members."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.core.i18n import translate_plural
from harzportal.demo import accounts
from harzportal.exchange.models import Post
from tests.e2e.journeys import german, new_page, screenshot, sign_in_ok

pytestmark = pytest.mark.e2e

TITLE = "Partner für Laugungsversuche mit Filterstäuben gesucht"
NOTE = "Wir haben eine Laugungsanlage im Technikum und freie Zeit im März."


def _user(email: str) -> User:
    with db.unit_of_work() as session:
        return session.exec(select(User).where(User.email == email)).one()


def _post(title: str) -> Post:
    with db.unit_of_work() as session:
        return session.exec(select(Post).where(Post.title == title)).one()


def test_a_request_is_posted_approved_found_and_answered_with_interest(browser: Browser,
                                                                       server, mails):
    manager = new_page(browser, server)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto("/exchange/new")
    expect(manager.locator("#field-title")).to_be_visible()
    manager.select_option("#field-kind", "request")
    manager.fill("#field-title", TITLE)
    manager.fill("#field-description", "Wir möchten Zink und Blei aus Filterstäuben unserer "
                                       "Abluftreinigung zurückgewinnen und suchen Erfahrung.")
    manager.fill("#field-competences", "Hydrometallurgie, Metallrückgewinnung")
    manager.select_option("#field-sector", "recycling")
    manager.get_by_role("button", name=german("exchange.submit")).click()
    manager.wait_for_url("**/exchange/*")
    expect(manager.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(manager.get_by_text(german("exchange.status.pending"))).to_be_visible()
    post = _post(TITLE)
    assert post.status == "pending"

    staff = new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/exchange")
    staff.get_by_role("link", name=TITLE).click()
    staff.wait_for_url(f"**/exchange/{post.id}")
    staff.locator("#approve-post").click()
    expect(staff.get_by_text(german("exchange.approved"))).to_be_visible()
    assert _post(TITLE).status == "published"
    mails.wait_for(accounts.HARZER_MANAGER_EMAIL, TITLE)

    oker = new_page(browser, server)
    sign_in_ok(oker, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    oker.goto("/exchange")
    oker.get_by_placeholder(german("exchange.search_placeholder")).fill("metallrückgewinnung")
    oker.get_by_role("button", name=german("common.search")).click()
    card = oker.get_by_role("link", name=TITLE)
    expect(card).to_be_visible()
    screenshot(oker, "exchange-list-1280")
    card.click()
    oker.wait_for_url(f"**/exchange/{post.id}")
    oker.fill("#field-note", NOTE)
    oker.locator("#express-interest").click()
    expect(oker.get_by_text(german("exchange.interest_sent"))).to_be_visible()
    expect(oker.get_by_text(accounts.HARZER_MANAGER_EMAIL)).to_have_count(0)
    message = mails.wait_for(accounts.HARZER_MANAGER_EMAIL, "Interesse")
    oker_manager = _user(accounts.OKER_MANAGER_EMAIL)
    body = message.get_body(("plain",)).get_content()
    assert oker_manager.full_name in body and NOTE in body and oker_manager.email in body

    manager.reload()
    expect(manager.get_by_text(translate_plural("exchange.interests_one",
                                                "exchange.interests_other", 1, "de"))
           ).to_be_visible()
    interested = manager.get_by_role("row").filter(has_text=oker_manager.full_name)
    expect(interested).to_contain_text("Oker Recycling GmbH")
    expect(interested).to_contain_text(NOTE)
    match = manager.get_by_role("row").filter(
        has=manager.get_by_role("link", name="Oker Recycling GmbH"))
    expect(match).to_contain_text(german("exchange.match.competences",
                                        competences="Hydrometallurgie, Metallrückgewinnung"))
    screenshot(manager, "exchange-post-with-matches-1280")


def test_a_confidential_post_is_invisible_to_other_members(browser: Browser, server):
    with db.unit_of_work() as session:
        confidential = session.exec(select(Post).where(Post.visibility == "office")).one()
    oker = new_page(browser, server, width=375)
    sign_in_ok(oker, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    oker.goto("/exchange")
    expect(oker.get_by_role("heading", level=1, name=german("exchange.title"))).to_be_visible()
    expect(oker.get_by_text(confidential.title)).to_have_count(0)
    screenshot(oker, "exchange-list-375")
    oker.goto(f"/exchange/{confidential.id}")
    expect(oker.get_by_text(german("error.not_found"))).to_be_visible()
    expect(oker.get_by_text(confidential.title)).to_have_count(0)

    staff = new_page(browser, server, width=375)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto(f"/exchange/{confidential.id}")
    expect(staff.get_by_role("heading", level=1, name=confidential.title)).to_be_visible()
    screenshot(staff, "exchange-confidential-post-375")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_activity_report_shows_the_figures_with_tables_and_downloads(browser: Browser,
                                                                         server, width):
    from harzportal.core import clock
    from harzportal.core.actor import Actor
    from harzportal.core.roles import Role
    from harzportal.exchange import report

    staff = new_page(browser, server, width=width)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/activity-report")
    expect(staff.get_by_role("heading", level=1, name=german("report.title"))).to_be_visible()
    today = clock.today()
    start = today.replace(month=1, day=1) if today.month > 1 else today.replace(
        year=today.year - 1, month=1, day=1)
    staff.fill("#field-start", start.isoformat())
    staff.fill("#field-end", today.isoformat())
    staff.get_by_role("button", name=german("report.show")).click()
    admin = _user(accounts.ADMIN_EMAIL)
    with db.unit_of_work() as session:
        figures = report.activity_report(session, Actor(admin.id, None, Role.NETWORK_ADMIN),
                                         start, today)
    expect(staff.get_by_role("heading", level=2)).to_contain_text(
        start.strftime("%d.%m.%Y"))
    posts_card = staff.locator(".rt-Card").filter(has_text=german("report.posts_published"))
    expect(posts_card.first).to_contain_text(str(figures.posts_published))
    expect(staff.locator("table caption").filter(has_text=german("report.by_kind"))
           ).to_have_count(1)
    screenshot(staff, f"activity-report-{width}")
    csv = staff.request.get(f"/files/activity-report.csv?start={start}&end={today}")
    assert csv.status == 200
    assert f"{german('report.posts_published')};{figures.posts_published}" in csv.text()
