from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CONTACT = "contact"
    ORG_MANAGER = "org_manager"
    NETWORK_ADMIN = "network_admin"
