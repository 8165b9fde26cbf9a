"""The seminar forms, each parsed once into a frozen model (core.forms).

The staff's seminar form takes German local times ("2027-03-04T09:30", as a datetime-local
input sends them) and keeps them as UTC moments. Each field is checked in the order the form
shows its messages; a check that needs an earlier field (the end after the start, the limit
within the capacity) sits with the later field and reads the earlier one from `info.data`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from harzportal.core import clock
from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import FormModel, line_of_at_most, one_of
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.core.text import plain_text, single_line
from harzportal.invoices.amounts import parse_euro_amount
from harzportal.organizations.profile import normalize_website
from harzportal.seminars.models import Topic

TOPICS = tuple(topic.value for topic in Topic)
MAX_CAPACITY = 10_000
MAX_LINK_LENGTH = 500
LIMITS = {"title": 200, "description": 6000, "speakers": 500, "venue": 300}
MIN_TITLE_LENGTH = 3


def local_moment(raw: object, field: str) -> datetime:
    """'2027-03-04T09:30' as typed in Germany -> an aware UTC datetime."""
    try:
        typed = datetime.fromisoformat(raw.strip()) if isinstance(raw, str) else None
    except ValueError:
        typed = None
    if typed is None or typed.tzinfo is not None:
        raise ValidationFailed(N_("seminar.moment_invalid"), field=field)
    try:
        return typed.replace(tzinfo=clock.LOCAL_ZONE).astimezone(UTC)
    except OverflowError:  # the first hours of year 1 have no UTC moment
        raise ValidationFailed(N_("seminar.moment_invalid"), field=field) from None


def _within_limit(text: str, field: str) -> str:
    if len(text) > LIMITS[field]:
        raise ValidationFailed(N_("profile.too_long"), field=field, limit=LIMITS[field])
    return text


class SeminarForm(FormModel):
    model_config = ConfigDict(validate_default=True)
    field_messages = {
        "title": N_("seminar.required"), "description": N_("profile.too_long"),
        "speakers": N_("profile.too_long"), "venue": N_("profile.too_long"),
        "topic": N_("seminar.topic_invalid"), "online_link": N_("profile.website_invalid"),
        "starts_at": N_("seminar.moment_invalid"), "ends_at": N_("seminar.moment_invalid"),
        "registration_deadline": N_("seminar.moment_invalid"),
        "registration_opens_at": N_("seminar.moment_invalid"),
        "capacity": N_("seminar.capacity_invalid"),
        "per_organization_limit": N_("seminar.limit_invalid"), "fee": N_("invoice.amount_invalid"),
    }

    title: str = ""
    description: str = ""
    speakers: str = ""
    venue: str = ""
    topic: str = ""
    online_link: str = ""
    starts_at: datetime = None
    ends_at: datetime = None
    registration_deadline: datetime = None
    registration_opens_at: datetime = None
    capacity: int = 0
    per_organization_limit: int | None = None
    fee_cents: int = Field(default=0, validation_alias="fee")

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, raw: object) -> str:
        text = single_line(raw)
        if len(text) < MIN_TITLE_LENGTH:
            raise ValidationFailed(N_("seminar.required"), field="title")
        return _within_limit(text, "title")

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, raw: object) -> str:
        return _within_limit(plain_text(raw), "description")

    @field_validator("speakers", "venue", mode="before")
    @classmethod
    def _line(cls, raw: object, info: ValidationInfo) -> str:
        return _within_limit(single_line(raw), info.field_name)

    @field_validator("topic", mode="before")
    @classmethod
    def _topic(cls, raw: object) -> str:
        if raw not in TOPICS:
            raise ValidationFailed(N_("seminar.topic_invalid"), field="topic")
        return raw

    @field_validator("online_link", mode="before")
    @classmethod
    def _online_link(cls, raw: object, info: ValidationInfo) -> str:
        link = single_line(raw)
        if len(link) > MAX_LINK_LENGTH:
            raise ValidationFailed(N_("profile.too_long"), field="online_link",
                                   limit=MAX_LINK_LENGTH)
        try:
            link = normalize_website(link) if link else ""
        except ValidationFailed as error:
            raise ValidationFailed(error.message_key, field="online_link") from None
        if not link and not info.data.get("venue"):
            raise ValidationFailed(N_("seminar.place_required"), field="venue")
        return link

    @field_validator("starts_at", mode="before")
    @classmethod
    def _starts_at(cls, raw: object) -> datetime:
        return local_moment(raw, "starts_at")

    @field_validator("ends_at", mode="before")
    @classmethod
    def _ends_at(cls, raw: object, info: ValidationInfo) -> datetime:
        moment = local_moment(raw, "ends_at")
        if moment <= info.data["starts_at"]:
            raise ValidationFailed(N_("seminar.ends_before_start"), field="ends_at")
        return moment

    @field_validator("registration_deadline", mode="before")
    @classmethod
    def _deadline(cls, raw: object, info: ValidationInfo) -> datetime:
        moment = local_moment(raw, "registration_deadline")
        if moment > info.data["starts_at"]:
            raise ValidationFailed(N_("seminar.deadline_after_start"),
                                   field="registration_deadline")
        return moment

    @field_validator("registration_opens_at", mode="before")
    @classmethod
    def _opens_at(cls, raw: object, info: ValidationInfo) -> datetime:
        moment = local_moment(raw, "registration_opens_at")
        if moment >= info.data["registration_deadline"]:
            raise ValidationFailed(N_("seminar.opens_after_deadline"),
                                   field="registration_opens_at")
        return moment

    @field_validator("capacity", mode="before")
    @classmethod
    def _capacity(cls, raw: object) -> int:
        capacity = parse_id(raw)
        if capacity is None or capacity > MAX_CAPACITY:
            raise ValidationFailed(N_("seminar.capacity_invalid"), field="capacity")
        return capacity

    @field_validator("per_organization_limit", mode="before")
    @classmethod
    def _limit(cls, raw: object, info: ValidationInfo) -> int | None:
        typed = single_line(raw)
        if not typed:
            return None
        limit = parse_id(typed)
        if limit is None or limit > info.data["capacity"]:
            raise ValidationFailed(N_("seminar.limit_invalid"), field="per_organization_limit")
        return limit

    @field_validator("fee_cents", mode="before")
    @classmethod
    def _fee(cls, raw: object) -> int:
        typed = single_line(raw)
        return parse_euro_amount(typed, field="fee") if typed else 0


class CatalogueFilter(FormModel):
    """The catalogue's filters; anything unusable is simply no filter."""

    model_config = ConfigDict(validate_default=True)

    topic: Annotated[str, one_of(TOPICS)] = ""
    month: Annotated[str, line_of_at_most(7)] = ""
    search: Annotated[str, line_of_at_most(100)] = ""


class ColleagueForm(FormModel):
    """The colleague a manager registers; no usable id is None (the service says NotFound)."""

    model_config = ConfigDict(validate_default=True)

    user_id: int | None = None

    @field_validator("user_id", mode="before")
    @classmethod
    def _user_id(cls, raw: object) -> int | None:
        return parse_id(raw)
