"""Every page, for a member and for staff, in German and in English:

- axe-core (from the npm registry, injected into the page) finds no violation: none serious or
  critical (WCAG 2.2 AA), and none moderate or minor either; the counts are printed;
- no text on the page comes from the other language's catalogue or shows a bare catalogue key
  (a string that bypassed the translation).

The pages are every route the app registers (a new page without an entry here fails the test)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from harzportal import db
from harzportal.accounts.models import TokenPurpose, User
from harzportal.accounts.service import _issue_account_token
from harzportal.circulars.models import Circular
from harzportal.core.i18n import message_table
from harzportal.demo import accounts
from harzportal.demo.changes import OPEN_FOR
from harzportal.documents.models import Document
from harzportal.exchange.models import Post
from harzportal.invoices.models import Invoice
from harzportal.organizations.models import ChangeRequest, Organization
from harzportal.seminars.models import Seminar
from tests.e2e.conftest import ROOT, SCREENSHOTS
from tests.e2e.journeys import open_login, sign_in_ok, sign_out

pytestmark = pytest.mark.e2e

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
SOURCES = Path(__file__).resolve().parents[2] / "harzportal"
ROUTE = re.compile(r'(?:portal_page|public_page|rx\.page)\(\s*(?:route=)?"([^"]+)"')
REDIRECT_ONLY = {"/"}  # sends to /dashboard or /login

PUBLIC = ["/login", "/forgot-password", "/reset-password?token={reset_token}",
          "/invitation?token={invitation_token}"]
MEMBER = ["/dashboard", "/organization", "/organizations/{harzer}", "/organizations/{harzer}/edit",
          "/organizations/{harzer}/contacts", "/invoices", "/invoices/{harzer_invoice}",
          "/seminars", "/seminars/{seminar}", "/my-seminars", "/documents",
          "/documents/{document}", "/directory", "/directory/{harzer}", "/circulars",
          "/circulars/{circular}", "/account", "/account/security", "/exchange", "/exchange/mine",
          "/exchange/new", "/exchange/{other_post}", "/exchange/{harzer_post}",
          "/exchange/{harzer_post}/edit", "/invoices/mandate"]
STAFF = ["/dashboard", "/admin/approvals", "/admin/approvals/{open_request}",
         "/admin/organizations", "/organizations/{selketal}", "/organizations/{selketal}/edit",
         "/organizations/{selketal}/contacts", "/admin/invoices", "/admin/invoices/run",
         "/admin/invoices/new", "/admin/invoices/reminders", "/invoices/{harzer_invoice}", "/admin/fees", "/admin/seminars",
         "/admin/seminars/{seminar}", "/admin/seminars/{seminar}/edit", "/admin/seminars/new",
         "/admin/documents", "/admin/documents/new", "/admin/documents/{document}", "/admin/bank",
         "/admin/debits", "/admin/jobs",
         "/documents/{document}", "/admin/circulars", "/admin/circulars/new",
         "/admin/circulars/{circular}", "/admin/users", "/admin/audit", "/account",
         "/account/security", "/admin/exchange", "/exchange/{pending_post}",
         "/admin/activity-report"]

AXE_SCRIPT = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({impact: v.impact, id: v.id,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
# Every text node and every text a screen reader or tooltip shows; left out: parts marked as
# another language (the language switch names each language in itself) and <code> (the audit
# log's action names are identifiers).
TEXTS_SCRIPT = """() => {
  const texts = [];
  const pageLanguage = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)
        && !parent.closest('code') && parent.closest('[lang]').lang === pageLanguage) {
      texts.push(walker.currentNode.textContent);
    }
  }
  for (const el of document.querySelectorAll('[placeholder],[aria-label],[title],[alt]')) {
    for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
      if (el.getAttribute(name)) texts.push(el.getAttribute(name));
    }
  }
  return texts.map(t => t.trim()).filter(t => t.length > 0);
}"""


def _registered_routes() -> set[str]:
    return {route for path in SOURCES.rglob("*.py")
            for route in ROUTE.findall(path.read_text(encoding="utf-8"))}


def _as_route(path: str) -> str:
    """/organizations/{harzer}/edit?x=1 -> /organizations/[id]/edit, as the routes read."""
    return re.sub(r"\{\w+\}", "[id]", path.split("?")[0])


def _route_pattern(route: str) -> str:
    return re.sub(r"\[[a-z_]+\]", "[id]", route)


def _foreign_text_pattern(language: str) -> re.Pattern:
    """Texts of the other language (where it differs) with their placeholders as wildcards,
    and bare catalogue keys. A text that is mostly placeholders ("{done} von {total}") is left
    out: as a pattern it would match any data with that word in it (a seminar "Einkauf von …")."""
    other = "en" if language == "de" else "de"
    alternatives = set()
    for key, entry in message_table().items():
        text = entry[other]
        words = re.sub(r"\{\w+\}", "", text)
        if text == entry[language] or len(re.findall(r"[A-Za-zÄÖÜäöüß]", words)) < 8:
            continue
        alternatives.add(re.sub(r"\\\{\w+\\\}", ".+?", re.escape(text)))
        alternatives.add(re.escape(key))
    return re.compile("|".join(sorted(alternatives)))


def _ids() -> dict[str, object]:
    with db.unit_of_work() as session:
        def organization(name: str) -> int:
            return session.exec(select(Organization.id).where(Organization.name == name)).one()

        harzer = organization("Harzer Chemiewerke GmbH")
        invited = session.exec(select(User).where(User.password_hash.is_(None))
                               .order_by(User.id)).first()
        return {
            "harzer": harzer,
            "selketal": organization(OPEN_FOR),
            "harzer_invoice": session.exec(select(Invoice.id).where(
                Invoice.organization_id == harzer).order_by(Invoice.id)).first(),
            "seminar": session.exec(select(Seminar.id).order_by(Seminar.id)).first(),
            "document": session.exec(select(Document.id).where(Document.audience == "all")
                                     .order_by(Document.id)).first(),
            "circular": session.exec(select(Circular.id).order_by(Circular.id)).first(),
            "open_request": session.exec(select(ChangeRequest.id).where(
                ChangeRequest.status == "open")).first(),
            # Links as the mails carry them: a real invitation, any reset token (form shown).
            "invitation_token": _issue_account_token(session, invited, TokenPurpose.INVITATION,
                                                     timedelta(hours=1)),
            "reset_token": "a" * 43,
            "harzer_post": session.exec(select(Post.id).where(
                Post.organization_id == harzer).order_by(Post.id)).first(),
            "other_post": session.exec(select(Post.id).where(
                Post.organization_id != harzer, Post.status == "published",
                Post.visibility == "members").order_by(Post.id)).first(),
            "pending_post": session.exec(select(Post.id).where(
                Post.status == "pending").order_by(Post.id)).first(),
        }


def _screenshot(page: Page, who: str, path: str, language: str, width: int) -> None:
    """Every page as a picture for review (artifacts/screenshots/pages/)."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.split("?")[0].lower()).strip("-") or "root"
    folder = SCREENSHOTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{who}-{slug}-{language}-{width}.png", full_page=True)


