"""What the exchange's pages show: frozen, typed, formatted in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PostRowView:
    id: int
    href: str
    title: str
    kind: str
    status: str
    live: bool  # published and not expired
    organization: str  # "" when the author chose not to name it
    federal_state: str
    competences: str
    published: str
    expires: str
    confidential: bool
    interests: str  # "2 Interessenten"; "" for readers who do not see the count


@dataclass(frozen=True)
class PostView:
    id: int
    title: str
    kind: str
    status: str
    organization: str
    federal_state: str
    description: str
    competences: str
    sector: str
    funding: str
    deadline: str
    visibility: str
    expires: str
    reason: str  # staff's reason for a refusal
    revision: int
    confidential: bool
    pending: bool
    live: bool
    expired: bool
    cooperation_started: bool
    may_edit: bool
    may_author: bool  # renew, mark a cooperation started (the own organization)
    may_decide: bool
    may_express_interest: bool
    interest_expressed: bool
    sees_inside: bool  # the interest count, the interested and the matches
    interests: str


EMPTY_POST = PostView(id=0, title="", kind="", status="", organization="", federal_state="",
                      description="", competences="", sector="", funding="", deadline="",
                      visibility="", expires="", reason="", revision=0, confidential=False,
                      pending=False, live=False, expired=False, cooperation_started=False,
                      may_edit=False, may_author=False, may_decide=False,
                      may_express_interest=False, interest_expressed=False, sees_inside=False,
                      interests="")


@dataclass(frozen=True)
class MatchView:
    organization_id: int
    href: str
    name: str
    reason: str  # "Kompetenz: Batterierecycling, Hydrometallurgie · Stichworte: pilotanlage"
    score: str


@dataclass(frozen=True)
class InterestView:
    id: int
    person: str
    organization: str
    note: str
    when: str


@dataclass(frozen=True)
class NewPostView:
    """A new post that fits the reader's organization (the dashboard's tile)."""

    id: int
    href: str
    title: str
    kind: str
    published: str


@dataclass(frozen=True)
class PostFormView:
    """The post form's starting values (a new post or the one edited)."""

    kind: str
    title: str
    description: str
    competences: str
    sector: str
    funding_programme: str
    deadline: str
    visibility: str
    show_organization: bool
    expires_on: str


NEW_POST_FORM = PostFormView(kind="request", title="", description="", competences="", sector="",
                             funding_programme="", deadline="", visibility="members",
                             show_organization=True, expires_on="")


@dataclass(frozen=True)
class ReportFiguresView:
    period: str
    seminars_held: str
    participants: str
    organizations_reached: str
    posts_published: str
    interests_expressed: str
    cooperations_started: str


EMPTY_FIGURES = ReportFiguresView(period="", seminars_held="", participants="",
                                  organizations_reached="", posts_published="",
                                  interests_expressed="", cooperations_started="")
