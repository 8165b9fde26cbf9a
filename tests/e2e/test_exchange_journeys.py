"""The cooperation exchange in the browser: the Harzer manager posts a request, staff approve
it, the Oker manager finds it by a competence and expresses interest, the Harzer manager sees
the interest and the members who fit; a confidential post stays invisible to other members."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.core.i18n import translate, translate_plural
from harzportal.demo import accounts
from harzportal.exchange.models import Post
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.journeys import sign_in_ok

pytestmark = pytest.mark.e2e

TITLE = "Partner für Laugungsversuche mit Filterstäuben gesucht"
NOTE = "Wir haben eine Laugungsanlage im Technikum und freie Zeit im März."


def _new_page(browser: Browser, server: str, width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server,
                                  locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


def _shot(page: Page, name: str) -> None:
    page.wait_for_timeout(400)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def _text(key: str, **values) -> str:
    return translate(key, "de", **values)


def _user(email: str) -> User:
    with db.unit_of_work() as session:
        return session.exec(select(User).where(User.email == email)).one()


def _post(title: str) -> Post:
    with db.unit_of_work() as session:
        return session.exec(select(Post).where(Post.title == title)).one()


def test_a_request_is_posted_approved_found_and_answered_with_interest(browser: Browser,
                                                                       server, mails):
    manager = _new_page(browser, server)
    sign_in_ok(manager, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    manager.goto("/exchange/new")
    expect(manager.locator("#field-title")).to_be_visible()
    manager.select_option("#field-kind", "request")
    manager.fill("#field-title", TITLE)
    manager.fill("#field-description", "Wir möchten Zink und Blei aus Filterstäuben unserer "
                                       "Abluftreinigung zurückgewinnen und suchen Erfahrung.")
    manager.fill("#field-competences", "Hydrometallurgie, Metallrückgewinnung")
    manager.select_option("#field-sector", "recycling")
    manager.get_by_role("button", name=_text("exchange.submit")).click()
    manager.wait_for_url("**/exchange/*")
    expect(manager.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(manager.get_by_text(_text("exchange.status.pending"))).to_be_visible()
    post = _post(TITLE)
    assert post.status == "pending"

    staff = _new_page(browser, server)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/exchange")
    staff.get_by_role("link", name=TITLE).click()
    staff.wait_for_url(f"**/exchange/{post.id}")
    staff.locator("#approve-post").click()
    expect(staff.get_by_text(_text("exchange.approved"))).to_be_visible()
    assert _post(TITLE).status == "published"
    mails.wait_for(accounts.HARZER_MANAGER_EMAIL, TITLE)

    oker = _new_page(browser, server)
    sign_in_ok(oker, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    oker.goto("/exchange")
    oker.get_by_placeholder(_text("exchange.search_placeholder")).fill("metallrückgewinnung")
    oker.get_by_role("button", name=_text("common.search")).click()
    card = oker.get_by_role("link", name=TITLE)
    expect(card).to_be_visible()
    _shot(oker, "exchange-list-1280")
    card.click()
    oker.wait_for_url(f"**/exchange/{post.id}")
    oker.fill("#field-note", NOTE)
    oker.locator("#express-interest").click()
    expect(oker.get_by_text(_text("exchange.interest_sent"))).to_be_visible()
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
    expect(match).to_contain_text(_text("exchange.match.competences",
                                        competences="Hydrometallurgie, Metallrückgewinnung"))
    _shot(manager, "exchange-post-with-matches-1280")


def test_a_confidential_post_is_invisible_to_other_members(browser: Browser, server):
    with db.unit_of_work() as session:
        confidential = session.exec(select(Post).where(Post.visibility == "office")).one()
    oker = _new_page(browser, server, width=375)
    sign_in_ok(oker, accounts.OKER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    oker.goto("/exchange")
    expect(oker.get_by_role("heading", level=1, name=_text("exchange.title"))).to_be_visible()
    expect(oker.get_by_text(confidential.title)).to_have_count(0)
    _shot(oker, "exchange-list-375")
    oker.goto(f"/exchange/{confidential.id}")
    expect(oker.get_by_text(_text("error.not_found"))).to_be_visible()
    expect(oker.get_by_text(confidential.title)).to_have_count(0)

    staff = _new_page(browser, server, width=375)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto(f"/exchange/{confidential.id}")
    expect(staff.get_by_role("heading", level=1, name=confidential.title)).to_be_visible()
    _shot(staff, "exchange-confidential-post-375")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_activity_report_shows_the_figures_with_tables_and_downloads(browser: Browser,
                                                                         server, width):
    from harzportal.core import clock
    from harzportal.core.actor import Actor
    from harzportal.core.roles import Role
    from harzportal.exchange import report

    staff = _new_page(browser, server, width=width)
    sign_in_ok(staff, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    staff.goto("/admin/activity-report")
    expect(staff.get_by_role("heading", level=1, name=_text("report.title"))).to_be_visible()
    today = clock.today()
    start = today.replace(month=1, day=1) if today.month > 1 else today.replace(
        year=today.year - 1, month=1, day=1)
    staff.fill("#field-start", start.isoformat())
    staff.fill("#field-end", today.isoformat())
    staff.get_by_role("button", name=_text("report.show")).click()
    admin = _user(accounts.ADMIN_EMAIL)
    with db.unit_of_work() as session:
        figures = report.activity_report(session, Actor(admin.id, None, Role.NETWORK_ADMIN),
                                         start, today)
    expect(staff.get_by_role("heading", level=2)).to_contain_text(
        start.strftime("%d.%m.%Y"))
    posts_card = staff.locator(".rt-Card").filter(has_text=_text("report.posts_published"))
    expect(posts_card.first).to_contain_text(str(figures.posts_published))
    expect(staff.locator("table caption").filter(has_text=_text("report.by_kind"))
           ).to_have_count(1)
    _shot(staff, f"activity-report-{width}")
    csv = staff.request.get(f"/files/activity-report.csv?start={start}&end={today}")
    assert csv.status == 200
    assert f"{_text('report.posts_published')};{figures.posts_published}" in csv.text()
