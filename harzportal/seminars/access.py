"""The seminar a person may see, and the one staff may manage: one lookup each."""

from __future__ import annotations

from sqlmodel import Session

from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound
from harzportal.core.lookup import get_or_not_found
from harzportal.core.permissions import Action, require
from harzportal.seminars.models import Seminar, SeminarStatus


def visible_seminar(session: Session, actor: Actor, seminar_id: object) -> Seminar:
    """A seminar a signed-in person may read: published or cancelled; drafts only for staff."""
    require(actor, Action.VIEW_SEMINARS)
    seminar = get_or_not_found(session, Seminar, seminar_id)
    if seminar.status == SeminarStatus.DRAFT.value and not actor.is_staff:
        raise NotFound()
    return seminar


def staff_seminar(session: Session, actor: Actor, seminar_id: object) -> Seminar:
    require(actor, Action.MANAGE_SEMINARS)
    return get_or_not_found(session, Seminar, seminar_id)
