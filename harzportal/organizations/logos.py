"""Organization logos: checked by content, re-encoded by Pillow, kept in private storage.

A logo is accepted when Pillow recognizes PNG, JPEG or WebP in its bytes (the file name is
ignored), it is at most 2 MB and at most 40 megapixels. It is scaled to fit 400 x 400 and saved
as PNG under the SHA-256 of its new content, outside Reflex's public upload folder. SVG and every
other format are refused. Logos leave only through the logo route, to signed-in users.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from harzportal.core import private_files
from harzportal.core.errors import ValidationFailed
from harzportal.organizations.profile import LOGO_NAME

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000
BOX = (400, 400)
ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP"}
URL_PREFIX = "/files/logos/"
AREA = "logos"


def logo_directory() -> Path:
    return private_files.directory(AREA)


def logo_url(name: str) -> str:
    return f"{URL_PREFIX}{name}" if name else ""


def _too_many_pixels() -> ValidationFailed:
    return ValidationFailed("logo.too_many_pixels", field="logo",
                            megapixels=MAX_PIXELS // 1_000_000)


def _decode(data: bytes) -> Image.Image:
    """The image of `data`. `Image.open` reads only the header: the format and the pixel count
    are judged from it, and only an image within the limit is decoded (`load`). A header that
    claims far more pixels than Pillow's own bomb limit is refused by `Image.open` itself."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationFailed("logo.wrong_type", field="logo")
            if probe.width * probe.height > MAX_PIXELS:
                raise _too_many_pixels()
            probe.load()
            image = probe.copy()
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationFailed("logo.wrong_type", field="logo") from None
    return image


def store_logo(data: bytes) -> str:
    """Check, re-encode and store an uploaded logo; return its generated name."""
    if not data:
        raise ValidationFailed("logo.empty", field="logo")
    if len(data) > MAX_BYTES:
        raise ValidationFailed("logo.too_large", field="logo")
    image = _decode(data)
    image = image.convert("RGBA")
    image.thumbnail(BOX, Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    name, _digest = private_files.store(AREA, output.getvalue(), "png")
    return name


def logo_path(name: object) -> Path | None:
    """The stored file of a logo name, or None for anything that is not one of ours."""
    if not isinstance(name, str) or not LOGO_NAME.fullmatch(name):
        return None
    return private_files.path_of(AREA, name)