class Findings:
    def __init__(self, language: str):
        self.language = language
        self.foreign = _foreign_text_pattern(language)
        self.pages: list[str] = []
        self.serious: list[str] = []
        self.minor: list[str] = []
        self.bypassed: list[str] = []

    def check(self, page: Page, path: str, who: str) -> None:
        page.goto(path)
        expect(page.locator("h1").first).to_be_visible()
        page.wait_for_timeout(300)
        _screenshot(page, who, path, self.language, 1280)
        page.add_script_tag(path=str(AXE))
        for violation in page.evaluate(AXE_SCRIPT):
            found = f"{path}: {violation['id']} ({violation['impact']}) {violation['nodes']}"
            if violation["impact"] in ("serious", "critical"):
                self.serious.append(found)
            else:
                self.minor.append(found)
        self.bypassed += [f"{path}: {text!r}" for text in page.evaluate(TEXTS_SCRIPT)
                          if self.foreign.fullmatch(text)]
        self.pages.append(path)


def _choose_language(page: Page, language: str) -> None:
    page.goto("/account")
    page.locator(f"#language-{language}").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_every_route_is_checked():
    checked = {_as_route(path) for path in PUBLIC + MEMBER + STAFF}
    registered = {_route_pattern(route) for route in _registered_routes()} - REDIRECT_ONLY
    assert registered - checked == set()


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_is_accessible_and_in_one_language(browser: Browser, server, language,
                                                      capsys):
    assert AXE.exists(), "axe-core is missing: `make test` installs it from npm"
    ids = _ids()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    findings = Findings(language)
    try:
        open_login(page)
        page.evaluate(f"localStorage.setItem('hp_lang', '{language}')")
        for path in PUBLIC:
            findings.check(page, path.format(**ids), "public")
        for who, email, password, paths in (
                ("member", accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD, MEMBER),
                ("staff", accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD, STAFF)):
            sign_in_ok(page, email, password)
            _choose_language(page, language)
            for path in paths:
                findings.check(page, path.format(**ids), who)
            _choose_language(page, "de")  # leave the demo account as the other tests expect
            sign_out(page)
    finally:
        context.close()
    with capsys.disabled():
        print(f"\naxe-core [{language}]: {len(findings.pages)} pages, "
              f"{len(findings.serious)} serious or critical, {len(findings.minor)} moderate or minor "
              f"violations; {len(findings.bypassed)} texts outside the catalogue")
    assert findings.serious == []
    assert findings.minor == []
    assert findings.bypassed == [], findings.bypassed


def test_every_page_at_phone_width(browser: Browser, server):
    """The same pages at 375 px (German), as pictures for review."""
    ids = _ids()
    shown = 0
    for who, email, password, paths in (
            ("member", accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD, MEMBER),
            ("staff", accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD, STAFF)):
        # A context of its own per person: the phone layout signs out through the menu button.
        context = browser.new_context(viewport={"width": 375, "height": 800}, base_url=server)
        page = context.new_page()
        page.set_default_timeout(20000)
        try:
            sign_in_ok(page, email, password)
            for path in (path.format(**ids) for path in paths):
                page.goto(path)
                expect(page.locator("h1").first).to_be_visible()
                page.wait_for_timeout(300)
                _screenshot(page, who, path, "de", 375)
                shown += 1
        finally:
            context.close()
    assert shown == len(MEMBER) + len(STAFF)
