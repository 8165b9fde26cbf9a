"""The competence field suggests the profiles' vocabulary, on the post form and on the profile
form alike: the browser's own suggestion list (a datalist) that completes the item typed after
a comma, typed with the keyboard only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from harzportal.core.i18n import translate
from harzportal.demo import accounts
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.journeys import new_page, sign_in_ok
from tests.e2e.test_exchange_journeys import _user

pytestmark = pytest.mark.e2e


def _suggested(page: Page) -> list[str]:
    """The values of the datalist the competence field currently points to."""
    return page.eval_on_selector(
        "#field-competences",
        "input => Array.from(input.list ? input.list.options : [], o => o.value)")


def _check_field(page: Page, shot: str) -> None:
    field = page.locator("#field-competences")
    expect(field).to_be_visible()
    expect(page.get_by_text(translate("competences.hint", "de"))).to_be_visible()
    # The page's own list first: the whole vocabulary of the members' profiles.
    assert {"Hydrometallurgie", "Metallrückgewinnung"} <= set(_suggested(page))
    field.fill("")
    field.focus()
    page.keyboard.type("Hydrometallurgie, metall")
    # Now the list completes the last item: what was typed, then each fitting competence.
    suggested = _suggested(page)
    assert "Hydrometallurgie, Metallrückgewinnung" in suggested
    assert all(value.startswith("Hydrometallurgie, ") for value in suggested)
    assert all("metall" in value.split(", ")[1].lower() for value in suggested)
    assert "Hydrometallurgie, Hydrometallurgie" not in suggested
    page.keyboard.press("Control+A")
    page.keyboard.type("Hydrometallurgie,")
    after_comma = _suggested(page)  # nothing typed yet: the most listed ones
    assert after_comma and all(value.startswith("Hydrometallurgie, ") for value in after_comma)
    assert "Hydrometallurgie, Hydrometallurgie" not in after_comma  # chosen already
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("window.scrollTo(0, 0)")  # the sticky header stays at the top
        page.wait_for_timeout(300)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"competences-{shot}-{width}.png", full_page=True)


def test_the_post_form_and_the_profile_form_suggest_the_vocabulary(browser: Browser, server):
    page = new_page(browser, server)
    sign_in_ok(page, accounts.HARZER_MANAGER_EMAIL, accounts.DEMO_MEMBER_PASSWORD)
    page.goto("/exchange/new")
    _check_field(page, "post")
    organization_id = _user(accounts.HARZER_MANAGER_EMAIL).organization_id
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/organizations/{organization_id}/edit")
    _check_field(page, "profile")
