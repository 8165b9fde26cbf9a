"""Form input, parsed once per form into a frozen pydantic model.

A form declares its fields with real types (`int`, `date`, enums) and `field_messages`, the
catalogue key shown when a field cannot be read. A validator may raise a `ValidationFailed`
itself for a more specific message: pydantic lets it through unchanged. Whatever a client sends
(no dict, missing or extra fields, wrong types) ends as one `ValidationFailed` naming the field,
never as a traceback.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from harzportal.core.errors import ValidationFailed

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
