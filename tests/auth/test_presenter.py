"""Accounts and the staff's account list in German and English, and the counted durations
(1 and 2 of each, both languages)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from harzportal.accounts import presenter
from harzportal.accounts.models import User
from harzportal.admin.presenter import user_row_view
from harzportal.admin.service import UserListing

SIGNED_IN = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _listing(**fields) -> UserListing:
    values = {"id": 7, "email": "anna@test.example", "full_name": "Anna Krüger",
              "role": "org_manager", "password_hash": "x", "last_login_at": SIGNED_IN} | fields
    return UserListing(user=User(**values), organization_name="Harzer Chemiewerke GmbH")


@pytest.mark.parametrize("language, role, status, last_login", [
    ("de", "Organisationsverwaltung", "Aktiv", "01.03.2027, 10:00:00"),
    ("en", "Organization manager", "Active", "1 Mar 2027, 10:00:00"),
])
def test_a_row_of_the_account_list(language, role, status, last_login):
    view = user_row_view(_listing(), viewer_id=1, language=language)
    assert (view.id, view.name, view.organization) == (7, "Anna Krüger",
                                                       "Harzer Chemiewerke GmbH")
    assert (view.role, view.status, view.last_login) == (role, status, last_login)
    assert view.active is True and view.can_deactivate is True


def test_invited_inactive_and_own_accounts_in_the_list():
    invited = user_row_view(_listing(password_hash=None, last_login_at=None), 1, "de")
    assert (invited.status, invited.last_login) == ("Eingeladen", "–")
    inactive = user_row_view(_listing(is_active=False), 1, "en")
    assert (inactive.status, inactive.active, inactive.can_deactivate) == (
        "Deactivated", False, False)
    assert user_row_view(_listing(), viewer_id=7, language="de").can_deactivate is False
    staff = UserListing(user=User(id=1, email="s@test.example", full_name="Staff",
                                  role="network_admin"), organization_name=None)
    assert user_row_view(staff, 2, "de").organization == "–"


@pytest.mark.parametrize("count, language, expected", [
    (1, "de", "1 Minute"), (2, "de", "2 Minuten"), (1, "en", "1 minute"), (2, "en", "2 minutes"),
])
def test_minutes_are_counted(count, language, expected):
    assert presenter.minutes(count, language) == expected


@pytest.mark.parametrize("count, language, expected", [
    (1, "de", "1 Tag"), (2, "de", "2 Tage"), (1, "en", "1 day"), (2, "en", "2 days"),
])
def test_days_are_counted(count, language, expected):
    assert presenter.days(count, language) == expected


def test_a_locked_sign_in_names_the_lock_s_duration():
    assert "in 15 Minuten erneut" in presenter.sign_in_refusal("auth.locked", "de")
    assert "try again in 15 minutes" in presenter.sign_in_refusal("auth.locked", "en")
    assert presenter.sign_in_refusal("auth.login_failed", "en") == (
        "The email address or password is incorrect.")
