"""What the audit log page shows: frozen, typed, formatted in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditRowView:
    id: int
    when: str
    actor: str
    organization: str
    action: str
    object: str
    change: str  # "phone: "+49 1" → "+49 2"", one line per value
    client_ip: str


@dataclass(frozen=True)
class ChoiceView:
    """One option of a filter's list."""

    value: str
    name: str
