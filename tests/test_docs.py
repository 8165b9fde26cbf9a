"""The README's code map and docs/ARCHITECTURE.md describe the tree as it is."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_contract import LAYERS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "harzportal"


def _packages() -> set[str]:
    return {path.name for path in PACKAGE.iterdir()
            if path.is_dir() and (path / "__init__.py").exists()}


def _code_map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Map of the code", 1)[1].split("\n## ", 1)[0]


def test_the_readme_code_map_names_every_package_and_no_other():
    mapped = set(re.findall(r"^  (\w+)/ ", _code_map(), flags=re.MULTILINE))
    assert mapped - {"locale"} == _packages()


def test_the_readme_links_the_architecture_and_nothing_outside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/ARCHITECTURE.md" in readme
    assert "DESIGN.md" not in readme
    assert "DESIGN.md" not in (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _documented_layers() -> list[set[str]]:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    layers = []
    for row in re.findall(r"^\| (\d+) \| ([^|]+) \|", table, flags=re.MULTILINE):
        names = set(re.findall(r"`(\w+)`", row[1]))
        names |= {"schema"} if "schema" in row[1] else set()
        names |= {"audit.recorder"} if "audit recorder" in row[1] else set()
        layers.append(names)
    return layers


def test_the_architecture_lists_the_layers_the_contract_test_enforces():
    assert _documented_layers() == LAYERS


def test_every_package_has_its_layer():
    layered = set().union(*LAYERS)
    assert _packages() <= layered
