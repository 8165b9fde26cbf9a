"""Who is acting: the signed-in user as services see them."""

from __future__ import annotations

from dataclasses import dataclass

from harzportal.core.roles import Role


@dataclass(frozen=True)
class Actor:
    user_id: int
    organization_id: int | None
    role: Role
    language: str = "de"
    session_id: int | None = None
    client_ip: str | None = None
    # Held at the enrolment of a second factor (accounts.factors.must_enrol): only the
    # enrolment page's handlers and signing out work (shell/guard.py).
    must_enrol: bool = False

    @property
    def is_staff(self) -> bool:
        return self.role == Role.NETWORK_ADMIN

