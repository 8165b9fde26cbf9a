"""States of the seminar pages members use: catalogue, detail, my seminars (with the feed)."""

from __future__ import annotations

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.choices import Choice
from harzportal.core.forms import parse_form
from harzportal.core.paging import Page
from harzportal.mail.sender import wake_sender
from harzportal.seminars import calendars, participation, presenter, registrations, service, views
from harzportal.seminars.forms import CatalogueFilter, ColleagueForm
from harzportal.settings import get as get_settings
from harzportal.shell.guard import requires_session
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages


class SeminarCatalogueState(MemberPages, PortalState):
    filter_form = CatalogueFilter
    rows: list[views.SeminarRowView] = []
    topic: str = ""
    month: str = ""
    search: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[views.SeminarRowView]:
        found = await db.run_in_unit_of_work(service.list_catalogue, actor, topic=self.topic,
                                             month=self.month, search=self.search,
                                             page=self.page)
        return presenter.catalogue_page(found, self.lang)



class SeminarState(PortalState):
    seminar: views.SeminarDetailView = views.EMPTY_SEMINAR_DETAIL
    registration: views.RegistrationView = views.NO_REGISTRATION
    colleagues: list[Choice] = []
    loaded: bool = False
    error: str = ""
    message: str = ""
    action_error: str = ""

    async def _reload(self, actor: Actor) -> None:
        loaded = await self._run_shown(participation.get_seminar_page, actor, self._route_id())
        if loaded.refused:
            self.loaded, self.seminar, self.registration, self.colleagues = (
                False, views.EMPTY_SEMINAR_DETAIL, views.NO_REGISTRATION, [])
            return
        page, self.loaded = loaded.result, True
        self.seminar = presenter.seminar_detail(page, self.lang)
        self.registration = presenter.registration_view(page.own, self.lang)
        self.colleagues = presenter.colleagues(page)

    async def _register(self, actor: Actor, user_id: int | None) -> None:
        self.message = ""
        with self._refusal_shown_in("action_error") as outcome:
            registration = await db.run_in_unit_of_work(
                registrations.register, actor, self._route_id(), user_id)
        if outcome.refused:
            return
        wake_sender()
        self.message = presenter.registered_message(registration, self.lang)
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
        await self._register(actor, parse_form(ColleagueForm, form_data).user_id)

    @requires_session
    async def cancel_mine(self, actor: Actor):
        self.message = ""
        with self._refusal_shown_in("action_error") as outcome:
            await db.run_in_unit_of_work(registrations.cancel_registration, actor,
                                         self.registration.id)
        if outcome.refused:
            return
        wake_sender()
        self.message = self._text("seminar.cancelled_registration")
        await self._reload(actor)


class MySeminarsState(PortalState):
    upcoming: list[views.MySeminarRowView] = []
    past: list[views.MySeminarRowView] = []
    has_feed: bool = False
    feed_url: str = ""  # shown once, right after it was created
    message: str = ""
    error: str = ""

    async def _reload(self, actor: Actor) -> None:
        found = await db.run_in_unit_of_work(participation.list_my_seminars, actor)
        self.upcoming, self.past = presenter.my_seminars(found, self.lang)
        self.has_feed = await db.run_in_unit_of_work(calendars.has_feed, actor)

    @requires_session
    async def load(self, actor: Actor):
        self.message = self.error = self.feed_url = ""
        await self._reload(actor)

    @requires_session
    async def cancel(self, actor: Actor, registration_id: int):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            await db.run_in_unit_of_work(registrations.cancel_registration, actor,
                                         registration_id)
        if outcome.refused:
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
