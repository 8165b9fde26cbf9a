"""The staff's account list in the reader's language: role, status, last sign-in."""

from __future__ import annotations

from harzportal.accounts.models import User
from harzportal.accounts.presenter import role_label
from harzportal.admin.service import UserListing
from harzportal.admin.views import UserRowView
from harzportal.core.formatting import moment
from harzportal.core.i18n import N_, translate

NOTHING = "–"
STATUS_LABELS = {
    "inactive": N_("user_status.inactive"),
    "invited": N_("user_status.invited"),
    "active": N_("user_status.active"),
}


def _status(user: User) -> str:
    if not user.is_active:
        return "inactive"
    return "invited" if user.password_hash is None else "active"


def user_row_view(listing: UserListing, viewer_id: int, language: str) -> UserRowView:
    user = listing.user
    return UserRowView(
        id=user.id,
        name=user.full_name,
        email=user.email,
        organization=listing.organization_name or NOTHING,
        role=role_label(user.role, language),
        status=translate(STATUS_LABELS[_status(user)], language),
        active=user.is_active,
        can_deactivate=user.is_active and user.id != viewer_id,
        last_login=moment(user.last_login_at, language) or NOTHING,
    )

