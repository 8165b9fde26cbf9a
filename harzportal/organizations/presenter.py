"""Organizations as people read them: the services' results turned into the views of views.py,
in the reader's language (Babel for dates and numbers, the catalogue for every label)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from harzportal.core.formatting import day, moment, number
from harzportal.core.i18n import N_, label, translate, translate_plural
from harzportal.core.paging import Page
from harzportal.organizations.labels import (
    CHANGE_STATUS_LABELS,
    DECISION_LABELS,
    MEMBERSHIP_LABELS,
    federal_state_label,
    kind_label,
)
from harzportal.organizations.leitweg import LEITWEG_SCHEME
from harzportal.organizations.logos import logo_url
from harzportal.organizations.models import ChangeRequest, ChangeRequestField, Organization
from harzportal.organizations.profile import PROFILE_FIELDS, competence_list
from harzportal.organizations.views import (
    EMPTY_PENDING,
    DirectoryContactView,
    DirectoryRowView,
    FieldChangeView,
    HistoryRowView,
    OrganizationRowView,
    PendingView,
    ProfileFieldTexts,
    ProfileView,
    PublicBuyerView,
    QueueRowView,
    RequestView,
)

if TYPE_CHECKING:
    from harzportal.organizations.directory import DirectoryEntry
    from harzportal.organizations.service import (
        DecisionPage,
        EditForm,
        OrganizationEntry,
        ProfilePage,
        QueueEntry,
    )

FIELD_LABELS = {
    "name": N_("profile.field.name"),
    "legal_form": N_("profile.field.legal_form"),
    "kind": N_("profile.field.kind"),
    "street": N_("profile.field.street"),
    "postal_code": N_("profile.field.postal_code"),
    "city": N_("profile.field.city"),
    "federal_state": N_("profile.field.federal_state"),
    "website": N_("profile.field.website"),
    "phone": N_("profile.field.phone"),
    "email": N_("profile.field.email"),
    "description": N_("profile.field.description"),
    "employees": N_("profile.field.employees"),
    "competences": N_("profile.field.competences"),
    "logo": N_("profile.field.logo"),
}
# ?notice=... on the profile page after saving the edit form
PROFILE_NOTICES = {
    "submitted": N_("change.submitted"),
    "updated": N_("change.updated"),
    "saved_directly": N_("change.saved_directly"),
}
NO_VALUE = "—"


def field_label(name: str, language: str) -> str:
    return label(FIELD_LABELS, name, language)


def display_value(name: str, value: object, language: str) -> str:
    """A profile value as a person reads it; an empty value reads as an em dash."""
    if value in (None, "", []):
        return NO_VALUE
    if name == "kind":
        return kind_label(value, language)
    if name == "federal_state":
        return federal_state_label(value, language)
    if name == "employees":
        return number(value, language)
    if name == "competences":
        return ", ".join(value)
    if name == "logo":
        return translate("profile.logo_present", language)
    return str(value)


def _image(name: str, value: object) -> str:
    return logo_url(value) if name == "logo" and isinstance(value, str) else ""


def profile_view(organization: Organization, language: str) -> ProfileView:
    """The public profile of an organization."""
    return ProfileView(
        id=organization.id,
        name=organization.name,
        legal_form=organization.legal_form,
        kind=kind_label(organization.kind, language),
        street=organization.street,
        postal_code=organization.postal_code,
        city=organization.city,
        address=f"{organization.street}, {organization.postal_code} {organization.city}",
        federal_state=federal_state_label(organization.federal_state, language),
        website=organization.website,
        phone=organization.phone,
        email=organization.email,
        description=organization.description,
        employees=number(organization.employees, language)
        if organization.employees is not None else NO_VALUE,
        competences=", ".join(competence_list(organization)),
        logo_url=logo_url(organization.logo_file),
        member_since=day(organization.member_since, language)
        if organization.member_since else NO_VALUE,
    )


def public_buyer_view(organization: Organization) -> PublicBuyerView:
    """The e-invoice form's values: the stored ones, an empty scheme shown as the default 0204."""
    return PublicBuyerView(leitweg_id=organization.leitweg_id,
                           einvoice_address=organization.einvoice_address,
                           einvoice_scheme=organization.einvoice_scheme or LEITWEG_SCHEME)


PUBLIC_BUYER_FIELDS = ("leitweg_id", "einvoice_address", "einvoice_scheme")


def public_buyer_refused(form_data: object, error: object, text: str) -> PublicBuyerView | None:
    """The form as typed, with the refusal's text next to its field (None when the refusal
    names none of them: the page shows it at the top)."""
    field = getattr(error, "field", None)
    if field not in PUBLIC_BUYER_FIELDS:
        return None
    typed = form_data if isinstance(form_data, dict) else {}
    values = {name: typed.get(name) if isinstance(typed.get(name), str) else ""
              for name in PUBLIC_BUYER_FIELDS}
    return PublicBuyerView(**values, **{f"{field}_error": text})


