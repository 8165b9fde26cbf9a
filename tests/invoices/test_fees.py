"""The fee schedule: bands per organization kind that never overlap, exemption notes, amounts as
typed, staff only; and which band an organization falls into."""

from __future__ import annotations

import pytest

from harzportal.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from harzportal.core.roles import Role
from harzportal.invoices import fees, presenter
from harzportal.invoices.models import FeeScheduleItem
from harzportal.organizations.models import Organization
from tests.invoices.helpers import EXEMPTION_NOTE, audit_events, load, member, rows, run

pytestmark = pytest.mark.service


def form(**fields) -> dict[str, str]:
    return {"kind": "chemical", "min_employees": "0", "max_employees": "49", "fee": "600,00",
            "vat_rate": "exempt", "exemption_note": EXEMPTION_NOTE} | fields


def save(actor, item_id=None, **fields) -> FeeScheduleItem:
    return run(fees.save_fee_item, actor, item_id, form(**fields))


def refused(actor, item_id=None, **fields) -> tuple[str, str | None]:
    with pytest.raises((ValidationFailed, Conflict)) as raised:
        save(actor, item_id, **fields)
    return raised.value.message_key, raised.value.field


def schedule() -> list[tuple]:
    return sorted((item.kind, item.min_employees, item.max_employees, item.fee_cents)
                  for item in rows(FeeScheduleItem))


# Saving

def test_a_fee_item_is_saved_with_its_amount_parsed(staff, staff_actor):
    item = save(staff_actor, min_employees="1.000", max_employees="", fee="4.800,50",
                exemption_note="  Echter  Mitgliedsbeitrag  ")

    stored = load(FeeScheduleItem, item.id)
    assert (stored.kind, stored.min_employees, stored.max_employees, stored.fee_cents) == (
        "chemical", 1000, None, 480050)
    assert (stored.vat_exempt, stored.vat_rate_bp, stored.exemption_note) == (
        True, 0, "Echter Mitgliedsbeitrag")
    [event] = audit_events("fees.item_saved")
    assert (event.actor_user_id, event.object_id, event.before) == (staff.id, str(item.id), None)


def test_a_taxed_fee_item_keeps_no_exemption_note(staff_actor):
    item = save(staff_actor, vat_rate="1900", exemption_note="wird ignoriert")

    stored = load(FeeScheduleItem, item.id)
    assert (stored.vat_exempt, stored.vat_rate_bp, stored.exemption_note) == (False, 1900, "")


def test_a_fee_item_is_changed_in_place(staff_actor):
    item = save(staff_actor)

    save(staff_actor, item.id, max_employees="99", fee="650")

    assert schedule() == [("chemical", 0, 99, 65000)]
    assert [event.before["fee_cents"] for event in audit_events("fees.item_saved")[1:]] == [60000]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"kind": "bakery"}, ("profile.kind_invalid", "kind")),
    ({"kind": None}, ("profile.kind_invalid", "kind")),
    ({"min_employees": "viele"}, ("fees.employees_invalid", "min_employees")),
    ({"min_employees": ""}, ("fees.employees_invalid", "min_employees")),
    ({"min_employees": "-1"}, ("fees.employees_invalid", "min_employees")),
    ({"max_employees": "1000001"}, ("fees.employees_invalid", "max_employees")),
    ({"min_employees": "50", "max_employees": "49"}, ("fees.band_invalid", "max_employees")),
    ({"fee": "abc"}, ("invoice.amount_invalid", "fee")),
    ({"fee": "-600"}, ("invoice.amount_invalid", "fee")),
    ({"vat_rate": "1600"}, ("invoice.vat_rate_invalid", "vat_rate")),
    ({"exemption_note": "   "}, ("fees.note_required", "exemption_note")),
])
def test_invalid_fee_items_are_refused(staff_actor, fields, expected):
    assert refused(staff_actor, **fields) == expected
    assert schedule() == []


@pytest.mark.parametrize("rate", ["abc", None])
def test_a_vat_rate_that_is_no_rate_is_refused(staff_actor, rate):
    assert refused(staff_actor, vat_rate=rate) == ("invoice.vat_rate_invalid", "vat_rate")


def test_bands_of_one_kind_never_overlap(staff_actor):
    save(staff_actor, min_employees="0", max_employees="49")
    save(staff_actor, min_employees="250", max_employees="")

    for low, high in (("49", "100"), ("10", "20"), ("100", "250"), ("0", ""), ("300", "400")):
        assert refused(staff_actor, min_employees=low, max_employees=high) == (
            "fees.band_overlaps", "min_employees"), (low, high)

    save(staff_actor, min_employees="50", max_employees="249")  # fills the gap exactly
    save(staff_actor, kind="logistics", min_employees="0", max_employees="")  # another kind
    assert schedule() == [("chemical", 0, 49, 60000), ("chemical", 50, 249, 60000),
                          ("chemical", 250, None, 60000), ("logistics", 0, None, 60000)]


