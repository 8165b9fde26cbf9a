"""Which member organizations fit a post, and why.

A transparent weighted overlap, computed in SQL over every active member organization (other
than the post's own) and the same on SQLite and PostgreSQL:
- every competence of the post that the organization lists too (a whole tag of its
  competences, compared with `lower()`) weighs `COMPETENCE_WEIGHT`;
- every keyword of the post (a word of its title or competences of at least
  `MIN_KEYWORD_LENGTH` letters, at most `MAX_KEYWORDS` of them) found in the organization's
  competences or description, and not already part of a shared competence, weighs
  `KEYWORD_WEIGHT`.
One query selects, for each organization, one yes/no column per competence and keyword and
their weighted sum, and returns the best `MATCH_LIMIT` (highest score first, then by name, then
id); the reason shown on the page is read from the same columns, so the ranking and its
explanation cannot disagree. Former members (status "left") never take part. SQLite's
`lower()` is Python's `str.lower` (`db._sqlite_pragmas`), PostgreSQL's folds every letter too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Integer, case, func, literal
from sqlmodel import Session, select

from harzportal.exchange.models import Post
from harzportal.organizations.models import MembershipStatus, Organization

COMPETENCE_WEIGHT = 3
KEYWORD_WEIGHT = 1
MIN_KEYWORD_LENGTH = 6
MAX_KEYWORDS = 12
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
    """Distinct long words of the title and competences, in their order, lower-cased."""
    words: list[str] = []
    for word in _WORD.findall(" ".join([post.title, *post_competences(post)]).lower()):
        if len(word) >= MIN_KEYWORD_LENGTH and word not in words:
            words.append(word)
    return words[:MAX_KEYWORDS]


def _distinct_competences(post: Post) -> list[str]:
    seen: dict[str, str] = {}
    for tag in post_competences(post):
        seen.setdefault(tag.lower(), tag)
    return list(seen.values())


def _escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _flag(condition):
    return case((condition, 1), else_=0)


def matches_for(session: Session, post: Post) -> list[Match]:
    tags = _distinct_competences(post)
    keywords = keywords_of(post)
    if not tags and not keywords:
        return []
    # Each profile lower-cased once (OFFSET 0 keeps PostgreSQL from folding it into every
    # test below): its competences between line breaks, so that a whole tag is "\n<tag>\n".
    profiles = (select(
        Organization.id, Organization.name,
        func.lower(literal("\n") + Organization.competences + literal("\n")).label("listed"),
        func.lower(Organization.competences + literal(" ") + Organization.description)
        .label("profile"))
        .where(Organization.status == MembershipStatus.ACTIVE.value,
               Organization.id != post.organization_id)
        .offset(0).subquery("profiles"))
    tag_flags = [_flag(profiles.c.listed.like(f"%\n{_escaped(tag.lower())}\n%", escape="\\"))
                 .label(f"c{index}") for index, tag in enumerate(tags)]
    keyword_flags = [_flag(profiles.c.profile.like(f"%{_escaped(word)}%", escape="\\"))
                     .label(f"k{index}") for index, word in enumerate(keywords)]
    flags = (select(profiles.c.id, profiles.c.name, *tag_flags, *keyword_flags)
             .subquery("flags"))
    tag_columns = [flags.c[f"c{index}"] for index in range(len(tags))]
    # A keyword counts only where no shared competence contains it already.
    keyword_columns = []
    for index, word in enumerate(keywords):
        covering = [column for tag, column in zip(tags, tag_columns) if word in tag.lower()]
        counted = flags.c[f"k{index}"]
        for column in covering:
            counted = counted * (1 - column)
        keyword_columns.append(counted)
    score = sum((COMPETENCE_WEIGHT * column for column in tag_columns), literal(0)) + sum(
        (KEYWORD_WEIGHT * column for column in keyword_columns), literal(0))
    score = score.cast(Integer).label("score")
    rows = session.exec(
        select(flags.c.id, flags.c.name, score, *tag_columns,
               *(column.label(f"kc{index}") for index, column in enumerate(keyword_columns)))
        .where(score > 0)
        .order_by(score.desc(), func.lower(flags.c.name), flags.c.id)
        .limit(MATCH_LIMIT)).all()
    found = []
    for row in rows:
        values = tuple(row)
        shared_flags = values[3:3 + len(tags)]
        keyword_hits = values[3 + len(tags):]
        found.append(Match(
            organization_id=row.id, name=row.name, score=int(row.score),
            competences=tuple(tag for tag, hit in zip(tags, shared_flags) if hit),
            keywords=tuple(word for word, hit in zip(keywords, keyword_hits) if hit)))
    return found
