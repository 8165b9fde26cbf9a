"""Cleaning text that people type: one line (names, titles) or plain multi-line text.

Control characters never reach the database (NUL breaks PostgreSQL, others break mails, CSV
and PDFs); tabs and line breaks become spaces in a single line and stay in plain text.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def single_line(raw: object, max_length: int | None = None) -> str:
    """One line: control characters and runs of white space become single spaces."""
    text = raw if isinstance(raw, str) else ""
    text = " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
    return text[:max_length] if max_length is not None else text


def plain_text(raw: object) -> str:
    """Multi-line plain text: line breaks kept (as \\n), other control characters dropped,
    trailing spaces of each line and blank lines at both ends removed."""
    text = raw if isinstance(raw, str) else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [CONTROL_CHARACTERS.sub("", line).rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()
