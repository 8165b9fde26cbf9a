"""Both dashboards show the demo network's real figures: each one compared with a query made
here, on the database the running server uses."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import func
from sqlmodel import Session, select

from harzportal import db
from harzportal.accounts.models import User
from harzportal.audit.models import AuditEvent
from harzportal.core import clock
from harzportal.core.formatting import day, money, number
from harzportal.core.i18n import translate, translate_plural
from harzportal.demo import accounts
from harzportal.documents.library import count_new
from harzportal.invoices.models import Invoice
from harzportal.organizations.models import ChangeRequest, Organization
from harzportal.seminars.models import Registration, Seminar
from harzportal.seminars.schedule import when
from tests.e2e.journeys import sign_in_ok, sign_out
from tests.factories import actor_for

pytestmark = pytest.mark.e2e


def _open_dashboard(browser: Browser, server: str, email: str, password: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    sign_in_ok(page, email, password)
    return page


def _table_rows(page: Page, title_key: str) -> list[tuple[str, str]]:
    """The screen-reader table of a chart: (label, value) per row."""
    table = page.locator("table", has=page.locator("caption",
                                                    has_text=translate(title_key, "de")))
    return [tuple(cell.strip() for cell in row.split("\t"))
            for row in table.locator("tbody tr").all_inner_texts()]


def _figure(page: Page, href: str) -> Locator:
    return page.locator("#network").locator(f"a[href='{href}']")


# ---- what the database says ------------------------------------------------------------------

def _open_invoices(session: Session, organization_id: int | None = None) -> list[Invoice]:
    query = select(Invoice).where(Invoice.kind == "invoice", Invoice.status == "issued")
    if organization_id is not None:
        query = query.where(Invoice.organization_id == organization_id)
    return list(session.exec(query))


def _staff_figures(session: Session) -> dict:
    today = clock.today()
    invoices = _open_invoices(session)
    overdue = [invoice for invoice in invoices if invoice.due_date < today]
    requests = list(session.exec(select(ChangeRequest).where(ChangeRequest.status == "open")))
    active = list(session.exec(select(Organization).where(Organization.status == "active")))
    seminars = session.exec(select(Seminar).where(
        Seminar.status == "published", Seminar.starts_at >= clock.now())
        .order_by(Seminar.starts_at).limit(6)).all()
    since = clock.now() - timedelta(days=31 * 12)
    downloads = Counter(clock.as_utc(moment).strftime("%Y-%m") for moment in session.exec(
        select(AuditEvent.occurred_at).where(AuditEvent.action == "document.download",
                                             AuditEvent.occurred_at >= since)))
    oldest = min((clock.as_utc(r.created_at) for r in requests), default=None)
    return {
        "approvals": len(requests),
        "oldest_days": (clock.now() - oldest).days if oldest else None,
        "outstanding": sum(i.gross_cents - i.paid_cents for i in invoices),
        "overdue": len(overdue),
        "overdue_amount": sum(i.gross_cents - i.paid_cents for i in overdue),
        "members": len(active),
        "users": session.exec(select(func.count()).select_from(User).where(User.is_active)).one(),
        "by_kind": Counter(o.kind for o in active),
        "by_state": Counter(o.federal_state for o in active),
        "fill": [f"{s.seats_taken} / {s.capacity}" for s in seminars],
        "downloads": downloads,
    }


def _member_items(session: Session, email: str) -> list[tuple[str, str]]:
    """(text, link) of every item the person should see, in the dashboard's order."""
    user = session.exec(select(User).where(User.email == email)).one()
    actor = actor_for(user)
    items = []
    invoices = _open_invoices(session, user.organization_id)
    if invoices:
        overdue = sum(1 for invoice in invoices if invoice.due_date < clock.today())
        items.append((translate_plural(
            "attention.invoices_one", "attention.invoices_other", len(invoices), "de",
            overdue=overdue, amount=money(sum(i.gross_cents - i.paid_cents for i in invoices),
                                          "de")), "/invoices"))
    profile = f"/organizations/{user.organization_id}"
    request = session.exec(select(ChangeRequest).where(
        ChangeRequest.organization_id == user.organization_id)
        .order_by(ChangeRequest.updated_at.desc())).first()
    if request is not None and request.status == "open":
        items.append((translate("attention.change_open", "de",
                                date=day(clock.as_utc(request.created_at).date(), "de")), profile))
    elif request is not None and clock.now() - clock.as_utc(request.decided_at) <= timedelta(30):
        items.append((translate("attention.change_decided", "de",
                                date=day(clock.as_utc(request.decided_at).date(), "de")), profile))
    for registration, seminar in session.exec(
            select(Registration, Seminar).join(Seminar).where(
                Registration.user_id == user.id,
                Registration.status.in_(["confirmed", "waitlisted"]),
                Seminar.starts_at >= clock.now()).order_by(Seminar.starts_at).limit(3)):
        items.append((translate(f"attention.seminar_{registration.status}", "de",
                                title=seminar.title, when=when(seminar, "de")),
                      f"/seminars/{seminar.id}"))
    new_documents = count_new(session, actor)  # the library's own rule for "new to you"
    if new_documents:
        items.append((translate_plural("attention.documents_one", "attention.documents_other",
                                       new_documents, "de"), "/documents"))
    return items


