"""The navigation: each domain contributes its entries when its pages are imported.

The shell knows no domain; `contribute(NavEntry(...))` in a domain's pages module adds an entry,
and the layout lists them by `position` when the pages are compiled.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    route: str
    label_key: str
    icon: str
    position: int  # order in the navigation, smallest first
    staff_only: bool = False
    members_only: bool = False  # hidden for staff, who reach every organization from their list
    section: str = ""  # pages below this path mark the entry as current; "" means below `route`
    requires: str = ""  # a contributed flag (shell.state.contribute_flag) that must hold


    @property
    def pages_below(self) -> str:
        return self.section or f"{self.route}/"


ACCOUNT_ENTRY = NavEntry("/account", "nav.account", "user_cog", position=0)
_ENTRIES: dict[str, NavEntry] = {}


def contribute(*entries: NavEntry) -> None:
    for entry in entries:
        _ENTRIES[entry.route] = entry


def member_entries() -> list[NavEntry]:
    return sorted((e for e in _ENTRIES.values() if not e.staff_only), key=lambda e: e.position)


def staff_entries() -> list[NavEntry]:
    return sorted((e for e in _ENTRIES.values() if e.staff_only), key=lambda e: e.position)
