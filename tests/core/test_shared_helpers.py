"""The shared helpers every domain builds on (docs/ARCHITECTURE.md, "one way to do each job"):
locking, lookup, paging, form parsing, text cleaning, message extraction and translation."""

from __future__ import annotations

import gettext
import io
import threading
import time
from datetime import date
from enum import StrEnum
from typing import Annotated

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from pydantic import field_validator
from sqlmodel import Session, select

from harzportal import db
from harzportal.core import i18n
from harzportal.core.errors import NotFound, ValidationFailed
from harzportal.core.forms import FormModel, line_of_at_most, one_of, parse_form
from harzportal.core.locking import lock_row, lock_rows
from harzportal.core.lookup import get_or_not_found
from harzportal.core.message_extraction import extract
from harzportal.core.paging import paginate
from harzportal.core.text import plain_text, single_line
from harzportal.organizations.models import Organization
from tests.factories import make_organization
from tests.service_calls import counted

pytestmark = pytest.mark.service


# Locking


def test_a_lock_outside_a_unit_of_work_is_refused(engine):
    organization = make_organization()
    with Session(engine) as session, pytest.raises(RuntimeError, match="unit_of_work"):
        lock_rows(session, Organization, [organization.id])


def test_locking_returns_the_existing_rows_in_ascending_order(engine):
    first, second = make_organization(), make_organization()
    with db.unit_of_work() as session:
        assert lock_rows(session, Organization, [second.id, 999_999, first.id, second.id]) == [
            first.id, second.id]
        assert lock_rows(session, Organization, []) == []
        with pytest.raises(NotFound):
            lock_row(session, Organization, 999_999)


