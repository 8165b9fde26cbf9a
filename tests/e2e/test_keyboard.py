"""Keyboard only: sign in, skip to the content, reach the navigation and a form — every stop of
the Tab key shows where it is (WCAG 2.1.1, 2.4.1, 2.4.7), and `<html lang>` follows the language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from harzportal.core.i18n import translate
from harzportal.demo import accounts
from tests.e2e.journeys import GREETING, open_login, sign_out

pytestmark = pytest.mark.e2e

# A visible focus indicator on the focused element, or for a text field on its Radix frame.
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {shown: false, what: 'nothing focused'};
  const drawn = (node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || (style.boxShadow && style.boxShadow !== 'none');
  };
  const frame = ['INPUT', 'TEXTAREA'].includes(el.tagName) ? el.parentElement : null;
  const rect = el.getBoundingClientRect();
  return {shown: drawn(el) || (frame !== null && drawn(frame)),
          visible: rect.width > 0 && rect.height > 0,
          what: `${el.tagName} ${el.id || ''} ${(el.innerText || el.name || '').slice(0, 40)}`};
}"""


def _tab(page: Page) -> dict:
    page.keyboard.press("Tab")
    page.wait_for_timeout(50)  # let the focus styles apply
    return page.evaluate(FOCUS_SHOWN)


def _tab_to(page: Page, matches, limit: int = 40) -> list[dict]:
    """Press Tab until `matches(focused)` holds; every stop on the way must show its focus."""
    stops = []
    for _ in range(limit):
        focused = _tab(page)
        stops.append(focused)
        assert focused["shown"] and focused["visible"], f"focus not visible on {focused['what']}"
        if matches(focused["what"]):
            return stops
    raise AssertionError(f"not reached by keyboard within {limit} Tab stops: {stops}")


def test_a_member_works_by_keyboard_alone(browser: Browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        open_login(page)
        page.wait_for_load_state("networkidle")
        # The language switch's radios rendered: before that its group is a bare, focusable div
        # (the suite's load once let the walk start there).
        expect(page.get_by_role("radio")).to_have_count(2)
        expect(page.get_by_role("radio").last).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "de"
        _tab_to(page, lambda what: what.startswith("INPUT field-email"))
        page.keyboard.type(accounts.HARZER_CONTACT_EMAIL)
        _tab_to(page, lambda what: what.startswith("INPUT field-password"))
        page.keyboard.type(accounts.DEMO_MEMBER_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/dashboard")
        expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()

        # After signing in the focus is on the page's main heading (announced).
        page.wait_for_function("() => document.activeElement.tagName === 'H1'")

        # On a plain load the first stop is the skip link; it takes the focus into the page.
        page.reload()
        expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()
        skip = _tab(page)
        assert skip["what"].startswith("A") and translate("nav.skip_to_content", "de") in skip["what"]
        assert skip["shown"] and skip["visible"]
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.id === 'main-content'")

        # The navigation: from the top, Tab reaches "Seminare" and Enter opens it.
        page.reload()
        expect(page.get_by_role("heading", level=1, name=GREETING)).to_be_visible()
        seminars = translate("nav.seminars", "de")
        stops = _tab_to(page, lambda what: what.startswith("A") and what.endswith(seminars))
        assert len(stops) >= 3  # skip link, header and the entries before it
        page.keyboard.press("Enter")
        page.wait_for_url("**/seminars")
        expect(page.get_by_role("heading", level=1, name=translate("seminars.title", "de"))
               ).to_be_visible()
        # A route change moves the focus to the new page's heading too.
        page.wait_for_function(
            "() => document.activeElement.tagName === 'H1' && "
            f"document.activeElement.innerText === {translate('seminars.title', 'de')!r}")

        # A form: on "Mein Konto" the language switch by keyboard sets <html lang>.
        page.goto("/account")
        expect(page.locator("#language-en")).to_be_visible()
        page.locator("#language-en").focus()
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.locator("#language-de").focus()
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        sign_out(page)
    finally:
        context.close()
