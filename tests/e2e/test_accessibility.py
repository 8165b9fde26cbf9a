"""Accessibility: every page passes axe-core (from the npm registry, injected into the page)
with no serious or critical violation, in German and in English."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from harzportal.demo import accounts
from tests.e2e.conftest import ROOT
from tests.e2e.journeys import open_login, sign_in_ok, sign_out

pytestmark = pytest.mark.e2e

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
PUBLIC = ["/login", "/forgot-password"]
MEMBER = ["/dashboard", "/organization", "/invoices", "/seminars", "/my-seminars", "/documents",
          "/directory", "/account"]
MEMBER_DETAIL = ["/organizations/{harzer}/edit", "/organizations/{harzer}/contacts",
                 "/seminars/3", "/documents/2", "/directory/{harzer}", "/invoices/7"]
STAFF = ["/dashboard", "/admin/approvals", "/admin/organizations", "/admin/invoices",
         "/admin/invoices/run", "/admin/invoices/new", "/admin/fees", "/admin/seminars",
         "/admin/seminars/1", "/admin/seminars/new", "/admin/documents", "/admin/documents/new",
         "/admin/documents/1", "/admin/users", "/admin/audit"]
SCRIPT = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' '))}`);
}"""


def _violations(page: Page, path: str) -> list[str]:
    page.goto(path)
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_timeout(300)
    page.add_script_tag(path=str(AXE))
    return [f"{path}: {violation}" for violation in page.evaluate(SCRIPT)]


def _harzer_id() -> int:
    from sqlmodel import select

    from harzportal import db
    from harzportal.organizations.models import Organization
    with db.unit_of_work() as session:
        return session.exec(select(Organization.id).where(
            Organization.name == "Harzer Chemiewerke GmbH")).one()


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_has_no_serious_accessibility_violation(browser: Browser, server, language):
    assert AXE.exists(), "axe-core is missing: `make test` installs it from npm"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    found: list[str] = []
    try:
        open_login(page)
        page.evaluate(f"localStorage.setItem('hp_lang', '{language}')")
        for path in PUBLIC:
            found += _violations(page, path)
        harzer = _harzer_id()
        for email, password, paths in (
                (accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD,
                 MEMBER + [p.format(harzer=harzer) for p in MEMBER_DETAIL]),
                (accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD, STAFF)):
            sign_in_ok(page, email, password)
            page.goto("/account")
            page.locator(f"#language-{language}").click()
            for path in paths:
                found += _violations(page, path)
            page.goto("/account")
            page.locator("#language-de").click()  # leave the demo account as the others expect
            sign_out(page)
    finally:
        context.close()
    assert found == []
