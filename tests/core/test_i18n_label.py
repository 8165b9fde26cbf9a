"""`core.i18n.label`: the one lookup of an enum's label table."""

from __future__ import annotations

from harzportal.accounts.labels import ROLE_LABELS
from harzportal.core.i18n import label
from harzportal.core.roles import Role


def test_a_member_and_its_value_read_the_same():
    assert label(ROLE_LABELS, Role.ORG_MANAGER, "en") == label(ROLE_LABELS, "org_manager", "en")
    assert label(ROLE_LABELS, "contact", "de") != "contact"


def test_a_value_the_table_does_not_know_reads_as_itself():
    assert label(ROLE_LABELS, "retired_role", "de") == "retired_role"
