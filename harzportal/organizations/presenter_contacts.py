"""The contacts page as people read it: roles, functions and account states in the reader's
language, the last sign-in through Babel."""

from __future__ import annotations

from harzportal.accounts.presenter import ROLE_LABELS
from harzportal.core.formatting import moment
from harzportal.core.i18n import N_
from harzportal.organizations.contacts import ContactList, ContactStatus
from harzportal.organizations.models import ContactFunction
from harzportal.organizations.presenter import NO_VALUE, label
from harzportal.organizations.views import ContactRowView

FUNCTION_LABELS = {
    ContactFunction.BILLING: N_("function.billing"),
    ContactFunction.HSE: N_("function.hse"),
    ContactFunction.DATA_PROTECTION: N_("function.data_protection"),
    ContactFunction.PROFILE_EDITOR: N_("function.profile_editor"),
}
CONTACT_STATUS_LABELS = {
    ContactStatus.ACTIVE: N_("user_status.active"),
    ContactStatus.INVITED: N_("user_status.invited"),
    ContactStatus.INACTIVE: N_("user_status.inactive"),
}


def contact_rows(listing: ContactList, language: str) -> list[ContactRowView]:
    rows = []
    for entry in listing.contacts:
        user = entry.user
        rows.append(ContactRowView(
            id=user.id, name=user.full_name, email=user.email, job_title=user.job_title,
            phone=user.phone, role=user.role, role_label=label(ROLE_LABELS, user.role, language),
            status=entry.status.value,
            status_label=label(CONTACT_STATUS_LABELS, entry.status, language),
            functions=entry.functions,
            function_labels=", ".join(label(FUNCTION_LABELS, f, language)
                                      for f in entry.functions) or NO_VALUE,
            listed=user.listed_in_directory,
            last_login=moment(user.last_login_at, language) if user.last_login_at else NO_VALUE,
            manageable=entry.manageable, may_set_functions=entry.may_set_functions))
    return rows
