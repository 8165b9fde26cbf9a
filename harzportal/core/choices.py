"""One entry of a list to choose from (an organization, a person): the id a form sends back and
the name it shows. Services return it and states hold it as it is: there is nothing to format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
