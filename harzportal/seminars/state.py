"""States of the seminar pages members use: catalogue, detail, my seminars (with the feed)."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.errors import DomainError
from harzportal.core.ids import parse_id
from harzportal.core.text import single_line
from harzportal.mail.sender import wake_sender
from harzportal.seminars import calendars, participation, registrations, service
from harzportal.seminars.models import RegistrationStatus
from harzportal.seminars.routes import seminar_ics_url
from harzportal.settings import get as get_settings
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages, shown_fields

CATALOGUE_FIELDS = ("id", "title", "topic_label", "when", "place", "free", "free_label")


class SeminarCatalogueState(MemberPages, PortalState):
    topic: str = ""
    month: str = ""
    search: str = ""

    async def _fetch_page(self, actor: Actor) -> dict:
        view = await db.run_in_unit_of_work(service.list_catalogue, actor, topic=self.topic,
                                            month=self.month, search=self.search, page=self.page)
        return view | {"rows": shown_fields(view["rows"], CATALOGUE_FIELDS)}

    @requires_session
    async def load(self, actor: Actor):
        await self._first_page(actor)

    @requires_session
    async def apply_filter(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        topic = form.get("topic")
        self.topic = topic if topic in service.TOPICS else ""
        self.month = single_line(form.get("month"))[:7]
        self.search = single_line(form.get("search"))[:100]
        await self._first_page(actor)


class SeminarState(PortalState):
    seminar: dict[str, str] = {}
    registration: dict[str, str] = {}
    colleagues: list[dict[str, str]] = []
    ics_href: str = ""
    loaded: bool = False
    error: str = ""
    message: str = ""
    action_error: str = ""

    async def _reload(self, actor: Actor) -> None:
        try:
            view = await db.run_in_unit_of_work(participation.get_seminar_page, actor,
                                                self._route_id())
        except DomainError as error:
            self.loaded, self.seminar, self.registration, self.colleagues = False, {}, {}, []
            self.error = self._error_text(error)
            return
        self.loaded, self.error = True, ""
        self.seminar, self.registration = view["seminar"], view["registration"]
        self.colleagues = view["colleagues"]
        self.ics_href = seminar_ics_url(self.seminar["id"])

    async def _register(self, actor: Actor, user_id: int | None) -> None:
        self.message = self.action_error = ""
        try:
            registration = await db.run_in_unit_of_work(
                registrations.register, actor, self._route_id(), user_id)
        except DomainError as error:
            self.action_error = self._error_text(error)
            return
        wake_sender()
        self.message = self._text(
            "seminar.registered" if registration.status == RegistrationStatus.CONFIRMED.value
            else "seminar.waitlisted")
        await self._reload(actor)

    @requires_session
    async def load(self, actor: Actor):
        self.message = self.action_error = ""
        await self._reload(actor)

    @requires_session
    async def register_myself(self, actor: Actor):
        await self._register(actor, actor.user_id)

    @requires_session
    async def register_colleague(self, actor: Actor, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        await self._register(actor, parse_id(form.get("user_id")))

    @requires_session
    async def cancel_mine(self, actor: Actor):
        self.message = self.action_error = ""
        try:
            await db.run_in_unit_of_work(registrations.cancel_registration, actor,
                                         parse_id(self.registration.get("id")))
        except DomainError as error:
            self.action_error = self._error_text(error)
            return
        wake_sender()
        self.message = self._text("seminar.cancelled_registration")
        await self._reload(actor)


class MySeminarsState(PortalState):
    upcoming: list[dict[str, str]] = []
    past: list[dict[str, str]] = []
    has_feed: bool = False
    feed_url: str = ""  # shown once, right after it was created
    message: str = ""
    error: str = ""

    async def _reload(self, actor: Actor) -> None:
        view = await db.run_in_unit_of_work(participation.list_my_seminars, actor)
        self.upcoming, self.past = view["upcoming"], view["past"]
        self.has_feed = await db.run_in_unit_of_work(calendars.has_feed, actor)

    @requires_session
    async def load(self, actor: Actor):
        self.message = self.error = self.feed_url = ""
        await self._reload(actor)

    @requires_session
    async def cancel(self, actor: Actor, registration_id: str):
        self.message = self.error = ""
        try:
            await db.run_in_unit_of_work(registrations.cancel_registration, actor,
                                         parse_id(registration_id))
        except DomainError as error:
            self.error = self._error_text(error)
            return
        wake_sender()
        self.message = self._text("seminar.cancelled_registration")
        await self._reload(actor)

    @requires_session
    async def create_feed(self, actor: Actor):
        token = await db.run_in_unit_of_work(calendars.create_feed, actor)
        self.feed_url = f"{get_settings().public_origin}{calendars.FEED_PREFIX}{token}.ics"
        self.has_feed = True

    @requires_session
    async def revoke_feed(self, actor: Actor):
        await db.run_in_unit_of_work(calendars.revoke_feed, actor)
        self.feed_url = ""
        self.has_feed = False
        self.message = self._text("feed.revoked")
