from __future__ import annotations

from harzportal import db
from harzportal.auth.guard import requires_session
from harzportal.auth.state import PortalState
from harzportal.core.actor import Actor
from harzportal.dashboard import service


class DashboardState(PortalState):
    account: dict[str, str] = {}
    organization: dict[str, str] = {}
    has_organization: bool = False
    network_members: str = ""
    network_users: str = ""
    network_by_kind: list[dict[str, str]] = []
    has_network: bool = False

    @requires_session
    async def load(self, actor: Actor):
        view = await db.run_in_unit_of_work(service.get_dashboard, actor)
        self.account = view["account"]
        self.has_organization = view["organization"] is not None
        self.organization = view["organization"] or {}
        network = view["network"]
        self.has_network = network is not None
        self.network_members = network["members"] if network else ""
        self.network_users = network["active_users"] if network else ""
        self.network_by_kind = network["by_kind"] if network else []

