"""Every action the portal records can be found with the audit log's "area" filter."""

from __future__ import annotations

import re
from pathlib import Path

from harzportal.audit.forms import ACTION_KINDS
from harzportal.audit.presenter import ACTION_KIND_NAMES
from harzportal.core.i18n import translate
from harzportal.invoices.models import InvoiceKind

SOURCES = Path(__file__).resolve().parents[2] / "harzportal"
RECORDED_ACTION = re.compile(r'action="([a-z_]+)\.[a-z_]+"')


def _recorded_prefixes() -> set[str]:
    prefixes = {match for path in SOURCES.rglob("*.py")
                for match in RECORDED_ACTION.findall(path.read_text(encoding="utf-8"))}
    # invoices/issuing.py records f"{request.kind}.issued" for each kind of invoice.
    return prefixes | {kind.value for kind in InvoiceKind}


def test_every_recorded_action_has_a_filterable_area():
    prefixes = _recorded_prefixes()
    assert len(prefixes) > 10  # the scan finds the portal's actions
    assert prefixes - set(ACTION_KINDS) == set()


def test_every_area_has_a_name_in_both_languages():
    assert tuple(ACTION_KIND_NAMES) == ACTION_KINDS
    assert translate(ACTION_KIND_NAMES["document"], "de") == "Dokumente"
    assert translate(ACTION_KIND_NAMES["document"], "en") != "Dokumente"
