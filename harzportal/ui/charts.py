"""A bar chart for the eye with the same figures as a table for screen readers (the dashboards,
the activity report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from harzportal.shell.text import t
from harzportal.ui.components import card

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
        rx.cond(data.length() > 0, rx.box(rx.recharts.bar_chart(
            rx.recharts.bar(data_key="value", fill="var(--accent-9)", radius=[4, 4, 0, 0]),
            rx.recharts.x_axis(data_key="label", tick={"fontSize": 11}, interval=0, angle=-25,
                               text_anchor="end", height=70),
            rx.recharts.y_axis(allow_decimals=False, width=36),
            rx.recharts.graphing_tooltip(),
            # Each ChartBarView reaches the browser as an object with label, value and text.
            data=data.to(list, list[dict[str, Any]]), width="100%", height=230,
            margin={"left": 56, "right": 8, "top": 8}),
            role="img", aria_label=t(title_key), width="100%"),
            rx.text(t("dashboard.no_data"), color_scheme="gray")),
        rx.el.table(
            rx.el.caption(t(title_key)),
            rx.el.thead(rx.el.tr(rx.el.th(t(label_key)), rx.el.th(t(value_key)))),
            rx.el.tbody(rx.foreach(data, lambda row: rx.el.tr(rx.el.td(row.label),
                                                               rx.el.td(row.text)))),
            style=SR_ONLY),
    )
