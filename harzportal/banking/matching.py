"""Finding the invoice a bank transaction pays: the invoice numbers in its end-to-end id and
remittance information, tolerant of spaces, dashes, dots, slashes and case (`cnh 2027/0012`,
`CNH20270012` and `CNH-2027-0012` are the same invoice)."""

from __future__ import annotations

import re
from functools import lru_cache

_SEPARATORS = r"[\s\-_./]*"


@lru_cache(maxsize=8)
def _pattern(prefix: str) -> re.Pattern:
    letters = _SEPARATORS.join(re.escape(c) for c in prefix if c.isalnum())
    year, serial = r"(\d{4})", r"(\d{1,6})(?!\d)"
    return re.compile(rf"(?<![A-Z0-9]){letters}{_SEPARATORS}{year}{_SEPARATORS}{serial}",
                      re.IGNORECASE)


def invoice_numbers(prefix: str, *texts: str) -> list[str]:
    """The invoice numbers (`PREFIX-YYYY-NNNN`, as numbering writes them) named in the texts, in
    order of appearance, each once."""
    found: list[str] = []
    for text in texts:
        for year, serial in _pattern(prefix).findall(text or ""):
            number = f"{prefix}-{year}-{int(serial):04d}"
            if number not in found:
                found.append(number)
    return found