def test_a_locked_row_waits_for_the_other_transaction_to_end(engine):
    organization = make_organization()
    events: list[str] = []
    locked = threading.Event()

    def holder():
        with db.unit_of_work() as session:
            lock_row(session, Organization, organization.id)
            locked.set()
            time.sleep(0.5)
            events.append("first done")

    def waiter():
        locked.wait(5)
        with db.unit_of_work() as session:
            lock_row(session, Organization, organization.id)
            events.append("second locked")

    threads = [threading.Thread(target=holder), threading.Thread(target=waiter)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert events == ["first done", "second locked"]


# Lookup


def test_a_row_is_found_by_its_id_as_forms_and_events_send_it(engine):
    organization = make_organization()
    with db.unit_of_work() as session:
        assert get_or_not_found(session, Organization, organization.id).id == organization.id
        assert get_or_not_found(session, Organization, str(organization.id)).id == organization.id


@pytest.mark.parametrize("raw", ["x", "", None, 0, -1, 2**40, True, float("inf"), [1], {}])
def test_anything_that_is_no_id_gets_the_answer_of_a_missing_row(engine, raw):
    with db.unit_of_work() as session, pytest.raises(NotFound) as refused:
        get_or_not_found(session, Organization, raw, "organization.not_found")
    assert refused.value.message_key == "organization.not_found"


# Paging


def test_a_page_costs_a_count_and_one_page_of_rows(engine):
    for _ in range(25):
        make_organization()
    query = select(Organization).order_by(Organization.id)
    with db.unit_of_work() as session, counted(engine) as statements:
        shown = paginate(session, query, 3, 10)
    assert (len(shown.items), shown.page, shown.pages, shown.total) == (5, 3, 3, 25)
    assert len(statements) == 2
    with db.unit_of_work() as session, counted(engine) as statements:
        known_total = paginate(session, query, 1, 10, total=25)
    assert len(known_total.items) == 10 and len(statements) == 1


@pytest.mark.parametrize("requested, shown", [(99, 3), (0, 1), (-2, 1), ("2", 1), (None, 1),
                                              (True, 1), (2.0, 1)])
def test_a_page_number_is_kept_within_the_pages(engine, requested, shown):
    for _ in range(25):
        make_organization()
    with db.unit_of_work() as session:
        assert paginate(session, select(Organization).order_by(Organization.id), requested,
                        10).page == shown


def test_a_page_maps_its_items_and_keeps_its_numbers():
    from harzportal.core.paging import Page

    assert Page((1, 2), 2, 3, 12).map(str) == Page(("1", "2"), 2, 3, 12)


# Form parsing


class PaymentLikeForm(FormModel):
    field_messages = {"paid_on": "payment.date_invalid"}

    paid_on: date
    kind: str = ""
    note: str = ""

    @field_validator("note")
    @classmethod
    def _no_secret(cls, value: str) -> str:
        if value == "secret":
            raise ValidationFailed("payment.reference_invalid", field="note")
        return value


class FilterLikeForm(FormModel):
    kind: Annotated[str, one_of({"chemical", "logistics"})] = ""
    search: Annotated[str, line_of_at_most(5)] = ""


def test_a_form_is_parsed_into_its_typed_frozen_model():
    form = parse_form(PaymentLikeForm, {"paid_on": "2026-03-01", "unknown": "ignored"})
    assert form.paid_on == date(2026, 3, 1)
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen-instance error
        form.paid_on = date(2020, 1, 1)


@pytest.mark.parametrize("form_data", [None, [], "paid_on=1", {"paid_on": "tomorrow"},
                                       {"paid_on": ["2026-03-01"]}])
def test_unreadable_input_is_one_refusal_naming_the_field(form_data):
    with pytest.raises(ValidationFailed) as refused:
        parse_form(PaymentLikeForm, form_data)
    assert (refused.value.message_key, refused.value.field) == ("payment.date_invalid", "paid_on")


def test_a_validator_s_own_refusal_reaches_the_page_unchanged():
    with pytest.raises(ValidationFailed) as refused:
        parse_form(PaymentLikeForm, {"paid_on": "2026-03-01", "note": "secret"})
    assert (refused.value.message_key, refused.value.field) == ("payment.reference_invalid",
                                                                "note")


@pytest.mark.parametrize("kind, shown", [("chemical", "chemical"), ("x", ""), (["chemical"], ""),
                                         ({"a": 1}, ""), (None, "")])
def test_a_filter_field_is_one_of_its_values_or_nothing(kind, shown):
    assert parse_form(FilterLikeForm, {"kind": kind}).kind == shown


def test_a_search_field_is_one_clean_line_cut_to_its_length():
    assert parse_form(FilterLikeForm, {"search": " a\x00b\n  cdefgh"}).search == "a b c"


# Text


def test_a_single_line_has_no_control_characters_and_single_spaces():
    assert single_line(" Harzer\tChemie\x00werke \n GmbH ") == "Harzer Chemie werke GmbH"
    assert single_line(42) == "" and single_line("abcdef", max_length=3) == "abc"


def test_plain_text_keeps_its_line_breaks_and_drops_other_control_characters():
    assert plain_text("\r\nErste Zeile  \r\nzwei\x07te\rdritte\n\n") == (
        "Erste Zeile\nzweite\ndritte")


# Message extraction and translation


def test_the_extraction_finds_keys_nested_in_calls():
    source = io.BytesIO(
        b'labelled("a.key", "n", select("n", [("", t("b.key"))]))\n'
        b'detail_row("c.key", t_choice(v, {"x": N_("d.key")}))\n'
        b't(variable)\n')
    found = {arguments[0] for _, _, arguments, _ in extract(
        source, {"labelled", "select", "t", "detail_row", "N_"}, [], {}) if arguments[0]}
    assert found == {"a.key", "b.key", "c.key", "d.key", "n"}


def _compiled(messages: dict) -> gettext.GNUTranslations:
    catalog = Catalog(locale="de")
    for (context, key), text in messages.items():
        catalog.add(key, text, context=context)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def test_a_message_in_context_and_a_missing_one(monkeypatch):
    translations = _compiled({("door", "open"): "offen", (None, "plain"): "schlicht {x}"})
    monkeypatch.setattr(i18n, "catalogue", lambda language: translations)
    assert i18n.translate_in_context("door", "open", "de") == "offen"
    assert i18n.translate("plain", "de", x=1) == "schlicht 1"
    with pytest.raises(KeyError):
        i18n.translate_in_context("window", "open", "de")
    with pytest.raises(KeyError):
        i18n.translate("open", "de")  # only known in its context
    with pytest.raises(KeyError):
        i18n.translate_plural("plain_one", "plain_other", 2, "de")


class _Colour(StrEnum):
    RED = "red"
    GREEN = "green"


def test_a_label_table_follows_its_enum():
    assert i18n.label_table(_Colour, "colour.red", "colour.green") == {
        _Colour.RED: "colour.red", _Colour.GREEN: "colour.green"}
    with pytest.raises(ValueError, match="1 keys for 2 members"):
        i18n.label_table(_Colour, "colour.red")  # a member without a label
    with pytest.raises(ValueError, match="3 keys for 2 members"):
        i18n.label_table(_Colour, "colour.red", "colour.green", "colour.blue")
    with pytest.raises(ValueError, match="colour.red"):
        i18n.label_table(_Colour, "colour.green", "colour.red")  # out of the enum's order
