"""Exchange results as views: dates, counts and labels in the reader's language."""

from __future__ import annotations

from harzportal.core import clock
from harzportal.core.formatting import day, moment, number
from harzportal.core.i18n import label, translate, translate_plural
from harzportal.core.paging import Page
from harzportal.exchange.labels import (
    FUNDING_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    VISIBILITY_LABELS,
)
from harzportal.exchange.matching import Match, post_competences
from harzportal.exchange.models import Post, PostStatus, PostVisibility
from harzportal.exchange.service import PostDetail, PostEntry
from harzportal.exchange.views import (
    InterestView,
    MatchView,
    NewPostView,
    PostFormView,
    PostRowView,
    PostView,
)
from harzportal.organizations.labels import federal_state_label, kind_label


def _interests(count: int, language: str) -> str:
    return translate_plural("exchange.interests_one", "exchange.interests_other", count, language)


def _live(post: Post) -> bool:
    return post.status == PostStatus.PUBLISHED.value and post.expires_on >= clock.today()


def post_row(entry: PostEntry, language: str, *, with_count: bool = False) -> PostRowView:
    post = entry.post
    return PostRowView(
        id=post.id, href=f"/exchange/{post.id}", title=post.title,
        kind=label(KIND_LABELS, post.kind, language),
        status=label(STATUS_LABELS, post.status, language), live=_live(post),
        organization=entry.organization_name,
        federal_state=federal_state_label(entry.federal_state, language)
        if entry.organization_name else "",
        competences=", ".join(post_competences(post)),
        published=day(post.published_at.date(), language) if post.published_at else "",
        expires=day(post.expires_on, language),
        confidential=post.visibility == PostVisibility.OFFICE.value,
        interests=_interests(entry.interests, language) if with_count else "")


def post_rows(page: Page[PostEntry], language: str, *, with_count: bool = False
              ) -> Page[PostRowView]:
    return page.map(lambda entry: post_row(entry, language, with_count=with_count))


def post_view(detail: PostDetail, language: str, *, is_staff: bool,
              own: bool) -> PostView:
    post = detail.entry.post
    sees_inside = is_staff or own
    return PostView(
        id=post.id, title=post.title, kind=label(KIND_LABELS, post.kind, language),
        status=label(STATUS_LABELS, post.status, language),
        organization=detail.entry.organization_name,
        federal_state=federal_state_label(detail.entry.federal_state, language)
        if detail.entry.organization_name else "",
        description=post.description, competences=", ".join(post_competences(post)),
        sector=kind_label(post.sector, language) if post.sector else "",
        funding=label(FUNDING_LABELS, post.funding_programme, language)
        if post.funding_programme else "",
        deadline=day(post.deadline, language) if post.deadline else "",
        visibility=label(VISIBILITY_LABELS, post.visibility, language),
        expires=day(post.expires_on, language), reason=post.reason, revision=post.revision,
        confidential=post.visibility == PostVisibility.OFFICE.value,
        pending=post.status == PostStatus.PENDING.value, live=_live(post),
        expired=post.expires_on < clock.today(),
        cooperation_started=post.cooperation_started_at is not None,
        may_edit=detail.may_edit and post.status in (PostStatus.PENDING.value,
                                                     PostStatus.PUBLISHED.value),
        may_author=detail.may_edit and own,
        may_decide=is_staff and post.status == PostStatus.PENDING.value,
        may_express_interest=detail.may_express_interest,
        interest_expressed=detail.interest_expressed, sees_inside=sees_inside,
        interests=_interests(detail.entry.interests, language) if sees_inside else "")


def match_reason(match: Match, language: str) -> str:
    parts = []
    if match.competences:
        parts.append(translate("exchange.match.competences", language,
                               competences=", ".join(match.competences)))
    if match.keywords:
        parts.append(translate("exchange.match.keywords", language,
                               keywords=", ".join(match.keywords)))
    return " · ".join(parts)


def match_views(matches: tuple[Match, ...], language: str) -> list[MatchView]:
    return [MatchView(organization_id=match.organization_id,
                      href=f"/directory/{match.organization_id}", name=match.name,
                      reason=match_reason(match, language), score=number(match.score, language))
            for match in matches]


def interest_views(detail: PostDetail, language: str) -> list[InterestView]:
    return [InterestView(id=interest.id, person=person, organization=organization,
                         note=interest.note, when=moment(interest.created_at, language))
            for interest, person, organization in detail.interested]


def new_post_views(found: list[Post], language: str) -> list[NewPostView]:
    return [NewPostView(id=post.id, href=f"/exchange/{post.id}", title=post.title,
                        kind=label(KIND_LABELS, post.kind, language),
                        published=day(post.published_at.date(), language)
                        if post.published_at else "") for post in found]


def form_view(post: Post) -> PostFormView:
    return PostFormView(
        kind=post.kind, title=post.title, description=post.description,
        competences=", ".join(post_competences(post)), sector=post.sector,
        funding_programme=post.funding_programme,
        deadline=post.deadline.isoformat() if post.deadline else "",
        visibility=post.visibility, show_organization=post.show_organization,
        expires_on=post.expires_on.isoformat())
