"""States of the staff's seminar screens: the list, the form, participants and attendance."""

from __future__ import annotations

import dataclasses

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.paging import Page
from harzportal.mail.sender import wake_sender
from harzportal.seminars import participation, presenter, service
from harzportal.seminars.forms import SeminarForm
from harzportal.seminars.views import (
    EMPTY_PARTICIPANTS_SEMINAR,
    NEW_SEMINAR_FORM,
    NO_FORM_ERRORS,
    ParticipantsSeminarView,
    ParticipantView,
    SeminarFormFields,
    SeminarRowView,
)
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages

FORM_FIELDS = frozenset(field.name for field in dataclasses.fields(SeminarFormFields))


class StaffSeminarsState(StaffPages, PortalState):
    rows: list[SeminarRowView] = []

    async def _fetch_page(self, actor: Actor) -> Page[SeminarRowView]:
        found = await db.run_in_unit_of_work(service.list_staff_seminars, actor, self.page)
        return presenter.staff_seminars_page(found, self.lang)


class SeminarFormState(PortalState):
    values: SeminarFormFields = NEW_SEMINAR_FORM
    errors: SeminarFormFields = NO_FORM_ERRORS
    error: str = ""
    is_new: bool = True
    form_key: int = 0

    @requires_staff
    async def load(self, actor: Actor):
        self.errors, self.error, self.values = NO_FORM_ERRORS, "", NEW_SEMINAR_FORM
        seminar_id = self._route_id()
        self.is_new = seminar_id is None
        if not self.is_new:
            with self._refusal_shown_in("error") as outcome:
                seminar = await db.run_in_unit_of_work(service.get_seminar_form, actor,
                                                       seminar_id)
            if not outcome.refused:
                self.values = presenter.form_values(seminar)
        self.form_key += 1

    @requires_staff
    async def save(self, actor: Actor, form_data: dict):
        self.errors = NO_FORM_ERRORS
        with self._refusal_shown_in("error") as outcome:
            seminar = await db.run_in_unit_of_work(service.save_seminar, actor, self._route_id(),
                                                   parse_form(SeminarForm, form_data))
        if outcome.refused:
            if outcome.error.field in FORM_FIELDS:
                self.errors = dataclasses.replace(NO_FORM_ERRORS,
                                                  **{outcome.error.field: self.error})
            return
        wake_sender()
        return rx.redirect(f"/admin/seminars/{seminar.id}")


class ParticipantsState(PortalState):
    seminar: ParticipantsSeminarView = EMPTY_PARTICIPANTS_SEMINAR
    confirmed: list[ParticipantView] = []
    waitlist: list[ParticipantView] = []
    loaded: bool = False
    error: str = ""
    message: str = ""

    async def _reload(self, actor: Actor) -> None:
        loaded = await self._run_shown(participation.list_participants, actor, self._route_id())
        if loaded.refused:
            self.loaded = False
            return
        found = loaded.result
        self.loaded = True
        self.seminar = presenter.participants_seminar(found, self.lang)
        self.confirmed = [presenter.participant(entry) for entry in found.confirmed]
        self.waitlist = [presenter.participant(entry) for entry in found.waitlist]

    async def _act(self, actor: Actor, work, *args) -> object:
        """Run a staff action; returns its result, or None after showing its error."""
        self.message = ""
        done = await self._run_shown(work, actor, *args)
        if done.refused:
            return None
        wake_sender()
        await self._reload(actor)
        return done.result

    @requires_staff
    async def load(self, actor: Actor):
        self.message = self.error = ""
        await self._reload(actor)

    @requires_staff
    async def publish(self, actor: Actor):
        await self._act(actor, service.publish_seminar, self._route_id())
        if not self.error:
            self.message = self._text("seminar.published")

    @requires_staff
    async def cancel_seminar(self, actor: Actor):
        notified = await self._act(actor, service.cancel_seminar, self._route_id())
        if notified is not None:
            self.message = presenter.seminar_cancelled_message(notified, self.lang)

    @requires_staff
    async def mark_attendance(self, actor: Actor, registration_id: int, attended: bool):
        await self._act(actor, participation.set_attendance, registration_id, attended is True)
