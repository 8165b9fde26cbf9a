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


@dataclass(frozen=True)
class SecondFactorView:
    """The second-factor card of the security page."""

    totp_enabled: bool
    enrolled_on: str  # "" while none is enrolled
    recovery_codes_left: str  # "8 recovery codes left"
    required: bool  # the person's role must have one


NO_SECOND_FACTOR = SecondFactorView(totp_enabled=False, enrolled_on="", recovery_codes_left="",
                                    required=False)


@dataclass(frozen=True)
class TotpEnrolmentView:
    """The app's secret while it is being enrolled: as a QR code and in groups for typing."""

    qr_code: str  # an SVG data URI
    secret: str  # "ABCD EFGH …"


NO_ENROLMENT = TotpEnrolmentView(qr_code="", secret="")


@dataclass(frozen=True)
class PasskeyRowView:
    id: int
    name: str
    created_on: str
    last_used_on: str  # "–" when never used
