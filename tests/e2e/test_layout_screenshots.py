"""Every page of the navigation at 320, 375, 768 and 1280 px, as a member and as staff, in German
and English (issue 22): a screenshot of each for review (artifacts/screenshots/layout/), and a
check in the page that fails on horizontal page overflow, on texts and buttons whose boxes
overlap, and on text cut off by `overflow: hidden`. One sign-in per person and language; the
page is reused for every width."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from harzportal.demo import accounts
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.journeys import sign_in_ok

pytestmark = pytest.mark.e2e

WIDTHS = (320, 375, 768, 1280)
MEMBER_PAGES = ("/dashboard", "/invoices", "/seminars", "/my-seminars", "/documents",
                "/directory", "/organization", "/account")
STAFF_PAGES = ("/dashboard", "/admin/organizations", "/admin/approvals", "/admin/invoices",
               "/admin/fees", "/admin/seminars", "/admin/documents", "/directory",
               "/admin/users", "/admin/audit", "/account")
PEOPLE = {
    "member": (accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD, MEMBER_PAGES),
    "staff": (accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD, STAFF_PAGES),
}

# The layout problems of the page as it is shown: a list of readable findings ([] is good).
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth) {
    problems.push(`page scrolls sideways: ${page.scrollWidth}px in ${window.innerWidth}px`);
  }
  // Visually hidden for screen readers only (a 1px box that clips): not on the screen.
  const screenReaderOnly = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.clip.startsWith('rect(0') || style.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  const shown = (el) => {
    if (el.closest('[aria-hidden="true"], .skip-link, #connection-status, svg')) return false;
    if (screenReaderOnly(el)) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.opacity === '0') return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${
    (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
  // Texts: the box of the text itself (a Range), not of its (often full-width) element.
  const textBoxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || !shown(el) || el.closest('button, a, [role="radio"]')) continue;
    if (['SCRIPT', 'STYLE', 'TITLE'].includes(el.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      if (box.width > 1 && box.height > 1) textBoxes.push({el, box});
    }
  }
  const controls = [...document.querySelectorAll('button, a[href], [role="radio"], input, select, textarea')]
    .filter(shown).map((el) => ({el, box: el.getBoundingClientRect()}));
  const all = [...textBoxes, ...controls];
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const layered = (el) => el.closest('header, [role="menu"], [role="dialog"], [data-radix-popper-content-wrapper]');
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i], b = all[j];
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (Boolean(layered(a.el)) !== Boolean(layered(b.el))) continue;  // sticky header over content
      if (overlap(a.box, b.box)) {
        problems.push(`overlap: ${name(a.el)} and ${name(b.el)}`);
        if (problems.length > 20) return problems;
      }
    }
  }
  // Text cut by overflow: hidden (or clip): its content is wider or taller than its box.
  for (const el of document.querySelectorAll('body *')) {
    if (!shown(el) || !el.innerText || !el.innerText.trim()) continue;
    const style = getComputedStyle(el);
    const clipsX = ['hidden', 'clip'].includes(style.overflowX);
    const clipsY = ['hidden', 'clip'].includes(style.overflowY);
    if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`text cut: ${name(el)} (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
    }
  }
  return problems;
}"""


def _choose_language(page: Page, language: str) -> None:
    page.goto("/account")
    page.locator(f"#language-{language}").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def _settled(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_url(f"**{path}")
    expect(page.locator("main h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # charts and late texts


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("who", list(PEOPLE))
def test_every_page_fits_every_width(browser: Browser, server, who, language):
    email, password, pages = PEOPLE[who]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    folder = SCREENSHOTS / "layout"
    folder.mkdir(parents=True, exist_ok=True)
    findings: dict[str, list[str]] = {}
    try:
        sign_in_ok(page, email, password)
        _choose_language(page, language)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in pages:
                _settled(page, path)
                name = f"{who}-{language}-{width}{path.replace('/', '_')}.png"
                page.screenshot(path=folder / name, full_page=True)
                problems = page.evaluate(LAYOUT_PROBLEMS)
                if problems:
                    findings[f"{width}px {path}"] = problems
        _choose_language(page, "de")  # the next tests start in German again
    finally:
        context.close()
    assert findings == {}, "\n".join(f"{where}: {problems}" for where, problems in
                                     findings.items())
