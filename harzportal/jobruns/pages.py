"""The staff's "Aufträge" page (/admin/jobs): past and running jobs with their results; and the
progress bar the page that starts a run shows."""

from __future__ import annotations

import reflex as rx

from harzportal.jobruns.state import JobRunsState
from harzportal.shell.layout import portal_page
from harzportal.shell.navigation import NavEntry, contribute
from harzportal.shell.text import t
from harzportal.ui import components as ui

contribute(NavEntry("/admin/jobs", "nav.job_runs", "list_todo", position=176,
                    staff_only=True))

STATE_COLOURS = (("queued", "gray"), ("running", "blue"), ("done", "green"), "red")


def run_progress(run: rx.Var) -> rx.Component:
    """A run's progress bar with done / total and errors, announced politely as it moves."""
    return rx.vstack(
        rx.hstack(
            rx.text(run.kind, " ", run.subject, weight="medium"),
            rx.badge(run.state_label, color_scheme=rx.match(run.state, *STATE_COLOURS)),
            spacing="2", align="center", wrap="wrap"),
        rx.progress(value=run.percent, max=100, width="100%", size="3",
                    aria_label=t("job_run.progress_label"), id="run-progress"),
        rx.hstack(
            rx.text(run.progress, id="run-progress-text", weight="medium"),
            rx.cond(run.errors > 0, rx.text(t("job_run.errors"), ": ", run.errors,
                                            color_scheme="red", id="run-errors")),
            rx.cond(run.result != "", rx.text(run.result, color_scheme="gray")),
            spacing="3", wrap="wrap", align="center"),
        spacing="2", width="100%", role="status", aria_live="polite",
    )


def run_card(run: rx.Var, **card_props) -> rx.Component:
    """On the page that starts a run: its progress bar, once there is a run, and the way to
    the "Aufträge" page."""
    return rx.cond(run.id > 0, ui.card(
        run_progress(run), rx.link(t("job_run.all_runs"), href="/admin/jobs", size="2"),
        **card_props))


def _runs_table() -> rx.Component:
    def row(run: rx.Var) -> rx.Component:
        return ui.table_row(
            rx.text(run.kind, " ", run.subject),
            rx.badge(run.state_label, color_scheme=rx.match(run.state, *STATE_COLOURS)),
            rx.vstack(rx.progress(value=run.percent, max=100, width="8em",
                                  aria_label=t("job_run.progress_label")),
                      rx.text(run.progress, size="1"), spacing="1"),
            run.errors, run.started_by, run.started, run.finished,
            rx.text(run.result, size="2"))

    return ui.data_table((t("job_run.kind"), t("admin.status"), t("job_run.progress_label"),
                          t("job_run.errors"), t("job_run.started_by"), t("job_run.started"),
                          t("job_run.finished"), t("job_run.result")),
                         JobRunsState.rows, row, size="1", caption=t("job_run.title"))


@portal_page("/admin/jobs", "job_run.title", on_load=[JobRunsState.load])
def job_runs_page() -> rx.Component:
    return rx.vstack(
        ui.page_title("job_run.title", t("job_run.intro")),
        ui.card(
            rx.cond(JobRunsState.total > 0, _runs_table(),
                    rx.text(t("job_run.none"), color_scheme="gray")),
            ui.pager(JobRunsState, "job_run.count_one", "job_run.count_other"),
        ),
        spacing="4", width="100%",
    )
