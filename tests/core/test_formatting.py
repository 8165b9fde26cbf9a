"""Money, numbers and dates per language, the translation catalogue, and that every catalogue
key the code uses exists in both languages."""

from __future__ import annotations

import ast
import string
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from harzportal.audit.log import ACTION_KINDS
from harzportal.core import formatting
from harzportal.core.catalogue import CATALOGUE
from harzportal.core.i18n import LANGUAGES, translate
from harzportal.core.roles import Role
from harzportal.invoices.issuing import RUN_STATES
from harzportal.invoices.models import InvoiceKind
from harzportal.invoices.service import DISPLAY_STATES, STAFF_FILTERS
from harzportal.organizations.models import (
    ChangeRequestStatus,
    ContactFunction,
    FederalState,
    FieldDecision,
    MembershipStatus,
    OrganizationKind,
)
from harzportal.organizations.profile import PROFILE_FIELDS
from harzportal.seminars.admin_state import FORM_FIELDS as SEMINAR_FORM_FIELDS
from harzportal.seminars.models import RegistrationStatus, SeminarStatus, Topic
from harzportal.organizations.state import PROFILE_NOTICES

PACKAGE = Path(__file__).resolve().parents[2] / "harzportal"


# Formatting

def test_money_in_german():
    assert formatting.money(123456, "de") == "1.234,56\xa0€"


def test_money_in_english():
    assert formatting.money(123456, "en") == "€1,234.56"


def test_money_of_an_unknown_language_falls_back_to_german():
    assert formatting.money(5, "fr") == "0,05\xa0€"


def test_numbers():
    assert formatting.number(1234567, "de") == "1.234.567"
    assert formatting.number(1234567, "en") == "1,234,567"


def test_days():
    assert formatting.day(date(2026, 3, 5), "de") == "05.03.2026"
    assert formatting.day(date(2026, 3, 5), "en") == "5 Mar 2026"
    assert formatting.day(None, "de") == ""


def test_moments_are_shown_in_german_local_time():
    winter = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)  # CET, UTC+1
    summer = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # CEST, UTC+2
    assert formatting.moment(winter, "de") == "28.11.2026, 10:00:00"
    assert formatting.moment(summer, "en") == "1 Jul 2026, 11:00:00"
    assert formatting.moment(datetime(2026, 11, 28, 9, 0), "de") == "28.11.2026, 10:00:00"
    assert formatting.moment(None, "en") == ""


# Translation

def test_translate_fills_in_placeholders():
    assert translate("password.too_short", "en", min=12) == (
        "The password must be at least 12 characters long.")
    assert translate("password.too_short", "de", min=12) == (
        "Das Passwort muss mindestens 12 Zeichen lang sein.")


def test_translate_falls_back_to_german():
    assert translate("nav.logout", "fr") == "Abmelden"


def test_translate_refuses_an_unknown_key():
    with pytest.raises(KeyError):
        translate("nav.does_not_exist", "de")


def test_every_entry_has_german_and_english():
    incomplete = [key for key, entry in CATALOGUE.items()
                  if set(entry) != {"de", "en"} or not entry["de"].strip()
                  or not entry["en"].strip()]
    assert incomplete == []


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_use_the_same_placeholders():
    different = [key for key, entry in CATALOGUE.items()
                 if _placeholders(entry["de"]) != _placeholders(entry["en"])]
    assert different == []


# Every key the code uses is in the catalogue

KEY_AS_FIRST_ARGUMENT = {"t", "translate", "_text", "ValidationFailed", "NotFound", "Conflict",
                         "PermissionDenied", "page_title", "field", "detail_row", "checked_field",
                         "labelled"}
KEY_AS_SECOND_ARGUMENT = {"_card_heading", "NavEntry", "pager"}
KEY_KEYWORDS = {"message_key", "error_key", "label_key", "hint_key", "success_key"}
FAMILIES = {
    "role.": [role.value for role in Role],
    "org_kind.": [kind.value for kind in OrganizationKind],
    "federal_state.": [state.value for state in FederalState],
    "user_status.": ["active", "invited", "inactive"],
    "membership.": [status.value for status in MembershipStatus],
    "profile.field.": list(PROFILE_FIELDS),
    "function.": [function.value for function in ContactFunction],
    "change.status.": [status.value for status in ChangeRequestStatus],
    "change.decision.": [decision.value for decision in FieldDecision],
    "change.": list(PROFILE_NOTICES),  # the notice after saving, from the page's URL
    "invoices.filter.": list(STAFF_FILTERS),
    "invoice.kind.": [kind.value for kind in InvoiceKind],
    "invoice.state.": list(DISPLAY_STATES),
    "invoice_run.state.": list(RUN_STATES),
    "topic.": [topic.value for topic in Topic],
    "seminar.status.": [status.value for status in SeminarStatus],
    "registration.status.": [status.value for status in RegistrationStatus],
    "seminar.field.": list(SEMINAR_FORM_FIELDS),
    "audit.kind.": list(ACTION_KINDS),
    "document.language.": list(LANGUAGES),
    "attention.seminar_": [RegistrationStatus.CONFIRMED.value, RegistrationStatus.WAITLISTED.value],
}


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute) and call.func.attr.startswith("_"):
        return call.func.attr  # self._text(...)
    return None


def _keys_in_code() -> tuple[dict[str, str], dict[str, str]]:
    """Literal keys {key: where} and f-string key prefixes {prefix: where} in harzportal/."""
    literal, prefixes = {}, {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _called_name(node)
            arguments = []
            if name in KEY_AS_FIRST_ARGUMENT and node.args:
                arguments.append(node.args[0])
            if name in KEY_AS_SECOND_ARGUMENT and len(node.args) > 1:
                arguments.append(node.args[1])
            arguments += [keyword.value for keyword in node.keywords if keyword.arg in KEY_KEYWORDS]
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            if name == "t_by" and len(node.args) > 2:  # t_by(var, ["contact", ...], "role.")
                prefix = ast.literal_eval(node.args[2])
                prefixes[prefix] = where
                for value in ast.literal_eval(node.args[1]):
                    literal[prefix + value] = where
            for argument in arguments:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    literal[argument.value] = where
                elif isinstance(argument, ast.JoinedStr) and argument.values and isinstance(
                        argument.values[0], ast.Constant):
                    prefixes[argument.values[0].value] = where
    return literal, prefixes


def test_every_literal_key_in_the_code_is_in_the_catalogue():
    literal, _ = _keys_in_code()
    assert len(literal) > 80, "the scan found suspiciously few keys"
    missing = {key: where for key, where in literal.items() if key not in CATALOGUE}
    assert missing == {}


def test_every_key_family_built_in_the_code_is_known_here():
    _, prefixes = _keys_in_code()
    assert set(prefixes) <= set(FAMILIES), prefixes


@pytest.mark.parametrize("prefix", sorted(FAMILIES))
def test_every_member_of_a_key_family_is_in_the_catalogue(prefix):
    missing = [prefix + value for value in FAMILIES[prefix] if prefix + value not in CATALOGUE]
    assert missing == []
