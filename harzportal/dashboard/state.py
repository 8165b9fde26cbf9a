from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.dashboard import presenter, service
from harzportal.dashboard.views import (
    EMPTY_ACCOUNT,
    EMPTY_FIGURES,
    EMPTY_ORGANIZATION,
    AccountCardView,
    AttentionItemView,
    ChartBarView,
    FiguresView,
    OrganizationCardView,
)
from harzportal.exchange.presenter import new_post_views
from harzportal.exchange.views import NewPostView
from harzportal.organizations.labels import federal_state_label, kind_label
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState


class DashboardState(PortalState):
    account: AccountCardView = EMPTY_ACCOUNT
    organization: OrganizationCardView = EMPTY_ORGANIZATION
    has_organization: bool = False
    attention: list[AttentionItemView] = []
    has_network: bool = False
    figures: FiguresView = EMPTY_FIGURES
    by_kind: list[ChartBarView] = []
    by_state: list[ChartBarView] = []
    seminar_fill: list[ChartBarView] = []
    downloads: list[ChartBarView] = []
    new_posts: list[NewPostView] = []

    @requires_session
    async def load(self, actor: Actor):
        dashboard = await db.run_in_unit_of_work(service.get_dashboard, actor)
        lang = self.lang
        self.account = presenter.account_view(dashboard.user, lang)
        self.has_organization = dashboard.organization is not None
        self.organization = (presenter.organization_view(dashboard.organization, lang)
                             if dashboard.organization else EMPTY_ORGANIZATION)
        self.attention = [presenter.attention_view(item, lang) for item in dashboard.attention]
        self.new_posts = new_post_views(list(dashboard.new_posts), lang)
        network = dashboard.network
        self.has_network = network is not None
        if network is None:
            return
        self.figures = presenter.figures_view(network, lang)
        self.by_kind = presenter.tally_bars(network.by_kind, lang, kind_label)
        self.by_state = presenter.tally_bars(network.by_state, lang, federal_state_label)
        self.seminar_fill = presenter.seminar_fill_bars(network.seminar_fill)
        self.downloads = presenter.tally_bars(network.downloads, lang)
