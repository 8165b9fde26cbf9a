"""A Babel extraction method that reads Python the way Python does (its syntax tree).

Babel's own Python extractor loses keys in nested calls (`labelled("a.key", select(t("b.key")))`
yields only `a.key`), and our pages nest such calls everywhere. babel.cfg names this method,
so `pybabel extract` and tests/core/test_catalogue.py find every key: each call of a keyword
function (by its name, also as a method: `self._text(...)`) yields its positional arguments,
literal strings or None, and Babel's keyword specs (`translate_plural:1,2`, `NavEntry:2`) pick
the message ids from them.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from typing import IO


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def extract(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
            options: dict) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    tree = ast.parse(fileobj.read().decode(options.get("encoding", "utf-8")))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _called_name(node)) in keywords:
            arguments = tuple(argument.value if isinstance(argument, ast.Constant)
                              and isinstance(argument.value, str) else None
                              for argument in node.args)
            if any(arguments):
                yield node.lineno, name, arguments, []