# ---- the tests --------------------------------------------------------------------------------

def test_the_staff_dashboard_shows_the_networks_figures(browser: Browser, server):
    page = _open_dashboard(browser, server, accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD)
    try:
        expect(page.locator("#network")).to_be_visible()
        with db.unit_of_work() as session:
            figures = _staff_figures(session)
        assert figures["approvals"] >= 1 and figures["members"] == 19  # the demo's own data
        approvals = _figure(page, "/admin/approvals")
        expect(approvals).to_contain_text(number(figures["approvals"], "de"))
        expect(approvals).to_contain_text(
            translate_plural("dashboard.oldest_days_one", "dashboard.oldest_days_other",
                             figures["oldest_days"], "de"))
        fees = page.locator("#network a[href='/admin/invoices']")
        expect(fees.first).to_contain_text(money(figures["outstanding"], "de"))
        expect(fees.nth(1)).to_contain_text(number(figures["overdue"], "de"))
        expect(fees.nth(1)).to_contain_text(money(figures["overdue_amount"], "de"))
        members = _figure(page, "/admin/organizations")
        expect(members).to_contain_text(number(figures["members"], "de"))
        expect(members).to_contain_text(number(figures["users"], "de"))

        kinds = {label: value for label, value in _table_rows(page, "dashboard.members_by_kind")}
        assert kinds == {translate(f"org_kind.{kind}", "de"): number(count, "de")
                         for kind, count in figures["by_kind"].items()}
        states = {label: value for label, value in _table_rows(page, "dashboard.members_by_state")}
        assert states == {translate(f"federal_state.{state}", "de"): number(count, "de")
                          for state, count in figures["by_state"].items()}
        fill = [value for _label, value in _table_rows(page, "dashboard.seminar_fill")]
        assert fill == figures["fill"] and len(fill) == 6
        downloads = dict(_table_rows(page, "dashboard.downloads"))
        assert downloads == {month: number(count, "de")
                             for month, count in figures["downloads"].items()}
        sign_out(page)
    finally:
        page.context.close()


def test_the_member_dashboard_lists_what_needs_their_attention(browser: Browser, server):
    page = _open_dashboard(browser, server, accounts.HARZER_MANAGER_EMAIL,
                           accounts.DEMO_MEMBER_PASSWORD)
    try:
        attention = page.locator("#attention")
        expect(attention).to_be_visible()
        with db.unit_of_work() as session:
            expected = _member_items(session, accounts.HARZER_MANAGER_EMAIL)
        assert expected, "the demo gives every member new documents at least"
        links = attention.locator("a")
        expect(links).to_have_count(len(expected))
        shown = [(text.strip(), links.nth(index).get_attribute("href"))
                 for index, text in enumerate(links.all_inner_texts())]
        assert shown == expected
        # Nothing of the staff's network figures on a member's dashboard.
        expect(page.locator("#network")).to_have_count(0)
        sign_out(page)
    finally:
        page.context.close()
