"""The circulars' screens through their handlers: compose from the form's checkboxes, the exact
recipients, send, deliveries; a refusal shown as a message; members' pages and choices."""

from __future__ import annotations

import pytest
from sqlmodel import select

from harzportal import db
from harzportal.circulars.models import Circular, CircularOptOut
from harzportal.circulars.state import (
    CircularChoicesState,
    MyCircularsState,
    MyCircularState,
    NewCircularState,
    StaffCircularState,
)
from tests.circulars.test_service import Network
from tests.handler_calls import call_handler, signed_in_state

pytestmark = pytest.mark.service

FORM = {"category": "news", "subject_de": "Neues <b>HSE</b>", "subject_en": "HSE news",
        "body_de": "Hallo,\n\n- eins <script>x</script>", "body_en": "Hello,\n\n- one",
        "kind_chemical": "on", "kind_metallurgical": "on", "function_hse": "on",
        "kind_bakery": "on", "org_x": "on"}


async def test_staff_compose_see_the_recipients_and_send(factories, monkeypatch):
    network = Network(factories)
    new = signed_in_state(NewCircularState, network.staff, monkeypatch)
    await call_handler(new, "load")
    assert [option.name for option in new.kinds][:2] == ["kind_chemical", "kind_metallurgical"]
    assert not any(option.checked for option in new.kinds)

    await call_handler(new, "save", FORM | {"subject_en": ""})
    assert new.error == "Bitte geben Sie einen Betreff ein."
    await call_handler(new, "save", FORM)
    with db.unit_of_work() as session:
        [circular] = session.exec(select(Circular)).all()
    assert circular.audience["kinds"] == ["chemical", "metallurgical"]
    assert circular.audience["functions"] == ["hse"]

    page = signed_in_state(StaffCircularState, network.staff, monkeypatch, circular.id)
    await call_handler(page, "load")
    assert page.circular.is_draft and page.total == 2
    assert {row.email for row in page.rows} == {"hse@chem.example", "hse@metal.example"}
    # the raw text only in the form's own fields (React writes it as text); the HTML escaped
    assert "&lt;script&gt;" in page.circular.preview_de
    assert "<script>" not in page.circular.preview_de + page.circular.preview_en
    assert "<ul><li>" in page.circular.preview_de
    assert [option.checked for option in page.kinds][:3] == [True, True, False]

    await call_handler(page, "send")
    assert page.message == "Das Rundschreiben ist an 2 Personen unterwegs."
    assert not page.circular.is_draft
    assert {row.status for row in page.rows} == {"queued"}
    await call_handler(page, "send")
    assert page.error == ("Dieses Rundschreiben ist bereits versendet und kann nicht mehr "
                          "geändert werden.")
    await call_handler(page, "resend")
    assert page.error == "Es gibt keine fehlgeschlagenen Zustellungen, die erneut gesendet " \
                         "werden könnten."

    member = signed_in_state(MyCircularsState, network.chem_hse, monkeypatch)
    await call_handler(member, "load")
    assert [row.subject for row in member.rows] == ["Neues <b>HSE</b>"]
    reading = signed_in_state(MyCircularState, network.chem_hse, monkeypatch, circular.id)
    await call_handler(reading, "load")
    assert reading.loaded and "&lt;script&gt;" in reading.circular.body
    other = signed_in_state(MyCircularState, network.uni_boss, monkeypatch, circular.id)
    await call_handler(other, "load")
    assert not other.loaded and other.error


async def test_staff_pages_refuse_members(factories, monkeypatch):
    network = Network(factories)
    new = signed_in_state(NewCircularState, network.chem_boss, monkeypatch)
    await call_handler(new, "save", FORM)
    with db.unit_of_work() as session:
        assert session.exec(select(Circular)).all() == []


async def test_a_member_chooses_categories_on_the_account_page(factories, monkeypatch):
    network = Network(factories)
    choices = signed_in_state(CircularChoicesState, network.chem_hse, monkeypatch)
    await call_handler(choices, "load")
    assert [(option.name, option.checked) for option in choices.choices] == [
        ("want_news", True), ("want_events", True)]
    assert choices.mandatory == "Mitgliederversammlung, Rechtliches"

    await call_handler(choices, "save_choices", {"want_events": "on", "want_assembly": "off"})
    assert choices.choices_message == "Ihre Auswahl ist gespeichert."
    assert [(option.name, option.checked) for option in choices.choices] == [
        ("want_news", False), ("want_events", True)]
    with db.unit_of_work() as session:
        [opt_out] = session.exec(select(CircularOptOut)).all()
    assert (opt_out.category, opt_out.via) == ("news", "account")
