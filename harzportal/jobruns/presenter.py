"""Job runs in words: kind and state labels, progress, the result summary of each kind."""

from __future__ import annotations

from collections.abc import Callable

from harzportal.core.formatting import moment, money, number
from harzportal.core.i18n import N_, label, label_table, translate, translate_plural
from harzportal.jobruns.models import JobRun, RunState
from harzportal.jobruns.service import UNFINISHED, summary_of
from harzportal.jobruns.views import NO_RUN, RunView

STATE_LABELS = label_table(RunState, N_("job_run.state.queued"), N_("job_run.state.running"),
                           N_("job_run.state.done"), N_("job_run.state.failed"))

# Each kind's name; a kind that reports into the record adds its own (and a result below).
KIND_LABELS = {"invoice_run": N_("job_run.kind.invoice_run"),
               "debit_run": N_("job_run.kind.debit_run"),
               "bank_import": N_("job_run.kind.bank_import")}


def _invoice_run_result(summary: dict, language: str) -> str:
    issued = summary.get("issued", 0)
    return translate_plural("job_run.result.invoice_run_one", "job_run.result.invoice_run_other",
                            issued if isinstance(issued, int) else 0, language,
                            year=summary.get("year", ""))


def _count(summary: dict, name: str) -> int:
    value = summary.get(name, 0)
    return value if isinstance(value, int) else 0


def _refusal(summary: dict, language: str) -> str:
    """Why a run failed (the key of its reason, e.g. nothing due), or "" when it did not."""
    error = summary.get("error")
    return translate(error, language) if isinstance(error, str) and error else ""


def _debit_run_result(summary: dict, language: str) -> str:
    """"12 Lastschriften über 7.200,00 €", or why the run failed."""
    return _refusal(summary, language) or translate_plural(
        "job_run.result.debit_run_one", "job_run.result.debit_run_other",
        _count(summary, "count"), language, total=money(_count(summary, "total_cents"), language))


def _bank_import_result(summary: dict, language: str) -> str:
    """How many payments matched exactly and how many entries staff should look at."""
    return _refusal(summary, language) or translate(
        "statement.booked", language, exact=number(_count(summary, "exact"), language),
        flagged=number(_count(summary, "flagged"), language))


RESULTS: dict[str, Callable[[dict, str], str]] = {"invoice_run": _invoice_run_result,
                                                  "debit_run": _debit_run_result,
                                                  "bank_import": _bank_import_result}


def _result(run: JobRun, language: str) -> str:
    if run.state in UNFINISHED:
        return ""
    summary = summary_of(run)
    words = RESULTS[run.kind](summary, language) if run.kind in RESULTS else ""
    failed = [str(name) for name in summary.get("failed", []) if name]
    if failed:
        words = " ".join(filter(None, [words, translate("job_run.result.failed", language,
                                                          names=", ".join(failed))]))
    return words


def run_view(run: JobRun | None, language: str, started_by: str = "") -> RunView:
    if run is None:
        return NO_RUN
    total = max(run.total, 0)
    handled = run.done + run.errors
    return RunView(
        id=run.id, kind=label(KIND_LABELS, run.kind, language), subject=run.subject,
        state=run.state, state_label=label(STATE_LABELS, run.state, language),
        active=run.state in UNFINISHED, done=run.done, total=total, errors=run.errors,
        percent=min(100, handled * 100 // total) if total else 100,
        progress=translate("job_run.progress", language, done=number(run.done, language),
                           total=number(total, language)),
        started_by=started_by, started=moment(run.created_at, language),
        finished=moment(run.finished_at, language) if run.finished_at else "",
        result=_result(run, language))


def run_rows(page, language: str):
    return page.map(lambda listing: run_view(listing.run, language, listing.started_by))
