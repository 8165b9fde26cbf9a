"""The account page's views, from the account itself."""

from __future__ import annotations

from harzportal.accounts.models import User
from harzportal.auth.views import AccountDetailsView


def account_details_view(user: User) -> AccountDetailsView:
    return AccountDetailsView(full_name=user.full_name, job_title=user.job_title,
                              phone=user.phone, listed=user.listed_in_directory)
