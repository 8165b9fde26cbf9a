"""The library's forms, parsed once: the filter of the list, a new document, a new version.

The document's own fields stay text here: `service.create_document` validates them (it is
called with anything) and names the field it refuses. Nothing a client sends makes these
forms fail: a value that is no text reads as empty, a checkbox is ticked only by "on".
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, model_validator

from harzportal.core.forms import FormModel
from harzportal.core.text import single_line
from harzportal.documents.service import KINDS

SORTS = ("date", "title")

Text = Annotated[str, BeforeValidator(lambda value: value if isinstance(value, str) else "")]
Ticked = Annotated[bool, BeforeValidator(lambda value: value in ("on", True))]


class LibraryFilterForm(FormModel):
    category: Text = ""  # a category's key; the state keeps only keys it listed
    search: Annotated[str, BeforeValidator(lambda value: single_line(value)[:100])] = ""
    sort: Annotated[Literal["date", "title"],
                    BeforeValidator(lambda value: value if value in SORTS else "date")] = "date"


class NewVersionForm(FormModel):
    change_note: Text = ""
    notify: Ticked = False


class NewDocumentForm(NewVersionForm):
    title: Text = ""
    category_id: Text = ""
    description: Text = ""
    tags: Text = ""
    language: Text = ""
    audience: Text = ""
    audience_function: Text = ""
    review_date: Text = ""
    audience_kinds: tuple[str, ...] = ()  # from the checkboxes kind_<kind>

    @model_validator(mode="before")
    @classmethod
    def _ticked_kinds(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        kinds = tuple(kind for kind in KINDS if data.get(f"kind_{kind}") == "on")
        return {key: value for key, value in data.items() if key != "audience_kinds"} | {
            "audience_kinds": kinds}

    def document_fields(self) -> dict:
        """The fields `service.create_document` reads."""
        return self.model_dump(exclude={"notify"})
