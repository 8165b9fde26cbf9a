"""The activity report: every figure compared with a query written here, on data where each
rule (held, attended, inside the period, reached) makes a difference."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from harzportal import db
from harzportal.core.errors import PermissionDenied, ValidationFailed
from harzportal.exchange import posts, report, service
from harzportal.seminars.models import Registration
from tests.exchange.helpers import REQUEST_FORM, build, post_of
from tests.seminars.helpers import insert_seminar
from tests.service_calls import run

pytestmark = pytest.mark.service

START, END = date(2026, 11, 1), date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _fixed_time(fake_clock):  # 28 November 2026
    return fake_clock


def _seminar(world, day: datetime, attendees: list[tuple[object, bool]], status="published"):
    seminar = insert_seminar(starts_at=day, ends_at=day + timedelta(hours=4),
                             registration_opens_at=day - timedelta(days=30),
                             registration_deadline=day - timedelta(days=1), status=status)
    with db.unit_of_work() as session:
        for person, attended in attendees:
            session.add(Registration(seminar_id=seminar.id, user_id=person.id,
                                     organization_id=person.organization_id,
                                     status="confirmed", registered_by_user_id=person.id,
                                     attended=attended))
    return seminar


@pytest.fixture
def world(factories, fake_clock):
    world = build(factories)
    inside = datetime(2026, 11, 10, 9, 0, tzinfo=fake_clock.current.tzinfo)
    _seminar(world, inside, [(world.manager, True), (world.plain, True),
                             (world.oker_manager, True), (world.editor, False)])
    _seminar(world, inside, [(world.oker_contact, True)], status="cancelled")
    _seminar(world, datetime(2026, 10, 20, 9, 0, tzinfo=inside.tzinfo), [(world.manager, True)])
    post = post_of(world)  # published on 28 November, inside
    run(service.express_interest, world.actor("oker_manager"), post.id, "")
    run(posts.mark_cooperation_started, world.actor("manager"), post.id)
    post_of(world, REQUEST_FORM | {"title": "Nicht freigegebener Beitrag"}, approve=False)
    return world


def _sql(query: str) -> list[tuple]:
    with db.unit_of_work() as session:
        return [tuple(row) for row in session.connection().execute(
            text(query), {"since": datetime(2026, 10, 31, 23, 0), "until":
                          datetime(2026, 11, 30, 23, 0)})]  # local midnight in UTC


HELD = ("SELECT id FROM seminar WHERE status = 'published' AND starts_at >= :since "
        "AND starts_at < :until")
ATTENDED = (f"SELECT r.organization_id, o.kind, o.federal_state FROM registration r "
            f"JOIN organization o ON o.id = r.organization_id WHERE r.attended "
            f"AND r.status = 'confirmed' AND r.seminar_id IN ({HELD})")


def test_the_figures_match_queries_written_here(world):
    figures = run(report.activity_report, world.actor("staff"), START, END)
    attended = _sql(ATTENDED)
    assert figures.seminars_held == len(_sql(HELD)) == 1
    assert figures.participants == len(attended) == 3
    kinds: dict[str, int] = {}
    states: dict[str, int] = {}
    for _org, kind, state in attended:
        kinds[kind] = kinds.get(kind, 0) + 1
        states[state] = states.get(state, 0) + 1
    assert dict(figures.participants_by_kind) == kinds == {"chemical": 2, "recycling": 1}
    assert dict(figures.participants_by_state) == states
    reached = {org for org, *_ in attended} | {row[0] for row in _sql(
        "SELECT organization_id FROM post WHERE published_at >= :since AND published_at < :until"
        " UNION SELECT organization_id FROM interest WHERE created_at >= :since "
        "AND created_at < :until")}
    assert figures.organizations_reached == len(reached) == 2
    assert figures.posts_published == len(_sql(
        "SELECT id FROM post WHERE published_at >= :since AND published_at < :until")) == 1
    assert figures.interests_expressed == len(_sql(
        "SELECT id FROM interest WHERE created_at >= :since AND created_at < :until")) == 1
    assert figures.cooperations_started == len(_sql(
        "SELECT id FROM post WHERE cooperation_started_at >= :since "
        "AND cooperation_started_at < :until")) == 1


def test_a_period_before_everything_counts_nothing(world):
    figures = run(report.activity_report, world.actor("staff"), date(2025, 1, 1),
                  date(2025, 12, 31))
    assert (figures.seminars_held, figures.participants, figures.organizations_reached,
            figures.posts_published) == (0, 0, 0, 0)


def test_only_staff_and_only_a_valid_period(world):
    for who in ("manager", "editor", "plain", "oker_manager"):
        with pytest.raises(PermissionDenied):
            run(report.activity_report, world.actor(who), START, END)
    with pytest.raises(ValidationFailed):
        run(report.activity_report, world.actor("staff"), END, START)
    with pytest.raises(ValidationFailed):
        run(report.activity_report, world.actor("staff"), date(2020, 1, 1), END)
    with pytest.raises(ValidationFailed):
        run(report.activity_report, world.actor("staff"), "2026-11-01", END)


def _client(world, who: str):
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from harzportal.accounts import sessions
    from harzportal.core.security_headers import with_security_headers
    from harzportal.harzportal import ROUTES

    client = TestClient(with_security_headers(Starlette(routes=ROUTES)))
    with db.unit_of_work() as session:
        client.cookies.set("hp_session", sessions.start_session(session, getattr(world, who)))
    return client


def test_csv_and_pdf_for_staff_and_404_for_members(world):
    query = "?start=2026-11-01&end=2026-11-30"
    staff = _client(world, "staff")
    answer = staff.get("/files/activity-report.csv" + query)
    assert answer.status_code == 200
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert lines[1] == "Bereich;Was;Anzahl"
    assert "Kennzahlen;Teilnehmende;3" in lines
    assert "Kennzahlen;Mitglieder erreicht;2" in lines
    by_kind = [line for line in lines if line.startswith("Teilnehmende nach Art")]
    assert [line.rsplit(";", 1)[1] for line in by_kind] == ["2", "1"]
    pdf = staff.get("/files/activity-report.pdf" + query)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert staff.get("/files/activity-report.csv?start=x&end=y").status_code == 404
    for who in ("manager", "oker_manager"):
        member = _client(world, who)
        for url in ("/files/activity-report.csv", "/files/activity-report.pdf"):
            refused = member.get(url + query)
            assert (refused.status_code, refused.content) == (404, b"Not Found")
