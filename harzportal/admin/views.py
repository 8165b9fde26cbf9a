"""The views of the staff's account list: frozen, typed, ready to show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UserRowView:
    id: int
    name: str
    email: str
    organization: str
    role: str
    status: str
    active: bool
    can_deactivate: bool  # active, and not the staff member looking at the list
    last_login: str
    can_reset_factor: bool  # has a second factor, and is not the staff member looking

