"""Normalizing email addresses with email-validator (no DNS look-ups)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from harzportal.core.errors import ValidationFailed


def normalize_email(raw: object, field: str = "email") -> str:
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 254:
        raise ValidationFailed("email.invalid", field=field)
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed("email.invalid", field=field) from exc
    return result.normalized.lower()
