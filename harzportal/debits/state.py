"""States of the SEPA debit pages: the member's mandate, the staff's collection runs."""

from __future__ import annotations

from datetime import date

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.debits import collection, mandates, presenter
from harzportal.debits.forms import MandateForm, RunForm
from harzportal.debits.views import (
    EMPTY_MANDATE,
    DebitGroupView,
    DebitRunView,
    DueDebitView,
    MandateTextView,
    MandateView,
)
from harzportal.settings import get as get_settings
from harzportal.shell.guard import requires_session, requires_staff
from harzportal.shell.state import PortalState


class MandateState(PortalState):
    loaded: bool = False
    has_mandate: bool = False
    mandate: MandateView = EMPTY_MANDATE
    earlier: list[MandateView] = []
    texts: list[MandateTextView] = []
    creditor_id: str = ""
    creditor_name: str = ""
    organization_name: str = ""
    scheme_choice: str = "CORE"
    form_key: int = 0
    error: str = ""
    message: str = ""
    form_error: str = ""

    async def _reload(self, actor: Actor) -> None:
        self.loaded = False
        loaded = await self._run_shown(mandates.overview, actor)
        if loaded.refused:
            return
        overview = loaded.result
        self.organization_name = overview.organization_name
        self.creditor_id, self.creditor_name = overview.creditor_id, overview.creditor_name
        self.has_mandate = overview.active is not None
        self.mandate = (presenter.mandate(overview.active, self.lang) if overview.active
                        else EMPTY_MANDATE)
        self.earlier = [presenter.mandate(detail, self.lang) for detail in overview.revoked]
        self.texts = presenter.mandate_texts(overview.creditor_name, self.lang,
                                             get_settings().sepa_prenotification_days)
        self.loaded = True

    @requires_session
    async def load(self, actor: Actor):
        self.message = self.error = self.form_error = ""
        await self._reload(actor)

    @requires_session
    async def choose_scheme(self, actor: Actor, scheme: str):
        self.scheme_choice = scheme if scheme in ("CORE", "B2B") else "CORE"

    @requires_session
    async def grant(self, actor: Actor, form_data: dict):
        self.message = ""
        with self._refusal_shown_in("form_error") as outcome:
            form = parse_form(MandateForm, form_data)
        if outcome.refused:
            return
        granted = await self._run_shown(mandates.grant, actor, form, refusal_in="form_error")
        if granted.refused:
            return
        self.form_key += 1
        await self._reload(actor)
        self.message = self._text(N_("debit.mandate.granted"))

    @requires_session
    async def revoke(self, actor: Actor):
        await self._change_and_reload(actor, mandates.revoke, self.mandate.id,
                                      success_key=N_("debit.mandate.revoked"))


def _until(raw: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed("debit.until_invalid", field="until") from None


class DebitRunsState(PortalState):
    loaded: bool = False
    groups: list[DebitGroupView] = []
    debits: list[DueDebitView] = []
    runs: list[DebitRunView] = []
    total_core: str = ""
    total_b2b: str = ""
    until: str = ""
    error: str = ""
    message: str = ""

    async def _reload(self, actor: Actor) -> None:
        self.loaded = False
        with self._refusal_shown_in("error") as outcome:
            preview = await db.run_in_unit_of_work(collection.preview, actor,
                                                   _until(self.until))
        if outcome.refused:
            return
        groups, debits, runs, totals = presenter.collection_preview(preview, self.lang)
        self.groups, self.debits, self.runs = groups, debits, runs
        self.total_core, self.total_b2b = totals["CORE"], totals["B2B"]
        self.loaded = True

    @requires_staff
    async def load(self, actor: Actor):
        self.message = self.error = ""
        self.until = collection.horizon().isoformat()
        await self._reload(actor)

    @requires_staff
    async def apply_until(self, actor: Actor, form_data: dict):
        raw = form_data.get("until") if isinstance(form_data, dict) else ""
        self.until = raw if isinstance(raw, str) else ""
        self.message = ""
        await self._reload(actor)

    @requires_staff
    async def create_run(self, actor: Actor, form_data: dict):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            scheme = parse_form(RunForm, form_data).scheme
            until = _until(self.until)
        if outcome.refused:
            return
        created = await self._run_shown(collection.create_run, actor, scheme, until)
        error = self.error
        if not created.refused:
            self.message = presenter.run_outcome(created.result, self.lang)
        await self._reload(actor)
        self.error = self.error or error

    @requires_staff
    async def submit_run(self, actor: Actor, run_id: int):
        await self._change_and_reload(actor, collection.submit_run, parse_id(run_id),
                                      success_key=N_("debit.run.submitted"))
