"""validate_profile: every profile field checked on the server, normalized, errors per field."""

from __future__ import annotations

import pytest

from harzportal.core.errors import ValidationFailed
from harzportal.organizations.profile import (
    PROFILE_FIELDS,
    TEXT_LIMITS,
    ProfileInvalid,
    validate_profile,
)

pytestmark = pytest.mark.service

VALID = {
    "name": "  Harzer   Chemiewerke GmbH ",
    "legal_form": "GmbH",
    "kind": "chemical",
    "street": "Industriestraße 5",
    "postal_code": "38640",
    "city": "Goslar",
    "federal_state": "NI",
    "website": "harzer-chemie.example",
    "phone": "+49 5321 1234-0",
    "email": "Info@Harzer-Chemie.example",
    "description": "Wir stellen Katalysatoren her.\r\nSeit 1952 in Goslar.",
    "employees": "1.200",
    "competences": "Katalyse, Recycling, katalyse,  Analytik ,RECYCLING",
    "logo": "",
}


def errors_of(form: dict) -> dict[str, ValidationFailed]:
    with pytest.raises(ProfileInvalid) as raised:
        validate_profile(form)
    return raised.value.errors


def test_a_complete_valid_form_is_normalized():
    assert validate_profile(VALID) == {
        "name": "Harzer Chemiewerke GmbH",
        "legal_form": "GmbH",
        "kind": "chemical",
        "street": "Industriestraße 5",
        "postal_code": "38640",
        "city": "Goslar",
        "federal_state": "NI",
        "website": "https://harzer-chemie.example",
        "phone": "+49 5321 1234-0",
        "email": "info@harzer-chemie.example",
        "description": "Wir stellen Katalysatoren her.\nSeit 1952 in Goslar.",
        "employees": 1200,
        "competences": ["Katalyse", "Recycling", "Analytik"],
        "logo": "",
    }


def test_a_website_with_a_scheme_keeps_it():
    assert validate_profile(VALID | {"website": "http://harzer-chemie.example/kontakt"})[
        "website"] == "http://harzer-chemie.example/kontakt"


def test_optional_fields_may_stay_empty():
    empty = dict.fromkeys(("legal_form", "website", "phone", "email", "description",
                           "employees", "competences", "logo"), "")
    clean = validate_profile(VALID | empty)
    assert (clean["website"], clean["employees"], clean["competences"], clean["logo"]) == (
        "", None, [], "")


SIXTEEN_TAGS = ", ".join(f"Kompetenz {number:02d}" for number in range(1, 17))

BAD_VALUES = [
    ("name", "", "profile.required"),
    ("name", "H", "profile.required"),
    ("name", "x" * 201, "profile.too_long"),
    ("legal_form", "x" * 61, "profile.too_long"),
    ("kind", "bakery", "profile.kind_invalid"),
    ("street", "", "profile.required"),
    ("street", "   ", "profile.required"),
    ("postal_code", "3864", "profile.postal_code_invalid"),
    ("postal_code", "386400", "profile.postal_code_invalid"),
    ("postal_code", "ABCDE", "profile.postal_code_invalid"),
    ("city", "", "profile.required"),
    ("federal_state", "BY", "profile.federal_state_invalid"),
    ("website", "javascript:alert(1)", "profile.website_invalid"),
    ("website", "ftp://x.de", "profile.website_invalid"),
    ("website", "http://", "profile.website_invalid"),
    ("website", "https://exa mple.de", "profile.website_invalid"),
    ("website", "https://user:secret@harzer-chemie.example", "profile.website_invalid"),
    ("phone", "call me", "profile.phone_invalid"),
    ("phone", "+49 12", "profile.phone_invalid"),
    ("email", "not-an-email", "email.invalid"),
    ("description", "x" * 4001, "profile.too_long"),
    ("employees", "-1", "profile.employees_invalid"),
    ("employees", "abc", "profile.employees_invalid"),
    ("employees", "2000000", "profile.employees_invalid"),
    ("competences", "Katalyse, " + "x" * 41, "profile.competence_invalid"),
    ("competences", SIXTEEN_TAGS, "profile.competences_too_many"),
    ("logo", "../../etc/passwd", "logo.invalid"),
]


@pytest.mark.parametrize(("field", "value", "key"), BAD_VALUES,
                         ids=[f"{field}-{value[:20]!r}" for field, value, _key in BAD_VALUES])
def test_one_bad_value_names_its_field_and_message(field, value, key):
    errors = errors_of(VALID | {field: value})

    assert set(errors) == {field}
    assert errors[field].message_key == key
    assert errors[field].field == field
    if key == "profile.too_long":
        assert errors[field].values == {"limit": TEXT_LIMITS[field]}


def test_the_limits_themselves_are_accepted():
    at_limit = {"name": "x" * 200, "legal_form": "x" * 60, "description": "x" * 4000,
                "employees": "1000000", "competences": SIXTEEN_TAGS.rsplit(",", 1)[0]}
    clean = validate_profile(VALID | at_limit)
    assert (len(clean["name"]), clean["employees"], len(clean["competences"])) == (200, 1_000_000,
                                                                                  15)


@pytest.mark.parametrize("field", ["kind", "postal_code", "federal_state"])
def test_an_overlong_choice_field_is_a_validation_error_not_a_crash(field):
    errors = errors_of(VALID | {field: "x" * 201})
    assert set(errors) == {field}


def test_employees_with_a_superscript_digit_is_a_validation_error_not_a_crash():
    errors = errors_of(VALID | {"employees": "²"})
    assert errors["employees"].message_key == "profile.employees_invalid"


def test_several_bad_fields_are_all_reported():
    errors = errors_of(VALID | {"name": "", "postal_code": "3864", "website": "ftp://x.de",
                                "employees": "viele"})

    assert {name: error.message_key for name, error in errors.items()} == {
        "name": "profile.required",
        "postal_code": "profile.postal_code_invalid",
        "website": "profile.website_invalid",
        "employees": "profile.employees_invalid",
    }


def test_a_form_that_is_not_a_dict_reports_every_required_field():
    errors = errors_of(["not", "a", "form"])
    assert set(errors) == {"name", "kind", "street", "postal_code", "city", "federal_state"}


def test_keys_that_are_not_profile_fields_are_ignored():
    extra = {"status": "left", "member_since": "1999-01-01", "decided_by_user_id": 7, "id": 99,
             "organization_id": 3, "search_text": "everything"}

    clean = validate_profile(VALID | extra)

    assert clean == validate_profile(VALID)
    assert set(clean) == set(PROFILE_FIELDS)


def test_description_keeps_line_breaks_and_drops_control_characters():
    raw = "Erste Zeile\x00\x07\r\nZweite\x1b Zeile\rDritte Zeile\x7f"
    assert validate_profile(VALID | {"description": raw})["description"] == (
        "Erste Zeile\nZweite Zeile\nDritte Zeile")


def test_single_line_fields_turn_control_characters_and_line_breaks_into_spaces():
    clean = validate_profile(VALID | {"name": "Harzer\nChemie\x00werke", "city": "Bad\tHarzburg"})
    assert (clean["name"], clean["city"]) == ("Harzer Chemie werke", "Bad Harzburg")


def test_markup_in_the_description_is_kept_as_plain_text():
    markup = "<script>alert(1)</script>"
    assert validate_profile(VALID | {"description": markup})["description"] == markup
