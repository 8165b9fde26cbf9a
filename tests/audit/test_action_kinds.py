"""Every action the portal records can be found with the audit log's "area" filter."""

from __future__ import annotations

import re
from pathlib import Path

from harzportal.audit.log import ACTION_KINDS
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
