"""The exchange's forms (core.forms). The search form never refuses: unknown filter values
become "none". The post form only gives the fields their shape; `posts.validate_post` checks
every rule and names the field."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from pydantic import BeforeValidator

from harzportal.core.forms import FormModel, one_of
from harzportal.core.i18n import N_
from harzportal.exchange.posts import FUNDING_PROGRAMMES, KINDS, SECTORS
from harzportal.exchange.service import FEDERAL_STATES, clean_search


class ExchangeSearchForm(FormModel):
    search: Annotated[str, BeforeValidator(clean_search)] = ""
    kind: Annotated[str, one_of(KINDS)] = ""
    sector: Annotated[str, one_of(SECTORS)] = ""
    federal_state: Annotated[str, one_of(FEDERAL_STATES)] = ""
    funding_programme: Annotated[str, one_of(FUNDING_PROGRAMMES)] = ""


class PostForm(FormModel):
    kind: str = ""
    title: str = ""
    description: str = ""
    competences: str = ""
    sector: str = ""
    funding_programme: str = ""
    deadline: str = ""
    visibility: str = ""
    show_organization: str = ""
    expires_on: str = ""

    field_messages: ClassVar[dict[str, str]] = {name: N_("exchange.choice_invalid") for name in (
        "kind", "title", "description", "competences", "sector", "funding_programme",
        "deadline", "visibility", "show_organization", "expires_on")}


class InterestForm(FormModel):
    note: str = ""

    field_messages: ClassVar[dict[str, str]] = {"note": N_("exchange.note_too_long")}


class RefusalForm(FormModel):
    reason: str = ""

    field_messages: ClassVar[dict[str, str]] = {"reason": N_("exchange.reason_required")}


class ReportPeriodForm(FormModel):
    """The activity report's period (the page's form and the downloads' query)."""

    start: date
    end: date

    field_messages: ClassVar[dict[str, str]] = {"start": N_("report.period_invalid"),
                                                "end": N_("report.period_invalid")}
