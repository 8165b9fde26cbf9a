"""The logo upload handler: the right to change the organization's profile is checked before a
byte of the upload is read, and an image's size is judged from its header before it is decoded."""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image, ImageFile

import harzportal.harzportal  # noqa: F401 - registers every page and State
from harzportal.core.i18n import translate
from harzportal.core.roles import Role
from harzportal.organizations import logos
from harzportal.organizations.edit_state import ProfileEditState
from tests.handler_calls import call_handler, signed_in_state
from tests.organizations.helpers import image_bytes

pytestmark = pytest.mark.service


class SpyUpload:
    """An uploaded file that records every read of its bytes."""

    def __init__(self, data: bytes):
        self.data = data
        self.reads = 0

    async def read(self, size: int = -1) -> bytes:
        self.reads += 1
        return self.data if size < 0 else self.data[:size]


@pytest.fixture
def decoded(monkeypatch) -> list[str]:
    """Every time Pillow opens or decodes an image (the lazy open included)."""
    seen: list[str] = []
    real_open, real_load = Image.open, ImageFile.ImageFile.load

    def spy_open(*args, **kwargs):
        seen.append("open")
        return real_open(*args, **kwargs)

    def spy_load(self):
        seen.append("load")
        return real_load(self)

    monkeypatch.setattr(Image, "open", spy_open)
    monkeypatch.setattr(ImageFile.ImageFile, "load", spy_load)
    return seen


@pytest.fixture
def people(factories):
    own = factories.organization(name="Harzer Chemiewerke GmbH")
    other = factories.organization(name="Oker Recycling GmbH")
    return {
        "own": own, "other": other,
        "contact": factories.user(own, role=Role.CONTACT),
        "manager": factories.user(own, role=Role.ORG_MANAGER),
        "other_manager": factories.user(other, role=Role.ORG_MANAGER),
        "staff": factories.user(None, role=Role.NETWORK_ADMIN),
    }


def stored_logos(logo_store) -> list:
    return sorted(logo_store.iterdir()) if logo_store.exists() else []


async def upload_as(user, organization, monkeypatch, upload: SpyUpload) -> ProfileEditState:
    state = signed_in_state(ProfileEditState, user, monkeypatch, organization.id)
    await call_handler(state, "upload_logo", [upload])
    return state


@pytest.mark.parametrize(("who", "key"), [("contact", "error.permission_denied"),
                                          ("other_manager", "error.not_found")])
async def test_an_upload_without_the_right_to_change_the_profile_is_neither_read_nor_decoded(
        people, monkeypatch, logo_store, decoded, who, key):
    upload = SpyUpload(image_bytes("PNG", size=(2000, 2000)))

    state = await upload_as(people[who], people["own"], monkeypatch, upload)

    assert upload.reads == 0
    assert decoded == []
    assert stored_logos(logo_store) == []
    assert state.errors.logo == translate(key, "de")
    assert state.logo_preview == ""
    assert state._logo_choice is None


@pytest.mark.parametrize("who", ["manager", "staff"])
async def test_a_profile_editor_uploads_a_logo(people, monkeypatch, logo_store, who):
    upload = SpyUpload(image_bytes("PNG", size=(800, 600)))

    state = await upload_as(people[who], people["own"], monkeypatch, upload)

    assert upload.reads == 1
    assert state.errors.logo == ""
    assert state.logo_preview.startswith("data:image/png;base64,")
    assert [path.name for path in stored_logos(logo_store)] == [state._logo_choice]


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels in its header (its pixel data is a stub)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize(("width", "height"), [(8000, 5001), (20000, 20000), (100000, 100000)])
def test_the_pixel_count_is_judged_from_the_header_before_decoding(decoded, logo_store,
                                                                   width, height):
    with pytest.raises(Exception) as raised:
        logos.store_logo(png_header(width, height))

    assert getattr(raised.value, "message_key", None) == "logo.too_many_pixels"
    assert "load" not in decoded
    assert stored_logos(logo_store) == []


async def test_the_pixel_limit_is_shown_in_the_readers_language(people, monkeypatch, logo_store):
    state = await upload_as(people["manager"], people["own"], monkeypatch,
                            SpyUpload(png_header(20000, 20000)))

    assert state.errors.logo == translate("logo.too_many_pixels", "de",
                                          megapixels=logos.MAX_PIXELS // 1_000_000)
    assert "40" in state.errors.logo
    assert stored_logos(logo_store) == []
