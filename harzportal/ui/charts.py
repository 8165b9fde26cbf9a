"""A bar chart for the eye with the same figures as a table for screen readers (the dashboards,
the activity report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from harzportal.shell.text import t
from harzportal.ui.components import card

CHART_HEIGHT = 300
# recharts as Reflex 0.10's own chart components pin it.
RECHARTS = "recharts@3.10.1"


class _HorizontalBarChart(rx.NoSSRComponent):
    """The chart of `bar_chart.jsx`, imported dynamically: the chart library is fetched by the
    pages that draw a chart, when they draw it (Reflex's `rx.recharts` imports its axes and bars
    statically, which put recharts into every page's bundle)."""

    library = rx.asset("bar_chart.jsx", shared=True).importable_path
    tag = "HorizontalBarChart"
    lib_dependencies: list[str] = [RECHARTS]

    data: rx.Var[list[dict[str, Any]]]
    height: rx.Var[int]


SR_ONLY = {"position": "absolute", "width": "1px", "height": "1px", "overflow": "hidden",
           "clip": "rect(0 0 0 0)", "white_space": "nowrap"}


@dataclass(frozen=True)
class ChartBarView:
    """One bar of a chart (`label`, `value` for the chart) and its table cell (`text`)."""

    label: str
    value: int
    text: str


def bar_chart_card(title_key: str, data: rx.Var[list[ChartBarView]], label_key: str,
                   value_key: str) -> rx.Component:
    """A bar chart for the eye and the same figures as a table for screen readers."""
    return card(
        rx.heading(t(title_key), size="3", as_="h3"),
        # Bars across, labels horizontal beside them: readable on a phone too (slanted labels
        # under upright bars ran into each other there).
        # The box keeps the chart's height while its code loads (no layout shift).
        rx.cond(data.length() > 0, rx.box(_HorizontalBarChart.create(
            # Each ChartBarView reaches the browser as an object with label, value and text.
            data=data.to(list, list[dict[str, Any]]), height=CHART_HEIGHT),
            role="img", aria_label=t(title_key), width="100%", height=f"{CHART_HEIGHT}px"),
            rx.text(t("dashboard.no_data"), color_scheme="gray")),
        # The box is what hides it: a table's own size and overflow do not clip its caption.
        rx.el.div(rx.el.table(
            rx.el.caption(t(title_key)),
            rx.el.thead(rx.el.tr(rx.el.th(t(label_key)), rx.el.th(t(value_key)))),
            rx.el.tbody(rx.foreach(data, lambda row: rx.el.tr(rx.el.td(row.label),
                                                               rx.el.td(row.text))))),
            style=SR_ONLY),
    )
