"""The audit log's filter form (the page's form and the CSV link's query), parsed once.

An id or area that is no id or area means "all" (the form's choices are lists, anything else
was typed by hand); a date that cannot be read is refused with the field named. The calendar's
first and last day have no local midnight in UTC, so they are refused too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import ClassVar
from urllib.parse import urlencode

from pydantic import ValidationInfo, field_validator

from harzportal.core import clock
from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import FormModel
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id

DATE_INVALID = N_("invoice.date_invalid")
# The kinds of action staff filter by: the prefix of the action names.
ACTION_KINDS = ("auth", "user", "contact", "organization", "profile", "invoice", "credit_note",
                "invoice_run", "fees", "registration", "seminar", "document", "document_category",
                "calendar_feed", "certificate", "circular", "exchange", "demo", "bank",
                "sepa_mandate", "debit_run")


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=clock.LOCAL_ZONE).astimezone(UTC)


class AuditFilterForm(FormModel):
    actor_user_id: int | None = None
    organization_id: int | None = None
    kind: str = ""
    since: date | None = None
    until: date | None = None

    field_messages: ClassVar[dict[str, str]] = {"since": DATE_INVALID, "until": DATE_INVALID}

    @field_validator("actor_user_id", "organization_id", mode="before")
    @classmethod
    def _id_or_all(cls, value: object) -> int | None:
        return parse_id(value)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_or_all(cls, value: object) -> str:
        return value if value in ACTION_KINDS else ""

    @field_validator("since", "until", mode="before")
    @classmethod
    def _day_text(cls, value: object) -> object:
        # The date input's text (2027-03-01) or a date; anything else is no date at all.
        return value if isinstance(value, date) or (isinstance(value, str) and value) else None

    @field_validator("since", "until")
    @classmethod
    def _has_local_midnights(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None:
            try:
                local_midnight(value), local_midnight(value + timedelta(days=1))
            except (ValueError, OverflowError):
                raise ValidationFailed(DATE_INVALID, field=info.field_name) from None
        return value

    def query(self) -> dict[str, str]:
        """The filters that are set, as the form would send them."""
        return {name: value.isoformat() if isinstance(value, date) else str(value)
                for name, value in self.model_dump().items() if value not in (None, "")}

    def export_url(self, base: str) -> str:
        query = self.query()
        return f"{base}?{urlencode(query)}" if query else base
