from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.dashboard import service
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState


class DashboardState(PortalState):
    account: dict[str, str] = {}
    organization: dict[str, str] = {}
    has_organization: bool = False
    attention: list[dict[str, str]] = []
    has_network: bool = False
    network_members: str = ""
    network_users: str = ""
    approvals: dict[str, str] = {}
    fees: dict[str, str] = {}
    by_kind: list[dict] = []
    by_state: list[dict] = []
    seminar_fill: list[dict] = []
    downloads: list[dict] = []

    @requires_session
    async def load(self, actor: Actor):
        view = await db.run_in_unit_of_work(service.get_dashboard, actor)
        self.account = view["account"]
        self.has_organization = view["organization"] is not None
        self.organization = view["organization"] or {}
        self.attention = view["attention"]
        network = view["network"]
        self.has_network = network is not None
        if network is None:
            return
        self.network_members, self.network_users = network["members"], network["active_users"]
        self.approvals, self.fees = network["approvals"], network["fees"]
        self.by_kind, self.by_state = network["by_kind"], network["by_state"]
        self.seminar_fill, self.downloads = network["seminar_fill"], network["downloads"]
