"""Reading the exchange: the list and search, an organization's own posts, staff's queue, one
post with what its reader may see of it (the organization only if the author chose so; the
interest count and the matches only for its own organization and staff), and expressing
interest. Every list is one count and one page of rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, PermissionDenied, ValidationFailed
from harzportal.core.lookup import get_or_not_found
from harzportal.core.paging import Page, paginate
from harzportal.core.permissions import Action, require
from harzportal.core.summaries import select_summaries, summary_of
from harzportal.core.text import plain_text, single_line
from harzportal.exchange import access, mails, matching
from harzportal.exchange.models import Interest, Post, PostStatus
from harzportal.exchange.posts import FUNDING_PROGRAMMES, KINDS, SECTORS
from harzportal.organizations.models import FederalState, MembershipStatus, Organization
from harzportal.organizations import service as organization_service

PAGE_SIZE = 12
MAX_SEARCH_LENGTH = 100
MAX_NOTE_LENGTH = 1000
FEDERAL_STATES = tuple(state.value for state in FederalState)


# What a list of posts shows (finding, the own posts, the moderation queue): these columns.
PostSummary = summary_of(
    "PostSummary", Post.id, Post.organization_id, Post.kind, Post.title, Post.competences,
    Post.status, Post.visibility, Post.show_organization, Post.published_at, Post.expires_on)


@dataclass(frozen=True)
class PostEntry:
    """A post as a list shows it: its organization's name only where the reader may see it."""

    post: Post | PostSummary  # a list holds a summary, one post's page the row
    organization_name: str  # "" when the author chose not to name it
    federal_state: str
    interests: int  # counted for the own organization and staff; 0 for everyone else


@dataclass(frozen=True)
class PostDetail:
    entry: PostEntry
    may_edit: bool  # the reader may edit, withdraw and renew it
    may_express_interest: bool
    interest_expressed: bool  # the reader already did
    interested: tuple[tuple[Interest, str, str], ...]  # (interest, person, organization): own org
    matches: tuple[matching.Match, ...]  # for the own organization and staff


def clean_search(raw: object) -> str:
    return single_line(raw)[:MAX_SEARCH_LENGTH]


def _sees_inside(actor: Actor, post: Post) -> bool:
    return actor.is_staff or post.organization_id == actor.organization_id


def _entries(session: Session, actor: Actor, posts: list) -> list[PostEntry]:
    """The list rows of the posts (rows or summaries): two more queries at most, whatever
    their number; of the organizations only the name and federal state."""
    ids = {post.organization_id for post in posts}
    organizations = {organization.id: organization for organization in session.exec(
        select(Organization.id, Organization.name, Organization.federal_state)
        .where(Organization.id.in_(ids)))} if ids else {}
    inside = [post.id for post in posts if _sees_inside(actor, post)]
    counts = dict(session.exec(
        select(Interest.post_id, func.count()).where(Interest.post_id.in_(inside))
        .group_by(Interest.post_id)).all()) if inside else {}
    entries = []
    for post in posts:
        organization = organizations[post.organization_id]
        named = post.show_organization or _sees_inside(actor, post)
        entries.append(PostEntry(post, organization.name if named else "",
                                 organization.federal_state, counts.get(post.id, 0)))
    return entries


def _as_entries(session: Session, actor: Actor, page: Page) -> Page[PostEntry]:
    """A page of summary rows (`select_summaries(PostSummary)`) as list entries."""
    summaries = [PostSummary.of(row) for row in page.items]
    return Page(tuple(_entries(session, actor, summaries)), page.page, page.pages, page.total)


def search_posts(session: Session, actor: Actor, *, search: object = "", kind: object = "",
                 sector: object = "", federal_state: object = "", funding_programme: object = "",
                 page: object = 1) -> Page[PostEntry]:
    """One page of the posts the actor may read in the exchange (published, unexpired), newest
    first; every word of `search` must occur in the title, description or competences."""
    require(actor, Action.VIEW_EXCHANGE)
    query = select_summaries(PostSummary).where(access.readable_filter(actor))
    for word in clean_search(search).casefold().split():
        query = query.where(Post.search_text.contains(word, autoescape=True))
    if kind in KINDS:
        query = query.where(Post.kind == kind)
    if sector in SECTORS:
        query = query.where(Post.sector == sector)
    if funding_programme in FUNDING_PROGRAMMES and funding_programme:
        query = query.where(Post.funding_programme == funding_programme)
    if federal_state in FEDERAL_STATES:
        query = query.where(Post.organization_id.in_(
            select(Organization.id).where(Organization.federal_state == federal_state)))
    shown = paginate(session, query.order_by(Post.published_at.desc(), Post.id.desc()), page,
                     PAGE_SIZE)
    return _as_entries(session, actor, shown)


