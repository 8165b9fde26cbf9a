"""Logos: checked by content, re-encoded as PNG, stored privately, served only to those who may
see them."""

from __future__ import annotations

import hashlib
import io
import os
import warnings

import pytest
from PIL import Image
from starlette.applications import Starlette

from harzportal import db
from harzportal.accounts import sessions
from harzportal.core.errors import ValidationFailed
from harzportal.core.roles import Role
from harzportal.organizations import changes, logos, routes
from harzportal.shell.state import SESSION_COOKIE
from tests.factories import actor_for
from tests.organizations.helpers import image_bytes, live_form, run

with warnings.catch_warnings():  # Starlette suggests httpx2; httpx is what the project has
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.service


def stored_image(name: str) -> Image.Image:
    path = logos.logo_path(name)
    assert path is not None
    image = Image.open(path)
    image.load()
    return image


def refused_with(data: bytes) -> str:
    with pytest.raises(ValidationFailed) as raised:
        logos.store_logo(data)
    assert raised.value.field == "logo"
    return raised.value.message_key


# Storing

def test_a_png_is_re_encoded_and_scaled_to_fit_the_box(logo_store):
    name = logos.store_logo(image_bytes("PNG", size=(800, 600)))

    image = stored_image(name)
    assert image.format == "PNG"
    assert image.size == (400, 300)  # fits 400 x 400, aspect ratio kept
    assert logos.logo_path(name).parent == logo_store


def test_a_small_logo_is_not_enlarged():
    assert stored_image(logos.store_logo(image_bytes("PNG", size=(100, 50)))).size == (100, 50)


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_accepted_formats_are_recognized_by_content_and_stored_as_png(image_format):
    """store_logo never sees a file name: a PNG renamed to .jpg is still a PNG here."""
    name = logos.store_logo(image_bytes(image_format))

    assert stored_image(name).format == "PNG"


def test_the_stored_name_is_the_sha256_of_the_stored_content():
    name = logos.store_logo(image_bytes("JPEG"))

    content = logos.logo_path(name).read_bytes()
    assert name == f"{hashlib.sha256(content).hexdigest()}.png"
    assert logos.store_logo(image_bytes("JPEG")) == name  # the same logo is stored once


def gif() -> bytes:
    return image_bytes("GIF")


def truncated_png() -> bytes:
    data = image_bytes("PNG", size=(300, 300))
    return data[: len(data) // 2]


@pytest.mark.parametrize("data", [
    pytest.param(b"hello", id="text"),
    pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                 id="svg"),
    pytest.param(gif(), id="gif"),
    pytest.param(truncated_png(), id="truncated-png"),
])
def test_other_content_is_refused_as_wrong_type(data, logo_store):
    assert refused_with(data) == "logo.wrong_type"
    assert not logo_store.exists() or list(logo_store.iterdir()) == []


def test_a_file_over_2_mb_is_refused():
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3 * 1000 * 1000))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > logos.MAX_BYTES

    assert refused_with(buffer.getvalue()) == "logo.too_large"


def test_an_image_over_40_megapixels_is_refused():
    buffer = io.BytesIO()
    Image.new("L", (8000, 5001)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) <= logos.MAX_BYTES

    assert refused_with(buffer.getvalue()) == "logo.too_many_pixels"


def test_an_empty_file_is_refused():
    assert refused_with(b"") == "logo.empty"


@pytest.mark.parametrize("name", [
    "../../etc/passwd",
    "../" + "a" * 64 + ".png",
    "a" * 64 + ".png/../x",
    "A" * 64 + ".png",
    "a" * 63 + ".png",
    "a" * 64 + ".jpg",
    "a" * 64 + ".png",  # the right shape, but no such file
    "",
    None,
    12,
])
def test_logo_path_only_returns_stored_logos(name):
    assert logos.logo_path(name) is None


# The HTTP route

@pytest.fixture
def client():
    with TestClient(Starlette(routes=routes.ROUTES)) as test_client:
        yield test_client


def signed_in(client: TestClient, user) -> TestClient:
    with db.unit_of_work() as session:
        client.cookies.set(SESSION_COOKIE, sessions.start_session(session, user))
    return client


@pytest.fixture
def own(factories):
    organization = factories.organization(name="Harzer Chemiewerke GmbH", street="Am Werk 1")
    return {"organization": organization,
            "manager": factories.user(organization, role=Role.ORG_MANAGER),
            "contact": factories.user(organization, role=Role.CONTACT)}


@pytest.fixture
def stranger(factories):
    return factories.user(factories.organization(name="Oker Recycling GmbH"), role=Role.CONTACT)


@pytest.fixture
def proposed_logo(own) -> str:
    """A logo the own organization's manager proposed; not live anywhere."""
    name = logos.store_logo(image_bytes("PNG", color=(200, 30, 30)))
    form = live_form(own["organization"].id) | {"logo": name}
    run(changes.propose_change, actor_for(own["manager"]), own["organization"].id, form)
    return name


@pytest.fixture
def live_logo(factories) -> str:
    name = logos.store_logo(image_bytes("PNG", color=(30, 30, 200)))
    factories.organization(name="Brocken Logistik GmbH", logo_file=name)
    return name


def test_without_a_session_no_logo_is_served(client, live_logo):
    response = client.get(logos.logo_url(live_logo))

    assert response.status_code == 404
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_proposed_logo_is_hidden_from_other_organizations(client, proposed_logo, stranger):
    assert signed_in(client, stranger).get(logos.logo_url(proposed_logo)).status_code == 404


def test_a_proposed_logo_is_served_to_the_own_organization(client, proposed_logo, own):
    response = signed_in(client, own["contact"]).get(logos.logo_url(proposed_logo))

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content == logos.logo_path(proposed_logo).read_bytes()


def test_a_live_logo_of_an_active_member_is_served_to_every_signed_in_person(client, live_logo,
                                                                              stranger):
    response = signed_in(client, stranger).get(logos.logo_url(live_logo))

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"


def test_a_live_logo_of_a_former_member_is_hidden_from_others(factories, client, stranger):
    name = logos.store_logo(image_bytes("PNG", color=(1, 2, 3)))
    factories.organization(name="Alte Hütte AG", logo_file=name, status="left")

    assert signed_in(client, stranger).get(logos.logo_url(name)).status_code == 404


@pytest.mark.parametrize("path", ["/files/logos/" + "a" * 64 + ".png",
                                  "/files/logos/..%2F..%2Fetc%2Fpasswd"])
def test_unknown_names_answer_404(client, stranger, path):
    assert signed_in(client, stranger).get(path).status_code == 404
