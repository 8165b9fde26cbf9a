"""The account and security pages' views, from the account and its factors."""

from __future__ import annotations

import segno

from harzportal.accounts.factors import FactorStatus, TotpEnrolment
from harzportal.accounts.models import User
from harzportal.accounts.passkeys import PasskeyListing
from harzportal.auth.views import (
    AccountDetailsView,
    PasskeyRowView,
    SecondFactorView,
    TotpEnrolmentView,
)
from harzportal.core.formatting import moment
from harzportal.core.i18n import translate_plural


def account_details_view(user: User) -> AccountDetailsView:
    return AccountDetailsView(full_name=user.full_name, job_title=user.job_title,
                              phone=user.phone, listed=user.listed_in_directory)


def second_factor_view(status: FactorStatus, language: str) -> SecondFactorView:
    left = translate_plural("factor.recovery_left_one", "factor.recovery_left_other",
                            status.recovery_codes_left, language)
    return SecondFactorView(totp_enabled=status.totp_enabled,
                            enrolled_on=moment(status.enrolled_at, language),
                            recovery_codes_left=left if status.totp_enabled else "",
                            required=status.required)


def totp_enrolment_view(enrolment: TotpEnrolment) -> TotpEnrolmentView:
    secret = enrolment.secret
    return TotpEnrolmentView(
        qr_code=segno.make(enrolment.uri, error="m").svg_data_uri(scale=5, border=2),
        secret=" ".join(secret[index:index + 4] for index in range(0, len(secret), 4)))


def passkey_row_view(passkey: PasskeyListing, language: str) -> PasskeyRowView:
    return PasskeyRowView(id=passkey.id, name=passkey.name,
                          created_on=moment(passkey.created_at, language),
                          last_used_on=moment(passkey.last_used_at, language) or "–")