def test_changing_a_band_may_not_make_it_overlap_another(staff_actor):
    small = save(staff_actor, min_employees="0", max_employees="49")
    save(staff_actor, min_employees="50", max_employees="")

    assert refused(staff_actor, small.id, max_employees="50") == ("fees.band_overlaps",
                                                                  "min_employees")
    save(staff_actor, small.id, max_employees="20")  # shrinking it is fine
    assert schedule() == [("chemical", 0, 20, 60000), ("chemical", 50, None, 60000)]


def test_changing_an_unknown_item_is_refused(staff_actor):
    with pytest.raises(NotFound):
        save(staff_actor, 999_999)
    assert schedule() == []


def test_a_fee_item_is_deleted(staff, staff_actor):
    item = save(staff_actor)

    run(fees.delete_fee_item, staff_actor, item.id)

    assert schedule() == []
    [event] = audit_events("fees.item_deleted")
    assert (event.actor_user_id, event.before["fee_cents"]) == (staff.id, 60000)
    with pytest.raises(NotFound):
        run(fees.delete_fee_item, staff_actor, item.id)


def test_only_staff_see_and_change_the_fee_schedule(factories, staff_actor):
    item = save(staff_actor)
    organization = member(factories)
    for role in (Role.ORG_MANAGER, Role.CONTACT):
        actor = factories.actor(factories.user(organization, role=role))
        with pytest.raises(PermissionDenied):
            run(fees.save_fee_item, actor, None, form(kind="logistics"))
        with pytest.raises(PermissionDenied):
            run(fees.save_fee_item, actor, item.id, form(fee="1"))
        with pytest.raises(PermissionDenied):
            run(fees.delete_fee_item, actor, item.id)
        with pytest.raises(PermissionDenied):
            run(fees.list_fee_schedule, actor)

    assert schedule() == [("chemical", 0, 49, 60000)]


def test_the_schedule_is_listed_for_staff(staff_actor):
    save(staff_actor, min_employees="50", max_employees="", fee="1.200", vat_rate="1900")

    [item] = run(fees.list_fee_schedule, staff_actor)
    german, english = (presenter.fee_row(item, language) for language in ("de", "en"))

    assert (item.fee_cents, item.vat_rate_bp, item.vat_exempt) == (120000, 1900, False)
    assert (german.kind, german.band, german.fee, german.fee_input, german.vat) == (
        "Chemische Industrie", "ab 50 Beschäftigten", "1.200,00\xa0€", "1200,00", "19\xa0%")
    assert (english.fee, english.fee_input, english.vat) == ("€1,200.00", "1200,00", "19%")
    assert (german.kind_value, german.min_employees, german.max_employees, german.vat_rate) == (
        "chemical", "50", "", "1900")


# Which band applies

BANDS = [FeeScheduleItem(id=1, kind="chemical", min_employees=0, max_employees=49, fee_cents=1),
         FeeScheduleItem(id=2, kind="chemical", min_employees=50, max_employees=249, fee_cents=2),
         FeeScheduleItem(id=3, kind="chemical", min_employees=250, max_employees=None,
                         fee_cents=3),
         FeeScheduleItem(id=4, kind="logistics", min_employees=10, max_employees=None,
                         fee_cents=4)]


@pytest.mark.parametrize(("kind", "employees", "band"), [
    ("chemical", 0, 1), ("chemical", 49, 1), ("chemical", 50, 2), ("chemical", 249, 2),
    ("chemical", 250, 3), ("chemical", 1_000_000, 3), ("chemical", None, 1),
    ("logistics", 10, 4), ("logistics", 9, None), ("logistics", None, None),
    ("university", 100, None),
])
def test_the_band_follows_kind_and_employees_at_the_edges(kind, employees, band):
    organization = Organization(name="Werk", kind=kind, employees=employees)

    found = fees.band_for(BANDS, organization)

    assert (found.id if found else None) == band


# Tax categories (issue 17): "steuerfrei" (E + VATEX) vs. "nicht steuerbar" (O)

@pytest.mark.parametrize(("choice", "category"), [("exempt", "E"), ("not_taxable", "O"),
                                                  ("1900", "S")])
def test_the_fee_item_keeps_the_tax_category_chosen(staff_actor, choice, category):
    item = save(staff_actor, vat_rate=choice)

    stored = load(FeeScheduleItem, item.id)
    assert stored.vat_category == category
    assert stored.vat_exempt is (category != "S")
    assert presenter.fee_row(stored, "de").vat_rate == choice
