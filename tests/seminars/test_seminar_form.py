"""The staff's seminar form (validation, German local times to UTC and back) and the catalogue
members browse (filters, hidden seminars, pages)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.forms import parse_form
from harzportal.core.roles import Role
from harzportal.invoices.amounts import MAX_CENTS
from harzportal.seminars import forms, presenter, service
from harzportal.seminars.models import Seminar
from tests.seminars.helpers import (
    DEADLINE,
    ENDS,
    FORM,
    NOW,
    OPENS,
    STARTS,
    create_seminar,
    insert_seminar,
    run,
    seminar_row,
)

pytestmark = pytest.mark.service



# Validation

@pytest.mark.parametrize(("changes", "key", "field"), [
    ({"title": "ab"}, "seminar.required", "title"),
    ({"title": "   "}, "seminar.required", "title"),
    ({"title": "x" * 201}, "profile.too_long", "title"),
    ({"topic": "cooking"}, "seminar.topic_invalid", "topic"),
    ({"topic": ""}, "seminar.topic_invalid", "topic"),
    ({"venue": "", "online_link": ""}, "seminar.place_required", "venue"),
    pytest.param({"online_link": "javascript:alert(1)"}, "profile.website_invalid",
                 "online_link",
                 id="javascript-link-field"),
    ({"starts_at": "morgen früh"}, "seminar.moment_invalid", "starts_at"),
    ({"starts_at": "2027-03-10T09:30+01:00"}, "seminar.moment_invalid", "starts_at"),
    ({"ends_at": ""}, "seminar.moment_invalid", "ends_at"),
    ({"ends_at": "2027-03-10T09:00"}, "seminar.ends_before_start", "ends_at"),
    ({"ends_at": FORM["starts_at"]}, "seminar.ends_before_start", "ends_at"),
    ({"registration_deadline": "2027-03-10T09:31"}, "seminar.deadline_after_start",
     "registration_deadline"),
    ({"registration_opens_at": "2027-03-03T18:01"}, "seminar.opens_after_deadline",
     "registration_opens_at"),
    ({"registration_opens_at": FORM["registration_deadline"]}, "seminar.opens_after_deadline",
     "registration_opens_at"),
    ({"capacity": "0"}, "seminar.capacity_invalid", "capacity"),
    ({"capacity": "10001"}, "seminar.capacity_invalid", "capacity"),
    ({"capacity": "abc"}, "seminar.capacity_invalid", "capacity"),
    ({"capacity": "-3"}, "seminar.capacity_invalid", "capacity"),
    ({"capacity": ""}, "seminar.capacity_invalid", "capacity"),
    ({"per_organization_limit": "21"}, "seminar.limit_invalid", "per_organization_limit"),
    ({"per_organization_limit": "0"}, "seminar.limit_invalid", "per_organization_limit"),
    ({"per_organization_limit": "zwei"}, "seminar.limit_invalid", "per_organization_limit"),
    ({"fee": "abc"}, "invoice.amount_invalid", "fee"),
    ({"fee": "-10"}, "invoice.amount_invalid", "fee"),
])
def test_each_bad_value_is_refused_at_its_field(changes, key, field):
    with pytest.raises(ValidationFailed) as refused:
        service.validate_seminar(FORM | changes)
    assert (refused.value.message_key, refused.value.field) == (key, field)


@pytest.mark.parametrize("link", ["javascript:alert(1)", "javascript://alert(1)",
                                  "ftp://files.example/x", "https://user:pw@meet.example/x"])
def test_a_link_that_is_no_web_address_is_refused(link):
    with pytest.raises(ValidationFailed) as refused:
        service.validate_seminar(FORM | {"online_link": link})
    assert refused.value.message_key == "profile.website_invalid"


def test_an_online_link_longer_than_its_column_is_refused_at_its_field():
    fitting = "https://meet.example/" + "a" * (500 - len("https://meet.example/"))
    assert service.validate_seminar(FORM | {"online_link": fitting}).online_link == fitting
    refused = None
    try:
        service.validate_seminar(FORM | {"online_link": fitting + "a"})
    except ValidationFailed as error:
        refused = error
    assert refused is not None, "a 501-character link was accepted"
    assert refused.field == "online_link"


def test_a_fee_beyond_the_fee_column_is_refused_at_its_field():
    assert MAX_CENTS <= 2**31 - 1  # seminar.fee_cents is an INTEGER column
    largest = f"{MAX_CENTS // 100},{MAX_CENTS % 100:02d}"
    assert service.validate_seminar(FORM | {"fee": largest}).fee_cents == MAX_CENTS
    refused = None
    try:
        service.validate_seminar(FORM | {"fee": "21.474.836,48"})
    except ValidationFailed as error:
        refused = error
    assert refused is not None, "a fee of 2**31 cents was accepted"
    assert (refused.message_key, refused.field) == ("invoice.amount_invalid", "fee")


def test_a_valid_form_gives_clean_values_in_utc():
    clean = service.validate_seminar(FORM | {
        "title": "  Gefahrstoffmanagement   kompakt ", "online_link": "meet.example/gefahr",
        "capacity": "10000", "per_organization_limit": "10000", "fee": "1.234,50"})
    assert clean.title == "Gefahrstoffmanagement kompakt"
    assert clean.online_link == "https://meet.example/gefahr"
    assert (clean.starts_at, clean.ends_at) == (STARTS, ENDS)
    assert (clean.registration_opens_at, clean.registration_deadline) == (OPENS, DEADLINE)
    assert (clean.capacity, clean.per_organization_limit, clean.fee_cents) == (
        10000, 10000, 123450)


def test_a_deadline_at_the_start_and_no_limit_or_fee_are_fine():
    clean = service.validate_seminar(FORM | {"registration_deadline": FORM["starts_at"],
                                             "per_organization_limit": "", "fee": ""})
    assert clean.registration_deadline == clean.starts_at
    assert (clean.per_organization_limit, clean.fee_cents) == (None, 0)


@pytest.mark.parametrize(("typed", "utc"), [
    ("2027-01-20T09:30", datetime(2027, 1, 20, 8, 30, tzinfo=UTC)),
    ("2027-07-20T09:30", datetime(2027, 7, 20, 7, 30, tzinfo=UTC)),
    ("2027-10-31T01:30", datetime(2027, 10, 30, 23, 30, tzinfo=UTC)),  # the last day of CEST
    ("2027-12-31T23:30", datetime(2027, 12, 31, 22, 30, tzinfo=UTC)),
])
def test_german_local_time_becomes_utc(typed, utc):
    moment = forms.local_moment(typed, "starts_at")
    assert moment == utc and moment.utcoffset() == timedelta(0)


@pytest.mark.parametrize("raw", ["", "2027-13-01T09:00", "09:30", None, 20270120,
                                 "2027-01-20T09:30Z"])
def test_anything_else_is_not_a_moment(raw):
    with pytest.raises(ValidationFailed) as refused:
        forms.local_moment(raw, "ends_at")
    assert (refused.value.message_key, refused.value.field) == ("seminar.moment_invalid",
                                                                "ends_at")


# Saving

def test_the_form_shows_the_typed_local_times_again(staff_actor):
    summer = FORM | {"starts_at": "2027-07-20T09:30", "ends_at": "2027-07-20T16:00",
                     "registration_deadline": "2027-07-13T18:00", "fee": "149,99",
                     "per_organization_limit": "3"}
    seminar = run(service.save_seminar, staff_actor, None, summer)
    saved = run(service.get_seminar_form, staff_actor, seminar.id)
    form = presenter.form_values(saved)
    for name in ("title", "topic", "venue", "starts_at", "ends_at", "registration_opens_at",
                 "registration_deadline", "capacity", "per_organization_limit", "fee"):
        assert getattr(form, name) == summer[name], name
    assert saved.status == "draft"


def test_only_staff_save_and_publish(factories, staff_actor):
    organization = factories.organization()
    seminar = create_seminar(staff_actor, publish=False)
    for role in (Role.CONTACT, Role.ORG_MANAGER):
        actor = factories.actor(factories.user(organization, role=role))
        with pytest.raises(PermissionDenied):
            run(service.save_seminar, actor, None, FORM | {"title": "Von einem Mitglied"})
        with pytest.raises(PermissionDenied):
            run(service.save_seminar, actor, seminar.id, FORM | {"title": "Geändert"})
        with pytest.raises(PermissionDenied):
            run(service.publish_seminar, actor, seminar.id)
        with pytest.raises(PermissionDenied):
            run(service.cancel_seminar, actor, seminar.id)
    after = seminar_row(seminar.id)
    assert (after.title, after.status) == (FORM["title"], "draft")
    assert [s.id for s in run(lambda session: session.exec(select(Seminar)).all())] == [seminar.id]


def test_publishing_twice_and_editing_a_cancelled_seminar_are_conflicts(staff_actor):
    seminar = create_seminar(staff_actor)
    with pytest.raises(Conflict) as refused:
        run(service.publish_seminar, staff_actor, seminar.id)
    assert refused.value.message_key == "seminar.not_draft"
    run(service.cancel_seminar, staff_actor, seminar.id)
    with pytest.raises(Conflict) as refused:
        run(service.save_seminar, staff_actor, seminar.id, FORM | {"title": "Neu"})
    assert refused.value.message_key == "seminar.is_cancelled"
    assert seminar_row(seminar.id).title == FORM["title"]
    with pytest.raises(NotFound):
        run(service.get_seminar_form, staff_actor, seminar.id + 1000)


# The catalogue

def _titles(actor, **filters) -> list[str]:
    return [row.title for row in run(service.list_catalogue, actor, **filters).items]


@pytest.fixture
def member(factories):
    return factories.actor(factories.user(factories.organization()))


def test_the_catalogue_hides_drafts_cancelled_and_past_seminars(staff_actor, member):
    create_seminar(staff_actor, title="Veröffentlicht")
    create_seminar(staff_actor, title="Entwurf", publish=False)
    cancelled = create_seminar(staff_actor, title="Abgesagt")
    run(service.cancel_seminar, staff_actor, cancelled.id)
    insert_seminar(title="Vorbei", starts_at=NOW - timedelta(days=2),
                   ends_at=NOW - timedelta(days=2) + timedelta(hours=3))
    insert_seminar(title="Gerade zu Ende", starts_at=NOW - timedelta(hours=3),
                   ends_at=NOW - timedelta(seconds=1))

    view = run(service.list_catalogue, member)

    assert [row.title for row in view.items] == ["Veröffentlicht"]
    assert (view.total, view.pages, view.page) == (1, 1, 1)


def test_the_catalogue_filters_by_topic(staff_actor, member):
    create_seminar(staff_actor, title="Arbeitsschutz", topic="hse")
    create_seminar(staff_actor, title="Personal", topic="hr")
    assert _titles(member, topic="hr") == ["Personal"]
    assert _titles(member, topic="hse") == ["Arbeitsschutz"]
    assert _titles(member, topic="iot") == []
    assert sorted(_titles(member, topic="kochen")) == ["Arbeitsschutz", "Personal"]


def test_the_month_is_a_german_calendar_month(staff_actor, member):
    def at(title, start):
        day = start[:10]
        create_seminar(staff_actor, title=title, starts_at=start, ends_at=f"{day}T23:55",
                       registration_deadline=f"{day}T00:00")

    at("Erster März kurz nach Mitternacht", "2027-03-01T00:30")  # 28 Feb 23:30 UTC
    at("Letzter März spätabends", "2027-03-31T23:30")  # 31 Mar 21:30 UTC (summer time)
    at("Erster April", "2027-04-01T00:30")  # 31 Mar 22:30 UTC
    at("Februar", "2027-02-28T20:00")

    assert _titles(member, month="2027-03") == ["Erster März kurz nach Mitternacht",
                                                "Letzter März spätabends"]
    assert _titles(member, month="2027-04") == ["Erster April"]
    assert _titles(member, month="2027-02") == ["Februar"]
    assert len(_titles(member, month="März")) == 4  # not a month: no filter


def test_the_catalogue_search_looks_at_title_speakers_and_venue(staff_actor, member):
    create_seminar(staff_actor, title="Gefahrstoffe im Lager", speakers="Dr. Petra Hartmann",
                   venue="TH Oberharz, Clausthal-Zellerfeld")
    create_seminar(staff_actor, title="Rabatte von 50% im Einkauf", speakers="Claudia Neumann",
                   venue="Nordhausen")
    assert _titles(member, search="LAGER") == ["Gefahrstoffe im Lager"]
    assert _titles(member, search="hartmann") == ["Gefahrstoffe im Lager"]
    assert _titles(member, search="clausthal") == ["Gefahrstoffe im Lager"]
    assert _titles(member, search="neumann nordhausen") == ["Rabatte von 50% im Einkauf"]
    assert _titles(member, search="neumann clausthal") == []
    assert _titles(member, search="%") == ["Rabatte von 50% im Einkauf"]
    assert _titles(member, search="_") == []


def test_the_catalogue_has_twelve_seminars_a_page(member):
    for number in range(13):
        start = NOW + timedelta(days=10 + number)
        insert_seminar(title=f"Seminar {number:02d}", starts_at=start,
                       ends_at=start + timedelta(hours=2))

    first = run(service.list_catalogue, member)
    second = run(service.list_catalogue, member, page=2)

    assert (first.total, first.pages, first.page) == (13, 2, 1)
    assert [row.title for row in first.items] == [f"Seminar {n:02d}" for n in range(12)]
    assert [row.title for row in second.items] == ["Seminar 12"]
    assert run(service.list_catalogue, member, page=99).page == 2
    for page in ("2", 0, -1, True):
        assert run(service.list_catalogue, member, page=page).page == 1


# The catalogue's filter form and the colleague form

@pytest.mark.parametrize(("sent", "topic", "month", "search"), [
    ({"topic": "hr", "month": "2027-03", "search": "  Lager \x00 Goslar "}, "hr", "2027-03",
     "Lager Goslar"),
    ({"topic": "kochen", "month": "2027-03-01", "search": "x" * 200}, "", "2027-03", "x" * 100),
    ({"topic": ["hr"], "month": 202703, "search": None}, "", "", ""),
    ("no form at all", "", "", ""),
])
def test_the_catalogue_filter_keeps_only_usable_filters(sent, topic, month, search):
    chosen = parse_form(forms.CatalogueFilter, sent)
    assert (chosen.topic, chosen.month, chosen.search) == (topic, month, search)


@pytest.mark.parametrize(("sent", "user_id"), [
    ({"user_id": "12"}, 12), ({"user_id": 12}, 12), ({"user_id": "zwölf"}, None),
    ({"user_id": True}, None), ({}, None), (None, None),
])
def test_the_colleague_form_reads_an_id_or_none(sent, user_id):
    assert parse_form(forms.ColleagueForm, sent).user_id == user_id
