"""Web addresses and phone numbers people type (organization profiles, own contact details,
seminar links): checked and normalized, or a ValidationFailed naming the field."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from harzportal.core.errors import ValidationFailed

_PHONE = re.compile(r"\+?[0-9 ()/.\-]+")
_HOSTNAME = re.compile(r"(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
                       re.IGNORECASE)


def normalize_website(raw: str) -> str:
    if not raw:
        return ""
    candidate = raw if "://" in raw else f"https://{raw}"
    try:
        parts = urlsplit(candidate)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        raise ValidationFailed("profile.website_invalid", field="website") from None
    if (parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok
            or parts.username or parts.password or " " in candidate
            or not _HOSTNAME.fullmatch(parts.hostname)):
        raise ValidationFailed("profile.website_invalid", field="website")
    return candidate


def check_phone(raw: str) -> str:
    if raw and (not _PHONE.fullmatch(raw) or sum(c.isdigit() for c in raw) < 6):
        raise ValidationFailed("profile.phone_invalid", field="phone")
    return raw
