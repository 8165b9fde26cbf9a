"""What the seminar pages show: frozen, typed views, every text ready in the reader's language
(made by seminars/presenter.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeminarRowView:
    """One seminar in the catalogue or in the staff's list."""

    id: int
    href: str
    title: str
    topic_label: str
    when: str
    place: str
    full: bool
    seats_label: str  # "3 von 20 Plätzen frei" or "Ausgebucht – Warteliste"
    fee: str
    status: str
    status_label: str


@dataclass(frozen=True)
class SeminarDetailView:
    """The seminar page of a member (or staff)."""

    id: int
    title: str
    topic_label: str
    when: str
    venue: str
    speakers: str
    deadline: str
    fee: str
    description: str
    full: bool
    seats_label: str
    has_online_link: bool
    online_link: str  # only for a confirmed participant or staff, else ""
    open: bool  # registration is possible right now
    ics_href: str


EMPTY_SEMINAR_DETAIL = SeminarDetailView(0, "", "", "", "", "", "", "", "", False, "", False, "",
                                         False, "")


@dataclass(frozen=True)
class RegistrationView:
    """The reader's own registration on the seminar page (id 0: none)."""

    id: int
    status: str
    status_label: str
    waitlist_label: str  # "Sie stehen auf der Warteliste, Position 2", else ""


NO_REGISTRATION = RegistrationView(0, "", "", "")




@dataclass(frozen=True)
class MySeminarRowView:
    """One registration of the reader on "my seminars"."""

    registration_id: int
    seminar_href: str
    title: str
    when: str
    status: str  # the registration's
    status_label: str  # with the waitlist position ("Warteliste · 2")
    seminar_cancelled: bool
    seminar_status_label: str
    cancellable: bool
    certificate_href: str  # "" without attendance


@dataclass(frozen=True)
class ParticipantsSeminarView:
    """The seminar at the head of the staff's participant list."""

    id: int
    title: str
    summary: str  # "15.12.2026, 10:00–14:00 · Goslar · Veröffentlicht"
    edit_href: str
    csv_href: str
    draft: bool
    started: bool
    cancellable: bool
    participants_heading: str  # "Teilnehmende (3 / 20)"
    waitlist_heading: str  # "Warteliste (1)"


EMPTY_PARTICIPANTS_SEMINAR = ParticipantsSeminarView(0, "", "", "", "", False, False, False,
                                                     "", "")


@dataclass(frozen=True)
class ParticipantView:
    registration_id: int
    name: str
    email: str
    organization: str
    attended: bool
    position: int  # on the waitlist (1, 2, ...); 0 for a confirmed seat


@dataclass(frozen=True)
class SeminarFormFields:
    """One text per field of the staff's seminar form: the values its inputs show (German
    local times, "149,99"), or the messages beneath them ("" for none)."""

    title: str = ""
    topic: str = ""
    description: str = ""
    speakers: str = ""
    starts_at: str = ""
    ends_at: str = ""
    venue: str = ""
    online_link: str = ""
    capacity: str = ""
    per_organization_limit: str = ""
    registration_opens_at: str = ""
    registration_deadline: str = ""
    fee: str = ""


NEW_SEMINAR_FORM = SeminarFormFields(topic="hse", capacity="20")
NO_FORM_ERRORS = SeminarFormFields()
