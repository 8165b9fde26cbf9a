"""The staff's account list in the reader's language: role, status, last sign-in."""

from __future__ import annotations

from harzportal.accounts.labels import ACCOUNT_STATUS_LABELS, ROLE_LABELS
from harzportal.accounts.status import account_status
from harzportal.admin.service import UserListing
from harzportal.admin.views import UserRowView
from harzportal.core.formatting import moment
from harzportal.core.i18n import label

NOTHING = "–"


def user_row_view(listing: UserListing, viewer_id: int, language: str) -> UserRowView:
    user = listing.user
    return UserRowView(
        id=user.id,
        name=user.full_name,
        email=user.email,
        organization=listing.organization_name or NOTHING,
        role=label(ROLE_LABELS, user.role, language),
        status=label(ACCOUNT_STATUS_LABELS, account_status(user), language),
        active=user.is_active,
        can_deactivate=user.is_active and user.id != viewer_id,
        last_login=moment(user.last_login_at, language) or NOTHING,
        can_reset_factor=listing.has_second_factor and user.id != viewer_id,
    )

