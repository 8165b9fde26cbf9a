"""What the organization pages show: frozen views with every text formatted (presenter.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileView:
    id: int
    name: str
    legal_form: str
    kind: str
    street: str
    postal_code: str
    city: str
    address: str
    federal_state: str
    website: str
    phone: str
    email: str
    description: str
    employees: str
    competences: str
    logo_url: str
    member_since: str


EMPTY_PROFILE = ProfileView(0, *[""] * 16)


@dataclass(frozen=True)
class PublicBuyerView:
    """A public-sector buyer's e-invoice details (staff only): the values, each field's error."""

    leitweg_id: str = ""
    einvoice_address: str = ""
    einvoice_scheme: str = ""
    leitweg_id_error: str = ""
    einvoice_address_error: str = ""
    einvoice_scheme_error: str = ""


EMPTY_PUBLIC_BUYER = PublicBuyerView()


@dataclass(frozen=True)
class FieldChangeView:
    """One changed field of a request: old, new and (in conflict) current value as text, and for
    logos the image URL of each side."""

    field: str
    label: str
    old_text: str
    old_image: str
    new_text: str
    new_image: str
    current_text: str
    current_image: str
    conflict: bool  # the live value moved since the proposal
    decision: str  # FieldDecision value
    decision_label: str
    reason: str
    choice: str = ""  # the decision staff picked on the approval page (approve/reject/override)
    error: str = ""  # the message next to this field on the approval page


@dataclass(frozen=True)
class HistoryRowView:
    """One field of a decided or withdrawn request in the organization's history."""

    field: str
    label: str
    new_text: str
    new_image: str
    decision: str
    decision_label: str
    reason: str
    request_created: str
    request_author: str
    request_status: str
    request_decided: str
    request_decider: str


@dataclass(frozen=True)
class PendingView:
    id: int
    revision: int
    intro: str  # "Proposed by … on …"


EMPTY_PENDING = PendingView(0, 0, "")


@dataclass(frozen=True)
class RequestView:
    """The header of the approval page."""

    id: int
    revision: int
    organization: str
    organization_id: int
    author: str
    created: str
    is_open: bool


EMPTY_REQUEST = RequestView(0, 0, "", 0, "", "", False)


@dataclass(frozen=True)
class QueueRowView:
    id: int
    organization: str
    author: str
    created: str
    age: str
    fields: str


@dataclass(frozen=True)
class OrganizationRowView:
    """A row of the staff's list of organizations."""

    id: int
    name: str
    city: str
    kind: str
    status: str
    open_request: bool


@dataclass(frozen=True)
class DirectoryRowView:
    id: int
    name: str
    city: str
    kind: str
    federal_state: str
    competences: str
    logo_url: str
    initials: str


@dataclass(frozen=True)
class DirectoryContactView:
    name: str
    job_title: str
    email: str
    phone: str


@dataclass(frozen=True)
class ContactRowView:
    id: int
    name: str
    email: str
    job_title: str
    phone: str
    role: str
    role_label: str
    status: str
    status_label: str
    functions: tuple[str, ...]
    function_labels: str
    listed: bool
    last_login: str
    manageable: bool
    may_set_functions: bool


@dataclass(frozen=True)
class ProfileFieldTexts:
    """One text per profile field: the edit form's values as its inputs show them, or the
    message next to each field ("" for none)."""

    name: str = ""
    legal_form: str = ""
    kind: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    federal_state: str = ""
    website: str = ""
    phone: str = ""
    email: str = ""
    description: str = ""
    employees: str = ""
    competences: str = ""
    logo: str = ""
