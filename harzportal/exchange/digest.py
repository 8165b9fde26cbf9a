"""New posts that fit a person's organization: the weekly digest (opt-in, in the person's
language) and the dashboard's tile. A post fits when it names at least one competence the
organization lists (compared casefolded); own posts and confidential ones never appear."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from harzportal.accounts.models import User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import PermissionDenied
from harzportal.core.permissions import Action, require
from harzportal.exchange import access, mails
from harzportal.exchange.matching import post_competences
from harzportal.exchange.models import DigestSubscription, Post
from harzportal.organizations.models import MembershipStatus, Organization
from harzportal.organizations.profile import competence_list

DIGEST_DAYS = 7
DASHBOARD_DAYS = 30
SCANNED_POSTS = 300  # the newest posts of the period looked at, a bound on every query
DASHBOARD_LIMIT = 5


def fits(post: Post, competences: set[str]) -> bool:
    return any(tag.casefold() in competences for tag in post_competences(post))


def _new_fitting(session: Session, organization: Organization, since) -> list[Post]:
    competences = {tag.casefold() for tag in competence_list(organization)}
    if not competences:
        return []
    posts = session.exec(
        select(Post).where(access.public_filter(), Post.published_at > since,
                           Post.organization_id != organization.id)
        .order_by(Post.published_at.desc(), Post.id.desc()).limit(SCANNED_POSTS)).all()
    return [post for post in posts if fits(post, competences)]


def new_matching_posts(session: Session, actor: Actor) -> list[Post]:
    """The dashboard: the newest fitting posts of the last DASHBOARD_DAYS days."""
    require(actor, Action.VIEW_EXCHANGE)
    if actor.organization_id is None:
        return []
    organization = session.get(Organization, actor.organization_id)
    if organization is None:
        return []
    since = clock.now() - timedelta(days=DASHBOARD_DAYS)
    return _new_fitting(session, organization, since)[:DASHBOARD_LIMIT]


def digest_wanted(session: Session, actor: Actor) -> bool:
    return session.exec(select(DigestSubscription.id).where(
        DigestSubscription.user_id == actor.user_id)).first() is not None


def set_digest(session: Session, actor: Actor, wanted: object) -> bool:
    """Opt in to or out of the weekly digest; returns whether it is now wanted."""
    require(actor, Action.VIEW_EXCHANGE)
    if actor.organization_id is None:
        raise PermissionDenied()
    row = session.exec(select(DigestSubscription).where(
        DigestSubscription.user_id == actor.user_id)).first()
    if wanted is True and row is None:
        session.add(DigestSubscription(user_id=actor.user_id, created_at=clock.now()))
    elif wanted is not True and row is not None:
        session.delete(row)
    else:
        return wanted is True
    audit.record(session, action="exchange.digest_on" if wanted is True else
                 "exchange.digest_off", object_type="user", object_id=actor.user_id,
                 actor_user_id=actor.user_id, organization_id=actor.organization_id,
                 client_ip=actor.client_ip)
    return wanted is True


def send_weekly_digests(session: Session) -> int:
    """Queue one digest per subscribed active person of an active member whose organization
    has fitting posts published since the last digest (at most DIGEST_DAYS back); the number of
    mails queued. Run weekly (`harzportal send-digests`)."""
    now = clock.now()
    week_ago = now - timedelta(days=DIGEST_DAYS)
    rows = session.exec(
        select(DigestSubscription, User, Organization)
        .join(User, User.id == DigestSubscription.user_id)
        .join(Organization, Organization.id == User.organization_id)
        .where(User.is_active.is_(True),
               Organization.status == MembershipStatus.ACTIVE.value)
        .order_by(DigestSubscription.id)).all()
    sent = 0
    for subscription, person, organization in rows:
        last = subscription.last_sent_at
        if last is not None and clock.as_utc(last) > now - timedelta(days=DIGEST_DAYS - 1):
            continue  # already sent this week
        since = max(week_ago, clock.as_utc(last)) if last is not None else week_ago
        posts = _new_fitting(session, organization, since)
        subscription.last_sent_at = now
        session.add(subscription)
        if posts:
            mails.send_digest(session, person, posts)
            sent += 1
    return sent
