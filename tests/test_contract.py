"""The contract between the layers (docs/ARCHITECTURE.md), checked over the whole package.

- Every public var of every State of ours holds typed values: no `dict`, no list of dicts, no
  bare `list`/`Any`; rows are frozen view dataclasses.
- No flag travels as the string "yes" or "no".
- No package imports a package above it in LAYERS, and no two peers import each other.
"""

from __future__ import annotations

import ast
import dataclasses
import pathlib
import typing

import pytest
import reflex as rx

import harzportal.harzportal

PACKAGE = pathlib.Path(harzportal.__file__).parent

# Lowest first. A module may import its own unit and anything in a lower layer. The tables
# (`*.models`, `all_models`) are one schema every layer may read; audit's recorder
# (audit/service.py) sits low, its reader (log, state, pages, routes) high.
LAYERS = [
    {"core", "settings", "setting_values", "schema"},
    {"db"},
    {"mail", "audit.recorder", "jobs", "job_child"},
    {"accounts"},
    {"shell"},
    {"ui"},
    {"organizations", "jobruns"},
    {"invoices"},
    {"seminars", "documents", "banking", "debits"},
    {"gdpr", "circulars"},
    {"exchange"},
    {"dashboard", "admin", "audit", "auth"},
    {"demo", "maintenance", "startup_checks", "migrations", "cli", "harzportal", "tasks",
     "schedule", "serve", "gc_freeze"},
]


def _our_states() -> list[type[rx.State]]:
    found, queue = [], [rx.State]
    while queue:
        state = queue.pop()
        queue.extend(state.__subclasses__())
        if state.__module__.startswith("harzportal."):
            found.append(state)
    return found


def _untyped(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if annotation in (dict, list, tuple, set, typing.Any) or origin is dict:
        return True
    if dataclasses.is_dataclass(annotation):
        return not annotation.__dataclass_params__.frozen or any(
            _untyped(field.type) for field in dataclasses.fields(annotation)
            if not isinstance(field.type, str))
    return any(_untyped(argument) for argument in typing.get_args(annotation))


def test_every_state_var_of_ours_is_typed():
    states = _our_states()
    assert len(states) > 25, "the walk found suspiciously few states"
    untyped = []
    for state in states:
        hints = typing.get_type_hints(state)
        for name in state.base_vars:
            if name.startswith("_") or name not in hints or name in rx.State.base_vars:
                continue
            if _untyped(hints[name]):
                untyped.append(f"{state.__module__}.{state.__name__}.{name}: {hints[name]}")
    assert untyped == []


def test_a_dict_var_would_be_found():
    @dataclasses.dataclass
    class Loose:
        cells: dict

    assert _untyped(dict[str, str]) and _untyped(list[dict[str, str]]) and _untyped(Loose)
    assert not _untyped(list[str]) and not _untyped(int)


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_flag_travels_as_yes_or_no():
    # setting_values.py reads what operators type into the environment (HARZPORTAL_X=yes) as
    # a bool.
    found = [f"{path.relative_to(PACKAGE)}:{node.lineno}" for path, tree in _sources()
             if path.name != "setting_values.py" for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and node.value in ("yes", "no")]
    assert found == []


def _unit(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return "harzportal"
    if parts[-1] == "models" or parts == ["all_models"]:
        return "schema"
    if parts[:2] == ["audit", "service"]:
        return "audit.recorder"
    return parts[0]


def _imported_modules(path: pathlib.Path, tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "harzportal"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() or (
                    PACKAGE.parent / candidate.replace(".", "/")).is_dir()
                yield node.lineno, candidate if is_module else node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("harzportal"):
                    yield node.lineno, alias.name


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_package_imports_a_package_above_it():
    level = {unit: index for index, units in enumerate(LAYERS) for unit in units}
    upward = []
    for path, tree in _sources():
        source = _unit(_module_name(path))
        assert source in level, f"{path}: add its package to LAYERS"
        for line, module in _imported_modules(path, tree):
            target = _unit(module)
            if level[target] > level[source]:
                upward.append(f"{path.relative_to(PACKAGE)}:{line} {source} -> {target}")
    assert upward == []


def test_peers_in_a_layer_do_not_import_each_other_both_ways():
    edges = {(_unit(_module_name(path)), _unit(module))
             for path, tree in _sources() for _, module in _imported_modules(path, tree)}
    both_ways = sorted(f"{a} <-> {b}" for a, b in edges if a < b and (b, a) in edges)
    assert both_ways == []


@pytest.mark.parametrize("module, unit", [("harzportal.invoices.models", "schema"),
                                          ("harzportal.audit.service", "audit.recorder"),
                                          ("harzportal.audit.log", "audit")])
def test_units_are_named_as_documented(module, unit):
    assert _unit(module) == unit
