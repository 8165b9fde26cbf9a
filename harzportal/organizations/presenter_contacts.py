"""The contacts page as people read it: roles, functions and account states in the reader's
language, the last sign-in through Babel."""

from __future__ import annotations

from harzportal.accounts.labels import ACCOUNT_STATUS_LABELS, ROLE_LABELS
from harzportal.core.formatting import moment
from harzportal.core.i18n import label
from harzportal.organizations.contacts import ContactList
from harzportal.organizations.labels import FUNCTION_LABELS
from harzportal.organizations.presenter import NO_VALUE
from harzportal.organizations.views import ContactRowView


def contact_rows(listing: ContactList, language: str) -> list[ContactRowView]:
    rows = []
    for entry in listing.contacts:
        user = entry.user
        rows.append(ContactRowView(
            id=user.id, name=user.full_name, email=user.email, job_title=user.job_title,
            phone=user.phone, role=user.role, role_label=label(ROLE_LABELS, user.role, language),
            status=entry.status.value,
            status_label=label(ACCOUNT_STATUS_LABELS, entry.status, language),
            functions=entry.functions,
            function_labels=", ".join(label(FUNCTION_LABELS, f, language)
                                      for f in entry.functions) or NO_VALUE,
            listed=user.listed_in_directory,
            last_login=moment(user.last_login_at, language) if user.last_login_at else NO_VALUE,
            manageable=entry.manageable, may_set_functions=entry.may_set_functions))
    return rows
