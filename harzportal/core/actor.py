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

    @property
    def is_staff(self) -> bool:
        return self.role == Role.NETWORK_ADMIN