def field_change_views(fields: tuple[ChangeRequestField, ...], language: str,
                       live: Mapping[str, object] | None = None) -> list[FieldChangeView]:
    """Difference rows of one request; with `live`, fields whose live value moved are marked."""
    views = []
    for row in fields:
        name = row.field_name
        conflict = live is not None and live[name] != row.old_value
        current = live[name] if conflict else ""
        views.append(FieldChangeView(
            field=name, label=field_label(name, language),
            old_text=display_value(name, row.old_value, language),
            old_image=_image(name, row.old_value),
            new_text=display_value(name, row.new_value, language),
            new_image=_image(name, row.new_value),
            current_text=display_value(name, current, language),
            current_image=_image(name, current),
            conflict=conflict, decision=row.decision,
            decision_label=label(DECISION_LABELS, row.decision, language), reason=row.reason))
    return views


def _moment_or_empty(value, language: str) -> str:
    return moment(value, language) if value else ""


def history_views(history, names: Mapping[int, str], language: str) -> list[HistoryRowView]:
    rows = []
    for request, fields in history:
        header = dict(
            request_created=moment(request.created_at, language),
            request_author=names.get(request.author_user_id, NO_VALUE),
            request_status=label(CHANGE_STATUS_LABELS, request.status, language),
            request_decided=_moment_or_empty(request.decided_at, language),
            request_decider=names.get(request.decided_by_user_id, ""))
        rows.extend(HistoryRowView(
            field=change.field, label=change.label, new_text=change.new_text,
            new_image=change.new_image, decision=change.decision,
            decision_label=change.decision_label, reason=change.reason, **header)
            for change in field_change_views(fields, language))
    return rows


def pending_view(request: ChangeRequest | None, names: Mapping[int, str],
                 language: str) -> PendingView:
    if request is None:
        return EMPTY_PENDING
    return PendingView(id=request.id, revision=request.revision, intro=translate(
        "change.pending_intro", language, author=names.get(request.author_user_id, NO_VALUE),
        created=moment(request.created_at, language)))


def profile_page_views(page: ProfilePage, language: str):
    """(profile, pending, pending rows, history rows) of an organization's page."""
    return (profile_view(page.organization, language),
            pending_view(page.pending, page.names, language),
            field_change_views(page.pending_fields, language),
            history_views(page.history, page.names, language))


def notice_text(notice: str, language: str) -> str:
    key = PROFILE_NOTICES.get(notice)
    return translate(key, language) if key else ""


def edit_form_view(form: EditForm) -> ProfileFieldTexts:
    def text(name: str) -> str:
        value = form.values.get(name)
        if name == "competences":
            return ", ".join(value or [])
        return "" if value is None else str(value)

    return ProfileFieldTexts(**{name: text(name) for name in PROFILE_FIELDS})


def queue_row_views(entries: tuple[QueueEntry, ...], language: str) -> list[QueueRowView]:
    return [QueueRowView(
        id=entry.request.id, organization=entry.organization_name, author=entry.author_name,
        created=moment(entry.request.created_at, language),
        age=translate_plural("change.age_days_one", "change.age_days_other", entry.age_days,
                             language),
        fields=number(entry.field_count, language)) for entry in entries]


def request_view(page: DecisionPage, language: str) -> RequestView:
    request = page.request
    return RequestView(
        id=request.id, revision=request.revision, organization=page.organization.name,
        organization_id=page.organization.id,
        author=page.names.get(request.author_user_id, NO_VALUE),
        created=moment(request.created_at, language), is_open=page.live is not None)


def organization_rows(shown: Page[OrganizationEntry], language: str) -> Page[OrganizationRowView]:
    return shown.map(lambda entry: OrganizationRowView(
        id=entry.organization.id, name=entry.organization.name, city=entry.organization.city,
        kind=kind_label(entry.organization.kind, language),
        status=label(MEMBERSHIP_LABELS, entry.organization.status, language),
        open_request=entry.has_open_request))


def directory_rows(shown: Page[Organization], language: str) -> Page[DirectoryRowView]:
    return shown.map(lambda o: DirectoryRowView(
        id=o.id, name=o.name, city=o.city, kind=kind_label(o.kind, language),
        federal_state=federal_state_label(o.federal_state, language),
        competences=", ".join(competence_list(o)[:5]), logo_url=logo_url(o.logo_file),
        initials="".join(word[0] for word in o.name.split()[:2]).upper()))


def directory_contacts(entry: DirectoryEntry) -> list[DirectoryContactView]:
    return [DirectoryContactView(name=u.full_name, job_title=u.job_title, email=u.email,
                                 phone=u.phone) for u in entry.contacts]
