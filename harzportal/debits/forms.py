"""The forms of SEPA direct debit: granting a mandate, creating a collection run."""

from __future__ import annotations

from pydantic import field_validator

from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import FormModel
from harzportal.core.text import single_line
from harzportal.debits.iban import checked_iban
from harzportal.debits.models import Scheme

MAX_HOLDER = 70  # pain.008 Dbtr/Nm


class MandateForm(FormModel):
    """Account holder, IBAN, scheme and the confirmation of the mandate text."""

    model_config = FormModel.model_config | {"validate_default": True}

    account_holder: str = ""
    iban: str = ""
    scheme: str = ""
    accepted: bool | str = False

    @field_validator("account_holder", mode="before")
    @classmethod
    def _holder(cls, value: object) -> str:
        holder = single_line(value)
        if not holder:
            raise ValidationFailed("debit.holder_missing", field="account_holder")
        if len(holder) > MAX_HOLDER:
            raise ValidationFailed("debit.holder_too_long", field="account_holder")
        return holder

    @field_validator("iban", mode="before")
    @classmethod
    def _iban(cls, value: object) -> str:
        return str(checked_iban(value).compact)

    @field_validator("scheme", mode="before")
    @classmethod
    def _scheme(cls, value: object) -> str:
        if value not in (Scheme.CORE.value, Scheme.B2B.value):
            raise ValidationFailed("debit.scheme_invalid", field="scheme")
        return value

    @field_validator("accepted", mode="before")
    @classmethod
    def _accepted(cls, value: object) -> bool:
        if value not in (True, "on", "true", "1"):
            raise ValidationFailed("debit.accept_missing", field="accepted")
        return True


class RunForm(FormModel):
    """The scheme of a new collection run."""

    model_config = FormModel.model_config | {"validate_default": True}

    scheme: str = ""

    @field_validator("scheme", mode="before")
    @classmethod
    def _scheme(cls, value: object) -> str:
        if value not in (Scheme.CORE.value, Scheme.B2B.value):
            raise ValidationFailed("debit.scheme_invalid", field="scheme")
        return value
