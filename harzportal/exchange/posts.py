"""Writing posts: an author of a member organization posts, staff approve or refuse (a queue and
a reason when refused, as with profile changes), authors and staff edit and withdraw, authors
renew. Only an approved post is visible to others; an author's edit of a published post sends it
back to the queue. Every change records an audit event.

Concurrency: a decision claims the post with a conditional UPDATE (still pending, still the
revision the deciding person saw), so of two decisions at once exactly one applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import update
from sqlmodel import Session

from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import Conflict, ValidationFailed
from harzportal.core.ids import parse_id
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.core.text import plain_text, single_line
from harzportal.exchange import access, mails
from harzportal.exchange.models import FundingProgramme, Post, PostKind, PostStatus, PostVisibility
from harzportal.organizations.models import MembershipStatus, Organization, OrganizationKind
from harzportal.organizations.profile import parse_competences

DEFAULT_EXPIRY_DAYS = 90
MAX_EXPIRY_DAYS = 365
TITLE_LENGTH = (5, 160)
DESCRIPTION_LENGTH = (20, 4000)
MAX_REASON_LENGTH = 1000
KINDS = tuple(kind.value for kind in PostKind)
SECTORS = tuple(kind.value for kind in OrganizationKind)
FUNDING_PROGRAMMES = ("", *(programme.value for programme in FundingProgramme))
VISIBILITIES = tuple(visibility.value for visibility in PostVisibility)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PostInput:
    kind: str
    title: str
    description: str
    competences: tuple[str, ...]
    sector: str
    funding_programme: str
    deadline: date | None
    visibility: str
    show_organization: bool
    expires_on: date


def _date(raw: object, field: str) -> date | None:
    if isinstance(raw, date):
        return raw
    text = single_line(raw)
    if not text:
        return None
    if not _ISO_DATE.fullmatch(text):
        raise ValidationFailed("exchange.date_invalid", field=field)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed("exchange.date_invalid", field=field) from None


def _choice(raw: object, known: tuple[str, ...], field: str) -> str:
    if raw not in known:
        raise ValidationFailed("exchange.choice_invalid", field=field)
    return raw


def validate_post(form: object) -> PostInput:
    """The post's fields from a form (a dict of texts) or a service caller, checked."""
    values = form if isinstance(form, dict) else {}
    title = single_line(values.get("title"))
    if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        raise ValidationFailed("exchange.title_invalid", field="title",
                               minimum=TITLE_LENGTH[0], maximum=TITLE_LENGTH[1])
    description = plain_text(values.get("description"))
    if not DESCRIPTION_LENGTH[0] <= len(description) <= DESCRIPTION_LENGTH[1]:
        raise ValidationFailed("exchange.description_invalid", field="description",
                               minimum=DESCRIPTION_LENGTH[0], maximum=DESCRIPTION_LENGTH[1])
    try:
        competences = parse_competences(values.get("competences", ""))
    except ValidationFailed as error:
        raise ValidationFailed(error.message_key, field="competences") from None
    today = clock.today()
    deadline = _date(values.get("deadline"), "deadline")
    if deadline is not None and deadline < today:
        raise ValidationFailed("exchange.deadline_past", field="deadline")
    expires_on = _date(values.get("expires_on"), "expires_on") or today + timedelta(
        days=DEFAULT_EXPIRY_DAYS)
    if not today <= expires_on <= today + timedelta(days=MAX_EXPIRY_DAYS):
        raise ValidationFailed("exchange.expiry_invalid", field="expires_on",
                               days=MAX_EXPIRY_DAYS)
    show = values.get("show_organization", True)
    return PostInput(
        kind=_choice(values.get("kind"), KINDS, "kind"), title=title, description=description,
        competences=tuple(competences),
        sector=_choice(values.get("sector", ""), ("", *SECTORS), "sector"),
        funding_programme=_choice(values.get("funding_programme", ""), FUNDING_PROGRAMMES,
                                  "funding_programme"),
        deadline=deadline,
        visibility=_choice(values.get("visibility", PostVisibility.MEMBERS.value), VISIBILITIES,
                           "visibility"),
        show_organization=show is True or show in ("on", "true", "1"),
        expires_on=expires_on)


def search_text_of(title: str, description: str, competences: tuple[str, ...] | list[str]) -> str:
    return " ".join([title, *competences, description]).casefold()[:5400]


def _apply(post: Post, values: PostInput) -> None:
    post.kind, post.title, post.description = values.kind, values.title, values.description
    post.competences = "\n".join(values.competences)
    post.sector, post.funding_programme = values.sector, values.funding_programme
    post.deadline, post.visibility = values.deadline, values.visibility
    post.show_organization, post.expires_on = values.show_organization, values.expires_on
    post.search_text = search_text_of(values.title, values.description, values.competences)


def _snapshot(post: Post) -> dict:
    return {"kind": post.kind, "title": post.title, "status": post.status,
            "visibility": post.visibility, "expires_on": post.expires_on.isoformat()}


def _record(session: Session, actor: Actor, action: str, post: Post, before: dict | None = None,
            after: dict | None = None) -> None:
    audit.record(session, action=action, object_type="post", object_id=post.id,
                 actor_user_id=actor.user_id, organization_id=post.organization_id,
                 before=before, after=after, client_ip=actor.client_ip)


