"""The circulars' forms. The texts stay text here: `service.save_circular` validates them and
names the field it refuses. The audience and the documents come from checkboxes
(`kind_<kind>`, `state_<state>`, `function_<function>`, `role_<role>`, `org_<id>`,
`doc_<id>`), ticked only by "on"; nothing a client sends makes the form fail."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, model_validator

from harzportal.circulars.audience import MEMBER_ROLES
from harzportal.circulars.models import OPTIONAL_CATEGORIES
from harzportal.circulars.service import CircularInput
from harzportal.core.forms import FormModel
from harzportal.core.ids import parse_id
from harzportal.organizations.models import ContactFunction, FederalState, OrganizationKind

Text = Annotated[str, BeforeValidator(lambda value: value if isinstance(value, str) else "")]
AUDIENCE_PREFIXES = {"kinds": ("kind_", tuple(OrganizationKind)),
                     "states": ("state_", tuple(FederalState)),
                     "functions": ("function_", tuple(ContactFunction)),
                     "roles": ("role_", tuple(MEMBER_ROLES))}


def _ticked_ids(data: dict, prefix: str) -> list[int]:
    ids = (parse_id(key[len(prefix):]) for key, value in data.items()
           if isinstance(key, str) and key.startswith(prefix) and value == "on")
    return sorted({value for value in ids if value is not None})


class CircularForm(FormModel):
    category: Text = ""
    subject_de: Text = ""
    subject_en: Text = ""
    body_de: Text = ""
    body_en: Text = ""
    audience: dict = {}
    document_ids: tuple[int, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _ticked(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        audience = {name: [value.value for value in known
                           if data.get(f"{prefix}{value.value}") == "on"]
                    for name, (prefix, known) in AUDIENCE_PREFIXES.items()}
        audience["organizations"] = _ticked_ids(data, "org_")
        plain = {key: value for key, value in data.items()
                 if key not in ("audience", "document_ids")}
        return plain | {"audience": audience, "document_ids": tuple(_ticked_ids(data, "doc_"))}

    def as_input(self) -> CircularInput:
        return CircularInput(category=self.category, subject_de=self.subject_de,
                             subject_en=self.subject_en, body_de=self.body_de,
                             body_en=self.body_en, audience=self.audience,
                             document_ids=list(self.document_ids))


class CircularChoicesForm(FormModel):
    """Mein Konto: the optional categories the person wants (`want_<category>` ticked)."""

    wanted: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _ticked(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        return {"wanted": tuple(category.value for category in OPTIONAL_CATEGORIES
                                if data.get(f"want_{category.value}") == "on")}
