"""How the accounts' rules read to a person, in their language: how long a link or a sign-in
lock lasts (the role and status labels are in accounts/labels.py).

Setting values (HARZPORTAL_RESET_LINK_MINUTES, HARZPORTAL_INVITATION_DAYS) and the rules'
limits are filled in when a text is made, never frozen into the catalogue, and counted with
the plural form that fits ("1 Minute", "60 Minuten").
"""

from __future__ import annotations

from harzportal.accounts import passwords, throttle
from harzportal.core.i18n import translate, translate_plural
from harzportal.settings import get as get_settings


def minutes(count: int, language: str) -> str:
    return translate_plural("auth.minutes_one", "auth.minutes_other", count, language)


def days(count: int, language: str) -> str:
    return translate_plural("auth.days_one", "auth.days_other", count, language)


def reset_link_validity(language: str) -> str:
    return minutes(get_settings().reset_link_minutes, language)


def invitation_validity(language: str) -> str:
    return days(get_settings().invitation_days, language)


def forgot_sent_text(language: str) -> str:
    """What the forgot-password page says once a link is on its way."""
    return translate("auth.forgot_sent", language, minutes=reset_link_validity(language))


def invitation_sent_text(language: str) -> str:
    return translate("admin.invitation_sent", language, days=invitation_validity(language))


def sign_in_refusal(error_key: str, language: str) -> str:
    """The text of a refused sign-in (`SignInResult.error_key`); a lock names its duration."""
    lock = minutes(int(throttle.WINDOW.total_seconds()) // 60, language)
    return translate(error_key, language, minutes=lock)


def password_rules_text(language: str) -> str:
    return translate("auth.password_rules", language, min=passwords.MIN_LENGTH,
                     max=passwords.MAX_LENGTH)
