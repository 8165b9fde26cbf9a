"""The build's purge step is put into postcss.config.js, and every data table has a caption."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import reflex as rx

from harzportal.ui import components as ui
from harzportal.ui.stylesheet import PURGE_NAME, with_purge

REFLEX_POSTCSS = """export default {
  plugins: {
    "postcss-import": {},
    autoprefixer: noVendorPrefix ? false : {},
  },
};"""
HARZPORTAL = Path(__file__).resolve().parents[2] / "harzportal"


def test_the_purge_runs_after_the_imports_are_inlined() -> None:
    config = with_purge(REFLEX_POSTCSS)
    names = re.findall(r'"([^"]+)": \{\}', config)
    assert names == ["postcss-import", f"./{PURGE_NAME}"]
    assert with_purge(config) == config  # a second compile changes nothing


def test_a_postcss_config_without_the_import_step_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="postcss-import"):
        with_purge("export default { plugins: {} };")


def test_a_data_table_has_its_caption_for_screen_readers() -> None:
    table = ui.data_table(["A", "B"], rx.Var.create([["1", "2"]]),
                          lambda row: ui.table_row(row[0], row[1]), caption="Rechnungen")
    rendered = str(table.render())
    assert "caption" in rendered and "Rechnungen" in rendered
    assert ui.VISUALLY_HIDDEN in rendered


def test_every_table_of_the_app_has_a_caption() -> None:
    """Tables are built by ui.data_table (a required caption) or name their caption next to
    their opening (the audit log, the charts' screen-reader tables)."""
    for path in HARZPORTAL.rglob("*.py"):
        text = path.read_text()
        for match in re.finditer(r"rx\.(el\.table|table\.root)\(", text):
            following = text[match.end():match.end() + 300]
            assert "caption" in following, f"{path.relative_to(HARZPORTAL)}: a table without caption"


def _call_text(text: str, start: int) -> str:
    """The argument text of the call whose opening parenthesis is at `start`."""
    depth = 0
    for position in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if depth == 0:
            return text[start:position]
    return text[start:]


def test_every_data_table_call_names_its_caption() -> None:
    """caption= is required: a page that forgets it fails only when the frontend is built, so
    every call is read here (a merge once brought two such pages into the build)."""
    for path in HARZPORTAL.rglob("*.py"):
        text = path.read_text()
        for match in re.finditer(r"\bui\.data_table\(", text):
            arguments = _call_text(text, match.end() - 1)
            assert "caption=" in arguments, f"{path.relative_to(HARZPORTAL)}: a table without caption"
