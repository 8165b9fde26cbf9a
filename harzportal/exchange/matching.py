"""Which member organizations fit a post, and why.

A transparent weighted overlap, the same on SQLite and PostgreSQL:
- every competence of the post that the organization lists too (compared casefolded) weighs
  `COMPETENCE_WEIGHT`;
- every keyword of the post (a word of its title or competences of at least
  `MIN_KEYWORD_LENGTH` letters) found in the organization's competences or description weighs
  `KEYWORD_WEIGHT`, at most `MAX_KEYWORDS` of them.
The candidates come from one bounded query: active members other than the post's own
organization whose search text (name, city, competences) or description contains one of the
post's competences or keywords, at most `CANDIDATE_LIMIT` rows; former members (status "left")
are never candidates. The best `MATCH_LIMIT` are returned, highest score first, then by name,
each with the competences and keywords that gave its score (the page's reason text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import Session, select

from harzportal.exchange.models import Post
from harzportal.organizations.models import MembershipStatus, Organization
from harzportal.organizations.profile import competence_list

COMPETENCE_WEIGHT = 3
KEYWORD_WEIGHT = 1
MIN_KEYWORD_LENGTH = 6
MAX_KEYWORDS = 12
CANDIDATE_LIMIT = 400
MATCH_LIMIT = 10
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Match:
    organization_id: int
    name: str
    score: int
    competences: tuple[str, ...]  # the post's competences the organization lists too
    keywords: tuple[str, ...]  # the post's keywords found in its profile


def post_competences(post: Post) -> list[str]:
    return [tag for tag in post.competences.split("\n") if tag]


def keywords_of(post: Post) -> list[str]:
    """Distinct long words of the title and competences, in their order, casefolded."""
    words: list[str] = []
    for word in _WORD.findall(" ".join([post.title, *post_competences(post)]).casefold()):
        if len(word) >= MIN_KEYWORD_LENGTH and word not in words:
            words.append(word)
    return words[:MAX_KEYWORDS]


def score(post: Post, organization) -> Match | None:
    """`organization`: a row with id, name, competences and description."""
    wanted = {tag.casefold(): tag for tag in post_competences(post)}
    listed = {tag.casefold() for tag in competence_list(organization)}
    shared = tuple(tag for folded, tag in wanted.items() if folded in listed)
    profile_text = f"{organization.competences} {organization.description}".casefold()
    shared_folded = {tag.casefold() for tag in shared}
    keywords = tuple(word for word in keywords_of(post)
                     if word in profile_text
                     and not any(word in tag for tag in shared_folded))
    total = COMPETENCE_WEIGHT * len(shared) + KEYWORD_WEIGHT * len(keywords)
    if total == 0:
        return None
    return Match(organization.id, organization.name, total, shared, keywords)


def matches_for(session: Session, post: Post) -> list[Match]:
    terms = [tag.casefold() for tag in post_competences(post)] + keywords_of(post)
    if not terms:
        return []
    conditions = []
    for term in terms:
        conditions.append(Organization.search_text.contains(term, autoescape=True))
        conditions.append(Organization.description.ilike(f"%{_escaped(term)}%", escape="\\"))
    candidates = session.exec(  # only the columns scored, not whole rows
        select(Organization.id, Organization.name, Organization.competences,
               Organization.description)
        .where(Organization.status == MembershipStatus.ACTIVE.value,
               Organization.id != post.organization_id, or_(*conditions))
        .order_by(Organization.id).limit(CANDIDATE_LIMIT)).all()
    found = [match for match in (score(post, organization) for organization in candidates)
             if match is not None]
    found.sort(key=lambda match: (-match.score, match.name.casefold(), match.organization_id))
    return found[:MATCH_LIMIT]


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
