"""The library's forms, parsed once: the filter of the list, a new document, a new version.

The document's own fields stay text here: `service.create_document` validates them (it is
called with anything) and names the field it refuses.
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from harzportal.core.forms import FormModel
from harzportal.core.text import single_line
from harzportal.organizations.models import OrganizationKind

KINDS = tuple(kind.value for kind in OrganizationKind)


class LibraryFilterForm(FormModel):
    category: str = ""  # a category's key; the state keeps only keys it listed
    search: str = ""
    sort: Literal["date", "title"] = "date"

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: object) -> str:
        return value if isinstance(value, str) else ""

    @field_validator("search", mode="before")
    @classmethod
    def _search(cls, value: object) -> str:
        return single_line(value)[:100]

    @field_validator("sort", mode="before")
    @classmethod
    def _sort(cls, value: object) -> str:
        return value if value in ("date", "title") else "date"


class _Publishing(FormModel):
    """What a new document and a new version share: the note and the notice by mail."""

    change_note: str = ""
    notify: bool = False  # the checkbox sends "on"

    @field_validator("change_note", mode="before")
    @classmethod
    def _text(cls, value: object) -> str:
        return value if isinstance(value, str) else ""

    @field_validator("notify", mode="before")
    @classmethod
    def _checked(cls, value: object) -> bool:
        return value in ("on", True)


class NewVersionForm(_Publishing):
    pass


class NewDocumentForm(_Publishing):
    title: str = ""
    category_id: str = ""
    description: str = ""
    tags: str = ""
    language: str = ""
    audience: str = ""
    audience_function: str = ""
    review_date: str = ""
    audience_kinds: tuple[str, ...] = ()  # from the checkboxes kind_<kind>

    @model_validator(mode="before")
    @classmethod
    def _checked_kinds(cls, data: object) -> dict:
        values = {key: value for key, value in data.items() if isinstance(value, str)} \
            if isinstance(data, dict) else {}
        kinds = tuple(kind for kind in KINDS if values.get(f"kind_{kind}") == "on")
        return values | {"audience_kinds": kinds, "notify": values.get("notify", False)}

    def document_fields(self) -> dict:
        """The fields `service.create_document` reads."""
        return self.model_dump(exclude={"notify"})
