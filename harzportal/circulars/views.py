"""What the circulars' pages show: frozen, typed, formatted in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CircularRowView:
    """A circular in the staff's list."""

    id: int
    href: str
    subject: str
    category: str
    status: str  # the CircularStatus value
    status_label: str
    sent: str  # "" for a draft
    recipients: str


@dataclass(frozen=True)
class OptionView:
    """A checkbox of a form: the field's name, its label, ticked or not."""

    name: str
    label: str
    checked: bool


@dataclass(frozen=True)
class CircularView:
    """One circular for staff: its texts (to edit) and both previews as recipients see them."""

    id: int
    category: str
    category_label: str
    is_draft: bool
    sent: str
    subject_de: str
    subject_en: str
    body_de: str
    body_en: str
    preview_de: str  # the HTML part of the mail (escaped markup, mail.markup)
    preview_en: str
    documents: str  # the attached documents' titles, one line


EMPTY_CIRCULAR = CircularView(id=0, category="news", category_label="", is_draft=True, sent="",
                              subject_de="", subject_en="", body_de="", body_en="",
                              preview_de="", preview_en="", documents="")


@dataclass(frozen=True)
class RecipientRowView:
    """A person the circular goes (or went) to, with their mail's state once sent."""

    id: int
    name: str
    email: str
    organization: str
    language: str
    status: str  # the DeliveryStatus value; "" before sending
    status_label: str
    resent: str  # how often resent; "" for never


@dataclass(frozen=True)
class DeliveryCountView:
    status: str
    label: str
    count: str


@dataclass(frozen=True)
class ReceivedRowView:
    """A circular in a member's "Mitteilungen"."""

    id: int
    href: str
    subject: str
    category: str
    sent: str


@dataclass(frozen=True)
class DocumentLinkView:
    title: str
    href: str


@dataclass(frozen=True)
class ReceivedView:
    subject: str
    category: str
    sent: str
    body: str  # escaped HTML of the markup (mail.markup)


EMPTY_RECEIVED = ReceivedView(subject="", category="", sent="", body="")
