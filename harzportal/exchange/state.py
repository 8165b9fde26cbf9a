"""States of the exchange: the list, the own posts, staff's queue, one post, the post form."""

from __future__ import annotations

import reflex as rx

from harzportal import db
from harzportal.core.actor import Actor
from harzportal.core.forms import parse_form
from harzportal.core.i18n import N_
from harzportal.core.paging import Page
from harzportal.exchange import digest, posts, presenter, service
from harzportal.exchange.access import may_post
from harzportal.exchange.forms import ExchangeSearchForm, InterestForm, PostForm, RefusalForm
from harzportal.exchange.views import (
    EMPTY_POST,
    NEW_POST_FORM,
    InterestView,
    MatchView,
    PostFormView,
    PostRowView,
    PostView,
)
from harzportal.mail.sender import wake_sender
from harzportal.shell.guard import requires_session, requires_staff
from harzportal.shell.state import PortalState
from harzportal.ui.paging import MemberPages, StaffPages


def _list_extras(session, actor: Actor) -> tuple[bool, bool]:
    """(may write posts, gets the weekly digest)."""
    return (may_post(session, actor, actor.organization_id),
            digest.digest_wanted(session, actor))


class ExchangeState(MemberPages, PortalState):
    filter_form = ExchangeSearchForm
    rows: list[PostRowView] = []
    search: str = ""
    kind: str = ""
    sector: str = ""
    federal_state: str = ""
    funding_programme: str = ""
    may_post: bool = False
    digest_wanted: bool = False
    message: str = ""
    error: str = ""

    async def _fetch_page(self, actor: Actor) -> Page[PostRowView]:
        shown = await db.run_in_unit_of_work(
            service.search_posts, actor, search=self.search, kind=self.kind, sector=self.sector,
            federal_state=self.federal_state, funding_programme=self.funding_programme,
            page=self.page)
        return presenter.post_rows(shown, self.lang)

    @requires_session
    async def load(self, actor: Actor):
        self.message = ""
        self.may_post, self.digest_wanted = await db.run_in_unit_of_work(_list_extras, actor)
        await self._first_page(actor)

    @requires_session
    async def toggle_digest(self, actor: Actor):
        self.message = ""
        with self._refusal_shown_in("error") as outcome:
            self.digest_wanted = await db.run_in_unit_of_work(digest.set_digest, actor,
                                                              not self.digest_wanted)
        if not outcome.refused:
            self.message = (self._text("exchange.digest_now_on") if self.digest_wanted
                            else self._text("exchange.digest_now_off"))


class OwnPostsState(MemberPages, PortalState):
    rows: list[PostRowView] = []

    async def _fetch_page(self, actor: Actor) -> Page[PostRowView]:
        shown = await db.run_in_unit_of_work(service.own_posts, actor, page=self.page)
        return presenter.post_rows(shown, self.lang, with_count=True)


class ModerationState(StaffPages, PortalState):
    rows: list[PostRowView] = []

    async def _fetch_page(self, actor: Actor) -> Page[PostRowView]:
        shown = await db.run_in_unit_of_work(service.moderation_queue, actor, page=self.page)
        return presenter.post_rows(shown, self.lang)


class PostState(PortalState):
    post: PostView = EMPTY_POST
    matches: list[MatchView] = []
    interested: list[InterestView] = []
    error: str = ""
    message: str = ""
    loaded: bool = False
    form_key: int = 0

    async def _reload(self, actor: Actor) -> None:
        loaded = await self._run_shown(service.get_post, actor, self._route_id())
        if loaded.refused:
            self.loaded, self.post, self.matches, self.interested = False, EMPTY_POST, [], []
            return
        detail = loaded.result
        own = detail.entry.post.organization_id == actor.organization_id
        self.post = presenter.post_view(detail, self.lang, is_staff=actor.is_staff, own=own)
        self.matches = presenter.match_views(detail.matches, self.lang)
        self.interested = presenter.interest_views(detail, self.lang)
        self.loaded = True
        self.form_key += 1

    @requires_session
    async def load(self, actor: Actor):
        self.message = ""
        await self._reload(actor)

    async def _change(self, actor: Actor, work, *args, success_key: str) -> None:
        await self._change_and_reload(actor, work, self._route_id(), *args,
                                      success_key=success_key)
        wake_sender()

    @requires_session
    async def express_interest(self, actor: Actor, form_data: dict):
        note = parse_form(InterestForm, form_data).note
        await self._change(actor, service.express_interest, note,
                           success_key=N_("exchange.interest_sent"))

    @requires_session
    async def withdraw(self, actor: Actor):
        await self._change(actor, posts.withdraw_post, success_key=N_("exchange.withdrawn"))

    @requires_session
    async def renew(self, actor: Actor):
        await self._change(actor, posts.renew_post, success_key=N_("exchange.renewed"))

    @requires_session
    async def mark_started(self, actor: Actor):
        await self._change(actor, posts.mark_cooperation_started,
                           success_key=N_("exchange.cooperation_marked"))

    @requires_staff
    async def approve(self, actor: Actor):
        await self._change(actor, posts.decide_post, self.post.revision, True,
                           success_key=N_("exchange.approved"))

    @requires_staff
    async def refuse(self, actor: Actor, form_data: dict):
        reason = parse_form(RefusalForm, form_data).reason
        await self._change(actor, posts.decide_post, self.post.revision, False, reason,
                           success_key=N_("exchange.refused"))


class PostFormState(PortalState):
    """The form of a new post (/exchange/new) and of an edited one (/exchange/<id>/edit)."""

    values: PostFormView = NEW_POST_FORM
    suggestions: list[str] = []  # the profiles' vocabulary, for the competence field
    error: str = ""
    error_field: str = ""
    form_key: int = 0
    loaded: bool = False

    @requires_session
    async def load(self, actor: Actor):
        self.error, self.error_field = "", ""
        self.suggestions = await db.run_in_unit_of_work(service.competence_suggestions, actor)
        post_id = self._route_id()
        if post_id is None:
            self.values, self.loaded = NEW_POST_FORM, True
        else:
            loaded = await self._run_shown(service.get_post, actor, post_id)
            self.loaded = not loaded.refused and loaded.result.may_edit
            if self.loaded:
                self.values = presenter.form_view(loaded.result.entry.post)
        self.form_key += 1

    @requires_session
    async def save(self, actor: Actor, form_data: dict):
        self.error_field = ""
        form = parse_form(PostForm, form_data).model_dump()
        post_id = self._route_id()
        with self._refusal_shown_in("error") as outcome:
            if post_id is None:
                saved = await db.run_in_unit_of_work(posts.create_post, actor, form)
            else:
                saved = await db.run_in_unit_of_work(posts.update_post, actor, post_id, form)
        if outcome.refused:
            self.error_field = outcome.error.field or ""
            return
        return rx.redirect(f"/exchange/{saved.id}")
