"""The Leitweg-ID of a public-sector buyer (KoSIT, Leitweg-ID format specification 2.0).

`Grobadressierung-Feinadressierung-Prüfziffer`: a coarse address of 2 to 12 digits, an optional
fine address of 1 to 30 letters and digits, and two check digits, ISO 7064 MOD 97-10 over the
coarse and fine address (letters count as 10..35, case-insensitive): the whole, read as one
number, leaves the remainder 1 when divided by 97. At most 46 characters.
"""

from __future__ import annotations

import re

from harzportal.core.errors import ValidationFailed
from harzportal.core.text import single_line

MAX_LENGTH = 46
LEITWEG_SCHEME = "0204"  # its code in the EAS list: an electronic address that is a Leitweg-ID
_FORMAT = re.compile(r"(?P<coarse>[0-9]{2,12})(?:-(?P<fine>[0-9A-Z]{1,30}))?-(?P<check>[0-9]{2})")


def _as_number(text: str) -> int:
    return int("".join(str(int(character, 36)) for character in text))


def check_digits(coarse: str, fine: str = "") -> str:
    """The two check digits of coarse + fine address (ISO 7064 MOD 97-10)."""
    return f"{98 - _as_number(coarse + fine.upper()) * 100 % 97:02d}"


def normalize_leitweg_id(raw: object) -> str:
    """The Leitweg-ID in capitals, or "" for none; ValidationFailed on a wrong format or wrong
    check digits."""
    text = single_line(raw).upper()
    if not text:
        return ""
    match = _FORMAT.fullmatch(text) if len(text) <= MAX_LENGTH else None
    if match is None:
        raise ValidationFailed("leitweg.format_invalid", field="leitweg_id")
    if check_digits(match["coarse"], match["fine"] or "") != match["check"]:
        raise ValidationFailed("leitweg.check_digits_invalid", field="leitweg_id")
    return text