def own_posts(session: Session, actor: Actor, *, page: object = 1) -> Page[PostEntry]:
    """The actor's organization's posts in every state, newest first."""
    require(actor, Action.VIEW_EXCHANGE)
    if actor.organization_id is None:
        raise PermissionDenied()
    query = (select_summaries(PostSummary).where(Post.organization_id == actor.organization_id)
             .order_by(Post.created_at.desc(), Post.id.desc()))
    return _as_entries(session, actor, paginate(session, query, page, PAGE_SIZE))


def moderation_queue(session: Session, actor: Actor, *, page: object = 1) -> Page[PostEntry]:
    """Staff: the posts waiting for a decision, oldest first."""
    require(actor, Action.MODERATE_EXCHANGE)
    query = (select_summaries(PostSummary).where(Post.status == PostStatus.PENDING.value)
             .order_by(Post.updated_at, Post.id))
    return _as_entries(session, actor, paginate(session, query, page, PAGE_SIZE))


def get_post(session: Session, actor: Actor, post_id: object) -> PostDetail:
    post = get_or_not_found(session, Post, post_id)
    access.require_reading(actor, post)
    entry = _entries(session, actor, [post])[0]
    inside = _sees_inside(actor, post)
    interested: tuple = ()
    if inside:
        interested = tuple(session.exec(
            select(Interest, User.full_name, Organization.name)
            .join(User, User.id == Interest.user_id)
            .join(Organization, Organization.id == Interest.organization_id)
            .where(Interest.post_id == post.id).order_by(Interest.created_at, Interest.id)))
    expressed = session.exec(select(Interest.id).where(
        Interest.post_id == post.id, Interest.user_id == actor.user_id)).first() is not None
    return PostDetail(
        entry=entry,
        may_edit=actor.is_staff or access.may_post(session, actor, post.organization_id),
        may_express_interest=_may_express(actor, post) and not expressed,
        interest_expressed=expressed, interested=interested,
        matches=tuple(matching.matches_for(session, post)) if inside else ())


def _may_express(actor: Actor, post: Post) -> bool:
    return (actor.organization_id is not None and post.organization_id != actor.organization_id
            and access.is_public(post))


def express_interest(session: Session, actor: Actor, post_id: object, note: object) -> Interest:
    """"Interesse bekunden": the author gets the person's name, organization, address and note
    by mail; the person learns nothing of the author's address."""
    post = get_or_not_found(session, Post, post_id)
    access.require_reading(actor, post)
    if not _may_express(actor, post):
        raise PermissionDenied()
    note = plain_text(note)
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationFailed("exchange.note_too_long", field="note", limit=MAX_NOTE_LENGTH)
    person = get_or_not_found(session, User, actor.user_id)
    organization = get_or_not_found(session, Organization, actor.organization_id)
    interest = Interest(post_id=post.id, user_id=person.id, organization_id=organization.id,
                        note=note, created_at=clock.now())
    try:
        with session.begin_nested():
            session.add(interest)
            session.flush()
    except IntegrityError:
        raise Conflict("exchange.interest_already") from None
    mails.send_interest(session, post, interest, person, organization)
    audit.record(session, action="exchange.interest_expressed", object_type="post",
                 object_id=post.id, actor_user_id=actor.user_id,
                 organization_id=post.organization_id,
                 after={"interest_id": interest.id, "organization_id": organization.id},
                 client_ip=actor.client_ip)
    return interest


def competence_suggestions(session: Session, actor: Actor) -> list[str]:
    """The profiles' vocabulary (`organizations.service.competence_vocabulary`), for the post
    form's competence field."""
    require(actor, Action.VIEW_EXCHANGE)
    return organization_service.competence_vocabulary(session, actor)
