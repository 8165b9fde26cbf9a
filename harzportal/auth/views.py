"""The views of the account page: frozen, typed, ready to show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccountDetailsView:
    """The own contact details, as the account page's form starts with them."""

    full_name: str
    job_title: str
    phone: str
    listed: bool  # in the member directory (the person's own opt-in)


EMPTY_DETAILS = AccountDetailsView(full_name="", job_title="", phone="", listed=False)
