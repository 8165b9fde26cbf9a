"""The public certificate check in Chromium at phone and desktop width, in both languages:
screenshots for review (artifacts/screenshots/certificate-check-*.png), no horizontal overflow,
and no axe-core violation. The page is a plain HTTP route (no Reflex frontend), so Chromium's
requests are answered by the real route stack (our routes inside the production security
headers) through Playwright's request routing; no server process or frontend build is needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Route
from starlette.applications import Starlette
from starlette.testclient import TestClient

from harzportal import settings
from harzportal.core import clock
from harzportal.core.roles import Role
from harzportal.core.security_headers import with_security_headers
from harzportal.seminars import participation, registrations, routes, service
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_accessibility import AXE, AXE_SCRIPT
from tests.seminars.helpers import FORM, run

pytestmark = pytest.mark.e2e

NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def check_path(factories, private_data_dir):
    """The check path of a genuine certificate of a two-day seminar with a long title."""
    with clock.fixed_at(NOW):
        staff = factories.actor(factories.user(None, role=Role.NETWORK_ADMIN))
        organization = factories.organization(name="Harzer Chemiewerke GmbH")
        person = factories.user(organization, full_name="Dr. Marta Kühnemann-Überland")
        seminar = run(service.save_seminar, staff, None, FORM | {
            "title": "Gefahrstoffmanagement und Gefährdungsbeurteilung nach GefStoffV in der "
                     "Praxis", "ends_at": "2027-03-11T16:00"})
        run(service.publish_seminar, staff, seminar.id)
        registration = run(registrations.register, factories.actor(person), seminar.id,
                           person.id)
    with clock.fixed_at(NOW + timedelta(days=40)):
        run(participation.set_attendance, staff, registration.id, True)
        data = run(participation.certificate_data, factories.actor(person), registration.id)
    return data.verification_url.removeprefix(settings.get().public_origin)


def _serve_through_our_routes(context) -> None:
    client = TestClient(with_security_headers(Starlette(routes=routes.ROUTES)))
    origin = settings.get().public_origin

    def answer(route: Route) -> None:
        request = route.request
        response = client.get(request.url.removeprefix(origin),
                              headers={"accept-language": request.headers.get(
                                  "accept-language", "")})
        route.fulfill(status=response.status_code, headers=dict(response.headers),
                      body=response.content)

    context.route(f"{origin}/**", answer)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("which", ["genuine", "unknown"])
def test_certificate_check_screenshot(browser: Browser, check_path, width, language, which):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=language,
                                  extra_http_headers={"Accept-Language": language})
    _serve_through_our_routes(context)
    page = context.new_page()
    try:
        path = check_path if which == "genuine" else check_path[:-1] + (
            "A" if not check_path.endswith("A") else "B")
        response = page.goto(settings.get().public_origin + path)
        assert response.status == (200 if which == "genuine" else 404)
        assert page.locator("html").get_attribute("lang") == language
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"certificate-check-{which}-{language}-{width}.png",
                        full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page is {overflow}px wider than the {width}px viewport"
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_SCRIPT)
        assert violations == []
    finally:
        context.close()
