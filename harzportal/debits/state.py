"""States of the SEPA debit pages: the member's mandate, the staff's collection runs."""

from __future__ import annotations

from datetime import date

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import ValidationFailed
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.ids import parse_id
from harzportal.debits import collection, collection_job, mandates, presenter
from harzportal.debits.forms import MandateForm, RunForm
from harzportal.debits.views import (
    EMPTY_MANDATE,
    DebitGroupView,
    DebitRunView,
    DueDebitView,
    MandateTextView,
    MandateView,
)
from harzportal.jobruns import presenter as run_presenter
from harzportal.jobruns import service as runs
from harzportal.jobruns.views import NO_RUN, RunView
from harzportal.jobruns.watch import follow_to_outcome
from harzportal.settings import get as get_settings
from harzportal.shell.guard import (
    requires_session,
    requires_staff,
    requires_staff_in_background,
)
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
    run: RunView = NO_RUN  # the latest collection run job: its progress bar
    _watching: bool = False

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

    async def _show_latest_run(self, actor: Actor):
        """The latest collection run job; while it is unfinished, a background event follows it
        (also after the page was left and opened again)."""
        latest = await db.run_in_unit_of_work(runs.latest, actor, collection_job.KIND)
        self.run = run_presenter.run_view(latest, self.lang)
        if self.run.active and not self._watching:
            return DebitRunsState.watch_run

    @requires_staff
    async def load(self, actor: Actor):
        self.message = self.error = ""
        self.until = collection.horizon().isoformat()
        await self._reload(actor)
        return await self._show_latest_run(actor)

    @requires_staff
    async def apply_until(self, actor: Actor, form_data: dict):
        raw = form_data.get("until") if isinstance(form_data, dict) else ""
        self.until = raw if isinstance(raw, str) else ""
        self.message = ""
        await self._reload(actor)

    @requires_staff
    async def create_run(self, actor: Actor, form_data: dict):
        """Start the run as a job; the progress bar follows it."""
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            scheme = parse_form(RunForm, form_data).scheme
            started = await db.run_in_unit_of_work(collection_job.start_collection_run, actor,
                                                   scheme, _until(self.until))
        if outcome.refused:
            return
        self.run = run_presenter.run_view(started, self.lang)
        if not self._watching:
            return DebitRunsState.watch_run

    @rx.event(background=True)
    @requires_staff_in_background
    async def watch_run(self, actor: Actor):
        """Background: the run's progress bar, to its end; then the due invoices again."""
        await follow_to_outcome(self, self._reload)

    @requires_staff
    async def submit_run(self, actor: Actor, run_id: int):
        await self._change_and_reload(actor, collection.submit_run, parse_id(run_id),
                                      success_key=N_("debit.run.submitted"))
