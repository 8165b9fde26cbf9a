"""The annual run benchmark (`make bench`, benchmarks/annual_run.py, issue 19): its section of
docs/PERFORMANCE.md from a results.json fragment, and its small variant on SQLite against the
real production server with its job consumers, so that it cannot rot."""

from __future__ import annotations

import pytest

from benchmarks import annual_run, report
from harzportal import db, jobs, settings


def _times(p50: float, p95: float, n: int = 40, errors: dict | None = None) -> dict:
    errors = errors or {}
    return {"n": n, "p50": p50, "p95": p95, "p99": p95, "max": p95,
            "errors": sum(errors.values()), "error_kinds": errors}


def _engine(open_before: float, open_during: float, *, errors: dict | None = None,
            ready: int = 1987, load: float = 0.4, load_after: float | None = None) -> dict:
    window = {"seconds": 30.0, "sign_in": _times(120, 180), "open": _times(30, open_before)}
    during = {"seconds": 150.0, "sign_in": _times(150, 240),
              "open": _times(60, open_during, errors=errors)}
    return {"engine": "sqlite", "database": "SQLite 3.46.1", "queue": "Huey SqliteStorage",
            "client_state": "disk", "organizations": 2000, "to_issue": 1987, "issued": 1987,
            "documents_ready": ready, "documents_failed": 0, "finished": ready == 1987,
            "numbers_s": 41.25, "documents_s": 148.5 if ready == 1987 else None,
            "baseline": window, "during": during, "issuing": during, "rendering": during,
            "load_before": [load, 0.3, 0.2],
            "load_after": [load if load_after is None else load_after, 0.3, 0.2], "year": 2027,
            "seed_seconds": 20.0}


def _annual(**engines) -> dict:
    return {"scale": "full", "clients": 10, "think": [1.0, 3.0], "baseline_s": 30.0,
            "sizes": annual_run.SCALES["full"], "cores": 2, "finished": "2026-12-02 13:00 UTC",
            "engines": engines}


def test_the_section_says_met_when_p95_stays_under_both_limits():
    annual = _annual(sqlite=_engine(open_before=80, open_during=110))

    rows = {what: result for what, _, _, result in report.annual_rows(annual["engines"]["sqlite"])}
    section = report.annual_section(annual)

    assert rows["p95 page open during the run"] == "**met** by 190 ms"
    assert rows["p95 page open during / without the run"] == "**met** by 0.12 ×"
    assert rows["p95 sign-in during / without the run"] == "**met** by 0.17 ×"
    assert rows["failed sign-ins and page opens"] == "**met**"
    assert rows["documents rendered"] == "**met**"
    assert "| **all numbers issued** (every invoice row exists) | 41.2 s |" in section
    assert "| **all documents exist** (rendered) | 148.5 s |" in section
    assert "machine was busy" not in section
    assert section.startswith(report.ANNUAL_BEGIN) and section.endswith(report.ANNUAL_END)


def test_the_section_says_by_how_much_a_target_is_missed_and_marks_a_busy_machine():
    annual = _annual(
        sqlite=_engine(open_before=80, open_during=110),
        postgresql=_engine(open_before=100, open_during=420, ready=1900, load=2.5,
                           errors={"PageFailed: /invoices: no page data": 3}))

    rows = {what: result for what, _, _, result
            in report.annual_rows(annual["engines"]["postgresql"])}
    section = report.annual_section(annual)

    assert rows["p95 page open during the run"] == "**missed** by 120 ms"
    assert rows["p95 page open during / without the run"] == "**missed** by 2.70 ×"
    assert rows["failed sign-ins and page opens"] == "**missed** by 3"
    assert rows["documents rendered"] == "**missed** by 87"
    assert "| | SQLite | PostgreSQL |" in section
    assert "not within the run's limit" in section
    assert "**The machine was busy**" in section
    assert "PageFailed: /invoices: no page data (3×)" in section


def test_the_runs_own_load_at_its_end_does_not_mark_the_machine_busy():
    # The server, its worker child, the database and ten clients keep two cores busy during the
    # run: a load of 2 at its end is the measured work, not other work beside it.
    annual = _annual(sqlite=_engine(open_before=80, open_during=110, load=0.4, load_after=2.2))

    section = report.annual_section(annual)

    assert "machine was busy" not in section
    assert "SQLite 0.40 → 2.20" in section


def test_its_section_replaces_the_previous_one_and_keeps_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "DOCS", tmp_path)
    lighthouse = "<!-- lighthouse:begin -->\n## Lighthouse\n<!-- lighthouse:end -->"
    (tmp_path / "PERFORMANCE.md").write_text(f"# Performance\n\nthe rest\n\n{lighthouse}\n")

    report.write_annual(_annual(sqlite=_engine(open_before=80, open_during=110)))
    report.write_annual(_annual(sqlite=_engine(open_before=80, open_during=95)))

    text = (tmp_path / "PERFORMANCE.md").read_text()
    assert text.count(report.ANNUAL_BEGIN) == 1
    assert "| SQLite | p95 page open during the run | 95 ms |" in text
    assert text.index("the rest") < text.index(report.ANNUAL_BEGIN) < text.index(lighthouse)


@pytest.fixture
def bench_process(monkeypatch):
    """The test process as the bench's own: its settings, engine and a real job queue (not the
    suite's immediate mode) for the run, put back afterwards."""
    for name in ("REFLEX_DB_URL", "HARZPORTAL_DATA_DIR", "HARZPORTAL_JOB_QUEUE_NAME"):
        monkeypatch.setenv(name, "")
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    monkeypatch.setattr(jobs.huey, "immediate", False)
    before = db._engine  # noqa: SLF001 - put back what the suite had set
    yield
    jobs.use_storage(None)
    monkeypatch.undo()
    settings.reload()
    db.use_engine(before)


@pytest.mark.e2e
@pytest.mark.timeout(600)
def test_the_small_run_on_sqlite_issues_and_renders_everything_while_clients_browse(
        bench_process):
    result = annual_run.run_engine("sqlite", "small")

    assert result["finished"], result
    assert result["to_issue"] > 0
    assert result["issued"] == result["documents_ready"] == result["to_issue"]
    assert result["documents_failed"] == 0
    assert 0 < result["numbers_s"] <= result["documents_s"]
    for phase in ("baseline", "during"):
        assert result[phase]["sign_in"]["n"] > 0, phase
        assert result[phase]["open"]["n"] > 0, phase
        assert result[phase]["sign_in"]["errors"] == result[phase]["open"]["errors"] == 0, \
            result[phase]
    assert result["queue"] == "Huey SqliteStorage"
