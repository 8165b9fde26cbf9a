"""An IBAN as a member types it, checked with schwifty: check digits, the country's length and,
where schwifty knows the country's bank registry, the bank code; spaces dropped, upper case."""

from __future__ import annotations

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from harzportal.core.errors import ValidationFailed

MAX_TYPED = 60  # more than any IBAN with spaces between its groups


def checked_iban(raw: object) -> IBAN:
    text = raw if isinstance(raw, str) else ""
    if len(text) > MAX_TYPED:
        raise ValidationFailed("debit.iban_invalid", field="iban")
    compact = "".join(text.split()).upper()
    if not compact:
        raise ValidationFailed("debit.iban_missing", field="iban")
    try:
        return IBAN(compact, validate_bban=True)
    except (SchwiftyException, ValueError):
        raise ValidationFailed("debit.iban_invalid", field="iban") from None


def bank_of(iban: IBAN) -> tuple[str, str]:
    """(BIC, bank name) as schwifty's bank registry knows them, or empty."""
    try:
        bic = iban.bic
        return (str(bic.compact) if bic else ""), str(iban.bank_name or "")
    except (SchwiftyException, ValueError):
        return "", ""
