"""States of the staff's seminar screens: the list, the form, participants and attendance."""

from __future__ import annotations

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.mail.sender import wake_sender
from harzportal.seminars import participation, service
from harzportal.seminars.routes import participants_csv_url
from harzportal.shell.guard import requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import StaffPages

FORM_FIELDS = ("title", "topic", "description", "speakers", "starts_at", "ends_at", "venue",
               "online_link", "capacity", "per_organization_limit", "registration_opens_at",
               "registration_deadline", "fee")
_NO_ERRORS = {name: "" for name in FORM_FIELDS}


class StaffSeminarsState(StaffPages, PortalState):
    async def _fetch_page(self, actor: Actor) -> dict:
        return await db.run_in_unit_of_work(service.list_staff_seminars, actor, self.page)

    @requires_staff
    async def load(self, actor: Actor):
        await self._first_page(actor)


class SeminarFormState(PortalState):
    values: dict[str, str] = {}
    errors: dict[str, str] = dict(_NO_ERRORS)
    error: str = ""
    is_new: bool = True
    form_key: int = 0

    @requires_staff
    async def load(self, actor: Actor):
        self.errors, self.error = dict(_NO_ERRORS), ""
        seminar_id = self._route_id()
        self.is_new = seminar_id is None
        if self.is_new:
            self.values = {"topic": "hse", "capacity": "20"}
        else:
            try:
                self.values = await db.run_in_unit_of_work(service.get_seminar_form, actor,
                                                           seminar_id)
            except DomainError as error:
                self.error = self._error_text(error)
        self.form_key += 1

    @requires_staff
    async def save(self, actor: Actor, form_data: dict):
        self.errors, self.error = dict(_NO_ERRORS), ""
        try:
            seminar = await db.run_in_unit_of_work(service.save_seminar, actor,
                                                   self._route_id(), form_data)
        except DomainError as error:
            if error.field in _NO_ERRORS:
                self.errors = {**_NO_ERRORS, error.field: self._error_text(error)}
            self.error = self._error_text(error)
            return
        wake_sender()
        return rx.redirect(f"/admin/seminars/{seminar.id}")


class ParticipantsState(PortalState):
    seminar: dict[str, str] = {}
    confirmed: list[dict[str, str]] = []
    waitlist: list[dict[str, str]] = []
    csv_href: str = ""
    loaded: bool = False
    error: str = ""
    message: str = ""

    async def _reload(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(participation.list_participants, actor,
                                                self._route_id())
        except DomainError as error:
            self.loaded, self.error = False, self._error_text(error)
            return
        self.loaded = True
        self.seminar, self.confirmed, self.waitlist = (
            view["seminar"], view["confirmed"], view["waitlist"])
        self.csv_href = participants_csv_url(self.seminar["id"])

    async def _act(self, actor: Actor, work, *args) -> object:
        """Run a staff action; returns its result, or None after showing its error."""
        self.message = self.error = ""
        try:
            result = await db.run_in_unit_of_work(work, actor, *args)
        except DomainError as error:
            self.error = self._error_text(error)
            return None
        wake_sender()
        await self._reload(actor)
        return result

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
            self.message = self._text("seminar.cancelled", count=notified)

    @requires_staff
    async def mark_attendance(self, actor: Actor, registration_id: str, attended: bool):
        await self._act(actor, participation.set_attendance, parse_id(registration_id),
                        attended is True)
