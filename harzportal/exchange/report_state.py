"""The activity report page: a period, its figures, two charts with their tables, downloads."""

from __future__ import annotations

from datetime import date

from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.exchange import report, report_presenter
from harzportal.exchange.forms import ReportPeriodForm
from harzportal.exchange.routes import CSV_URL, PDF_URL
from harzportal.exchange.views import EMPTY_FIGURES, ReportFiguresView
from harzportal.organizations.labels import federal_state_label, kind_label
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.charts import ChartBarView


class ActivityReportState(PortalState):
    start: str = ""
    end: str = ""
    figures: ReportFiguresView = EMPTY_FIGURES
    by_kind: list[ChartBarView] = []
    by_state: list[ChartBarView] = []
    csv_href: str = ""
    pdf_href: str = ""
    error: str = ""
    loaded: bool = False
    form_key: int = 0

    async def _show(self, actor: Actor, start: date, end: date) -> None:
        loaded = await self._run_shown(report.activity_report, actor, start, end)
        if loaded.refused:
            return
        figures, lang = loaded.result, self.lang
        self.start, self.end = start.isoformat(), end.isoformat()
        self.figures = report_presenter.figures_view(figures, lang)
        self.by_kind = report_presenter.bars(figures.participants_by_kind, lang, kind_label)
        self.by_state = report_presenter.bars(figures.participants_by_state, lang,
                                              federal_state_label)
        query = f"?start={self.start}&end={self.end}"
        self.csv_href, self.pdf_href = CSV_URL + query, PDF_URL + query
        self.loaded = True
        self.form_key += 1

    @requires_staff
    async def load(self, actor: Actor):
        today = clock.today()
        await self._show(actor, date(today.year, 1, 1), today)

    @requires_staff
    async def show(self, actor: Actor, form_data: dict):
        chosen = parse_form(ReportPeriodForm, form_data)
        await self._show(actor, chosen.start, chosen.end)
