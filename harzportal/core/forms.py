"""Form input, parsed once per form into a frozen pydantic model.

A form declares its fields with real types (`int`, `date`, enums) and `field_messages`, the
catalogue key shown when a field cannot be read. A validator may raise a `ValidationFailed`
itself for a more specific message: pydantic lets it through unchanged. Whatever a client sends
(no dict, missing or extra fields, wrong types) ends as one `ValidationFailed` naming the field,
never as a traceback.
"""

from __future__ import annotations

from collections.abc import Container
from typing import ClassVar, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from harzportal.core.errors import ValidationFailed
from harzportal.core.text import single_line

Form = TypeVar("Form", bound="FormModel")


class FormModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", str_max_length=100_000)

    # field name -> catalogue key of the message when that field is missing or unreadable
    field_messages: ClassVar[dict[str, str]] = {}


def parse_form(form: type[Form], form_data: object) -> Form:
    data = form_data if isinstance(form_data, dict) else {}
    try:
        return form.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        field = str(problem["loc"][0]) if problem.get("loc") else None
        raise ValidationFailed(form.field_messages.get(field or ""), field=field) from None


def one_of(known: Container[object], otherwise: str = "") -> BeforeValidator:
    """A filter's field that never refuses: one of the `known` values, anything else `otherwise`
    (`kind: Annotated[str, one_of(KINDS)] = ""`)."""
    return BeforeValidator(lambda raw: raw if isinstance(raw, str) and raw in known else otherwise)


def line_of_at_most(limit: int) -> BeforeValidator:
    """Typed text as one clean line (core.text.single_line), cut to `limit` characters."""
    return BeforeValidator(lambda raw: single_line(raw)[:limit])
