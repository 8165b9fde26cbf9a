"""The focus indicator stands out (WCAG 1.4.11, issue 22): every Tab stop of the login page and
of member and staff pages is focused by the keyboard, and the contrast of its indicator (the
outline or focus shadow of the element, or of a text field's frame) against the background
right around it is computed in the page; every kind of focusable element reaches 3:1 on every
background it appears on (white cards, the grey page, the header's colour)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from harzportal.demo import accounts
from tests.e2e.journeys import open_login, sign_in_ok

pytestmark = pytest.mark.e2e

MINIMUM = 3.0

# The focused element's indicator colour, the background behind it, their contrast and a kind.
FOCUS_CONTRAST = """(given) => {
  const el = given || document.activeElement;
  if (!el || el === document.body) return null;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const paint = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (color) => {  // any CSS colour (rgb, oklch, color(...)) as sRGB bytes
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = '#000';
    paint.fillStyle = color;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
    return {r, g, b, a: a / 255};
  };
  const indicator = (node) => {
    // Radix draws some rings (the checkbox's) on the ::before of the control.
    return ring(getComputedStyle(node)) || ring(getComputedStyle(node, '::before'));
  };
  const ring = (style) => {
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
      return style.outlineColor;
    }
    if (style.boxShadow && style.boxShadow !== 'none') {
      const match = style.boxShadow.match(/(rgba?\\([^)]*\\)|color\\([^)]*\\)|oklch\\([^)]*\\)|#[0-9a-f]+)/i);
      if (match) return match[1];
    }
    return null;
  };
  const frame = ['INPUT', 'TEXTAREA'].includes(el.tagName) ? el.parentElement : null;
  const drawnOn = indicator(el) ? el : (frame && indicator(frame) ? frame : null);
  const kind = `${el.tagName.toLowerCase()}${el.getAttribute('role') ? '[role=' + el.getAttribute('role') + ']' : ''}`
    + (el.closest('header') ? ' in header' : '');
  const what = `${kind} ${(el.innerText || el.name || el.id || '').trim().slice(0, 30)}`;
  if (!drawnOn) return {what, kind, ratio: 0, indicator: 'none', background: ''};
  // The background around the indicator: the first opaque background behind the element.
  let node = drawnOn.parentElement, back = null;
  while (node) {
    const color = rgba(getComputedStyle(node).backgroundColor);
    if (color.a > 0.5) { back = color; break; }
    node = node.parentElement;
  }
  back = back || {r: 255, g: 255, b: 255, a: 1};
  const ringColor = rgba(indicator(drawnOn));
  const mix = (c) => ({r: c.r * c.a + back.r * (1 - c.a), g: c.g * c.a + back.g * (1 - c.a),
                       b: c.b * c.a + back.b * (1 - c.a)});
  const luminance = (c) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const [l1, l2] = [luminance(mix(ringColor)), luminance(back)].sort((a, b) => b - a);
  return {what, kind, ratio: (l1 + 0.05) / (l2 + 0.05),
          indicator: `rgb(${ringColor.r},${ringColor.g},${ringColor.b})`, background: `rgb(${back.r},${back.g},${back.b})`};
}"""


def _tab_stops(page: Page, limit: int = 60) -> list[dict]:
    """Tab from the top of the page through its stops (until the focus comes round again)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        page.wait_for_timeout(40)
        stop = page.evaluate(FOCUS_CONTRAST)
        if stop is None:
            continue
        key = stop["what"]
        if key in seen:
            break
        seen.add(key)
        stops.append(stop)
    return stops


def _too_faint(stops: list[dict]) -> list[str]:
    return [f"{s['what']}: {s['ratio']:.2f}:1 ({s['indicator']} on {s['background']})"
            for s in stops if s["ratio"] < MINIMUM]


@pytest.mark.parametrize("who", ["member", "staff"])
def test_every_focus_indicator_has_3_to_1_contrast(browser: Browser, server, who):
    email, password, pages = {
        "member": (accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD,
                   ("/dashboard", "/documents", "/seminars", "/account")),
        "staff": (accounts.ADMIN_EMAIL, accounts.DEMO_ADMIN_PASSWORD,
                  ("/dashboard", "/admin/invoices", "/admin/audit")),
    }[who]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    faint, kinds = [], set()
    try:
        open_login(page)
        page.wait_for_load_state("networkidle")  # as below: the page's controls all rendered
        stops = _tab_stops(page)
        faint += [f"/login {line}" for line in _too_faint(stops)]
        kinds |= {s["kind"] for s in stops}
        sign_in_ok(page, email, password)
        for path in pages:
            page.goto(path)
            expect(page.locator("main h1").first).to_be_visible()
            page.wait_for_load_state("networkidle")
            stops = _tab_stops(page)
            faint += [f"{path} {line}" for line in _too_faint(stops)]
            kinds |= {s["kind"] for s in stops}
    finally:
        context.close()
    # The walk met the kinds of control the portal has (so the check looked at something).
    assert {"a", "a in header", "button", "input"} <= kinds, kinds
    assert faint == [], "\n".join(faint)


def _forced_focus(page: Page, selector: str) -> dict:
    """The indicator of `selector` as if the keyboard had focused it, forced through the
    DevTools protocol (Radix moves a real focus on from the group at once, mostly)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    cdp.send("CSS.forcePseudoState", {"nodeId": node,
                                      "forcedPseudoClasses": ["focus", "focus-visible"]})
    return page.evaluate(FOCUS_CONTRAST, page.locator(selector).first.element_handle())


def test_the_language_switch_shows_the_focus_on_itself_too(browser: Browser, server):
    """A Tab can leave the focus on the switch's group rather than on its checked item (seen in
    the walk above on a busy machine): Radix gives the group an inline `outline: none`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    try:
        open_login(page)
        page.wait_for_load_state("networkidle")
        on_page = _forced_focus(page, "[role=radiogroup]")
        sign_in_ok(page, accounts.HARZER_CONTACT_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
        in_header = _forced_focus(page, "header [role=radiogroup]")
    finally:
        context.close()
    assert on_page["ratio"] >= MINIMUM, on_page
    assert in_header["ratio"] >= MINIMUM, in_header