def create_post(session: Session, actor: Actor, form: object) -> Post:
    """A new post of the actor's organization, waiting for approval."""
    access.require_posting(session, actor, actor.organization_id)
    organization = get_or_not_found(session, Organization, actor.organization_id)
    if organization.status != MembershipStatus.ACTIVE.value:
        raise ValidationFailed("exchange.not_a_member")
    values = validate_post(form)
    now = clock.now()
    post = Post(organization_id=organization.id, author_user_id=actor.user_id, created_at=now,
                updated_at=now, expires_on=values.expires_on, kind=values.kind,
                title=values.title, description=values.description)
    _apply(post, values)
    session.add(post)
    session.flush()
    _record(session, actor, "exchange.post_created", post, after=_snapshot(post))
    return post


def _own_post(session: Session, actor: Actor, post_id: object) -> Post:
    """A post the actor may change: one of their organization's (author) or any (staff)."""
    post = get_or_not_found(session, Post, post_id)
    if not actor.is_staff:
        access.require_posting(session, actor, post.organization_id)
    return post


def _claim(session: Session, post: Post, expected_status: tuple[str, ...], **values) -> None:
    """Change the post only if it is still as the caller saw it (status and revision)."""
    claimed = session.exec(
        update(Post).where(Post.id == post.id, Post.status.in_(expected_status),
                           Post.revision == post.revision)
        .values(revision=Post.revision + 1, updated_at=clock.now(), **values))
    if claimed.rowcount != 1:
        raise Conflict("exchange.changed_meanwhile")
    session.refresh(post)


def update_post(session: Session, actor: Actor, post_id: object, form: object) -> Post:
    """Edit a pending or published post. An author's edit of a published post goes back to the
    queue (staff approve what others see); staff's edit keeps the state."""
    post = _own_post(session, actor, post_id)
    if post.status not in (PostStatus.PENDING.value, PostStatus.PUBLISHED.value):
        raise Conflict("exchange.not_editable")
    values = validate_post(form)
    before = _snapshot(post)
    status = post.status if actor.is_staff else PostStatus.PENDING.value
    _claim(session, post, (post.status,), status=status)
    _apply(post, values)
    session.add(post)
    _record(session, actor, "exchange.post_edited", post, before=before, after=_snapshot(post))
    return post


def withdraw_post(session: Session, actor: Actor, post_id: object) -> Post:
    post = _own_post(session, actor, post_id)
    if post.status == PostStatus.WITHDRAWN.value:
        raise Conflict("exchange.not_editable")
    before = _snapshot(post)
    _claim(session, post, (post.status,), status=PostStatus.WITHDRAWN.value)
    _record(session, actor, "exchange.post_withdrawn", post, before=before, after=_snapshot(post))
    return post


def renew_post(session: Session, actor: Actor, post_id: object) -> Post:
    """The author keeps a pending or published post (also an expired one) for another
    DEFAULT_EXPIRY_DAYS from today."""
    post = get_or_not_found(session, Post, post_id)
    access.require_authoring(session, actor, post.organization_id)
    if post.status not in (PostStatus.PENDING.value, PostStatus.PUBLISHED.value):
        raise Conflict("exchange.not_editable")
    before = _snapshot(post)
    _claim(session, post, (post.status,),
           expires_on=clock.today() + timedelta(days=DEFAULT_EXPIRY_DAYS))
    _record(session, actor, "exchange.post_renewed", post, before=before, after=_snapshot(post))
    return post


def mark_cooperation_started(session: Session, actor: Actor, post_id: object) -> Post:
    """The author says a cooperation came of the post (counted in the activity report)."""
    post = get_or_not_found(session, Post, post_id)
    access.require_authoring(session, actor, post.organization_id)
    if post.status != PostStatus.PUBLISHED.value or post.cooperation_started_at is not None:
        raise Conflict("exchange.not_editable")
    _claim(session, post, (post.status,), cooperation_started_at=clock.now())
    _record(session, actor, "exchange.cooperation_started", post)
    return post


def decide_post(session: Session, actor: Actor, post_id: object, revision: object,
                approve: object, reason: object = "") -> Post:
    """Staff publish a pending post or refuse it with a reason; the author is told by mail."""
    require(actor, Action.MODERATE_EXCHANGE)
    post = get_or_not_found(session, Post, post_id)
    if post.status != PostStatus.PENDING.value or post.revision != parse_id(revision):
        raise Conflict("exchange.changed_meanwhile")
    reason = single_line(reason)
    if approve is not True:
        if not reason:
            raise ValidationFailed("exchange.reason_required", field="reason")
        if len(reason) > MAX_REASON_LENGTH:
            raise ValidationFailed("exchange.reason_too_long", field="reason",
                                   limit=MAX_REASON_LENGTH)
    now = clock.now()
    if approve is True:
        _claim(session, post, (PostStatus.PENDING.value,), status=PostStatus.PUBLISHED.value,
               reason="", decided_by_user_id=actor.user_id,
               published_at=post.published_at or now)
    else:
        _claim(session, post, (PostStatus.PENDING.value,), status=PostStatus.REJECTED.value,
               reason=reason, decided_by_user_id=actor.user_id)
    _record(session, actor, "exchange.post_approved" if approve is True else
            "exchange.post_rejected", post, after={"status": post.status, "reason": post.reason})
    mails.send_decision(session, post)
    return post
