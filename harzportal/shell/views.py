"""The shell's own views: frozen, typed, ready to show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    """Who is signed in, as the header and the account page show it."""

    name: str
    email: str
    role: str
    organization: str
    language: str
    flags: tuple[str, ...] = ()  # names of the contributed flags that hold for this person
