"""The staff's audit log page."""

from __future__ import annotations

import reflex as rx

from harzportal.audit.presenter import ACTION_KIND_NAMES
from harzportal.audit.state import AuditLogState
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(
    NavEntry("/admin/audit", "nav.audit", "scroll_text", position=180, staff_only=True),
)


def _choice(name: str, options: rx.Var) -> rx.Component:
    return rx.el.select(
        rx.el.option(t("audit.all"), value=""),
        rx.foreach(options, lambda o: rx.el.option(o.name, value=o.value)),
        name=name, id=f"field-{name}", style=ui.SELECT_STYLE)


def _filters() -> rx.Component:
    # Not inside labelled(...): extraction reads only the label key of that call.
    kinds = [("", t("audit.all_kinds"))] + [(kind, t(key))
                                            for kind, key in ACTION_KIND_NAMES.items()]
    return rx.form(rx.grid(
        ui.labelled("audit.actor", "actor_user_id",
                    _choice("actor_user_id", AuditLogState.actors)),
        ui.labelled("audit.organization", "organization_id",
                    _choice("organization_id", AuditLogState.organizations)),
        ui.labelled("audit.kind", "kind", ui.native_select("kind", kinds)),
        ui.labelled("audit.since", "since", rx.input(name="since", type="date", id="field-since", width="100%")),
        ui.labelled("audit.until", "until", rx.input(name="until", type="date", id="field-until", width="100%")),
        rx.button(rx.icon("filter"), t("audit.apply"), type="submit", align_self="end"),
        columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3", width="100%"),
        on_submit=AuditLogState.apply_filter, width="100%")


CELL = {"padding": "0.5em 0.6em", "border_bottom": "1px solid var(--gray-5)",
        "vertical_align": "top", "text_align": "left", "font_size": "0.85em"}


def _events() -> rx.Component:
    """A plain table in a focusable scroll region, so keyboard users can scroll it sideways."""
    def row(event: rx.Var) -> rx.Component:
        return rx.el.tr(
            rx.el.td(event.when, style=CELL | {"white_space": "nowrap"}),
            rx.el.td(event.actor, style=CELL), rx.el.td(event.organization, style=CELL),
            rx.el.th(rx.code(event.action), scope="row", style=CELL),
            rx.el.td(event.object, style=CELL),
            rx.el.td(event.change, style=CELL | {"white_space": "pre-wrap",
                                                    "overflow_wrap": "anywhere",
                                                    "min_width": "16em"}),
            rx.el.td(event.client_ip, style=CELL))

    return rx.box(
        rx.el.table(
            rx.el.caption(t("audit.title"), class_name=ui.VISUALLY_HIDDEN),
            rx.el.thead(rx.el.tr(*[rx.el.th(text, scope="col", style=CELL | {
                "background": "var(--gray-3)"}) for text in (
                t("audit.when"), t("audit.actor"), t("audit.organization"), t("audit.action"),
                t("audit.object"), t("audit.change"), t("audit.ip"))])),
            rx.el.tbody(rx.foreach(AuditLogState.rows, row)),
            style={"width": "100%", "border_collapse": "collapse"}),
        overflow_x="auto", width="100%", tab_index=0, role="region",
        aria_label=t("audit.title"))


@portal_page("/admin/audit", "audit.title", on_load=[AuditLogState.load])
def audit_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(ui.page_title("audit.title", t("audit.intro")), rx.spacer(),
                  rx.button(rx.icon("file_spreadsheet"), t("audit.export"), variant="soft",
                            on_click=rx.download(url=AuditLogState.export_href)),
                  width="100%", align="start", wrap="wrap"),
        ui.card(_filters(), ui.error_callout(AuditLogState.error)),
        ui.card(_events(), ui.pager(AuditLogState, "audit.count_one", "audit.count_other")),
        spacing="4", width="100%",
    )
