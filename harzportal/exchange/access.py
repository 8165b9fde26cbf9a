"""Who may do what with posts of the exchange.

- Reading: every signed-in person reads the published, unexpired posts for all members; a
  confidential post ("only the Netzwerkbüro") is read by staff and its own organization only;
  the own organization reads its posts in every state. Anything else is refused as if it did
  not exist (NotFound).
- Posting, editing, withdrawing, renewing: the organization's org_managers and its contacts
  with the profile-editor function, and staff (editing, withdrawing).
- Moderating: staff.
"""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, select

from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound, PermissionDenied
from harzportal.core.permissions import Action, is_allowed, refusal, require
from harzportal.exchange.models import Post, PostStatus, PostVisibility
from harzportal.organizations.models import ContactFunction, ContactFunctionAssignment


def may_post(session: Session, actor: Actor, organization_id: int | None) -> bool:
    """The actor may write posts of that organization."""
    if organization_id is None:
        return False
    if is_allowed(actor, Action.POST_IN_EXCHANGE, organization_id):
        return True
    if organization_id != actor.organization_id:
        return False
    return session.exec(select(ContactFunctionAssignment.id).where(
        ContactFunctionAssignment.user_id == actor.user_id,
        ContactFunctionAssignment.function == ContactFunction.PROFILE_EDITOR.value)
    ).first() is not None


def require_posting(session: Session, actor: Actor, organization_id: int | None) -> None:
    """Staff read every post, so their refusal says only that the right is missing."""
    if not may_post(session, actor, organization_id):
        if actor.is_staff or actor.organization_id is None:
            raise PermissionDenied()
        raise refusal(actor, organization_id)


def require_authoring(session: Session, actor: Actor, organization_id: int | None) -> None:
    """What only the author's organization does (renewing, marking a cooperation started):
    staff, who may edit and withdraw any post, are refused."""
    if actor.is_staff:
        raise PermissionDenied()
    require_posting(session, actor, organization_id)


def is_public(post: Post) -> bool:
    """Shown to every member: published, for all members, not past its last day."""
    return (post.status == PostStatus.PUBLISHED.value
            and post.visibility == PostVisibility.MEMBERS.value
            and post.expires_on >= clock.today())


def may_read(actor: Actor, post: Post) -> bool:
    return actor.is_staff or post.organization_id == actor.organization_id or is_public(post)


def require_reading(actor: Actor, post: Post) -> None:
    require(actor, Action.VIEW_EXCHANGE)
    if not may_read(actor, post):
        raise NotFound()  # also in the own organization's case there is nothing hidden


def public_filter():
    """The SQL condition of `is_public`."""
    return (Post.status == PostStatus.PUBLISHED.value) & (
        Post.visibility == PostVisibility.MEMBERS.value) & (Post.expires_on >= clock.today())


def readable_filter(actor: Actor):
    """The SQL condition of the posts a list may show the actor (published and unexpired; staff
    also the confidential ones, members also their own organization's)."""
    live = (Post.status == PostStatus.PUBLISHED.value) & (Post.expires_on >= clock.today())
    if actor.is_staff:
        return live
    own = Post.organization_id == actor.organization_id
    return live & or_(Post.visibility == PostVisibility.MEMBERS.value, own)
