"""Password hashing and the password policy. The only module that imports passlib.

argon2id through libpass's CryptContext; hashes made with older parameters are flagged by
`needs_rehash` and re-hashed on the next successful login. Hashing is slow on purpose:
callers run it off the event loop.
"""

from __future__ import annotations

from functools import lru_cache

from passlib.context import CryptContext
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from harzportal.core.errors import ValidationFailed

MIN_LENGTH = 12
MAX_LENGTH = 128

_context = CryptContext(
    schemes=["argon2"],
    deprecated="auto",
    argon2__type="ID",
    argon2__memory_cost=19456,
    argon2__time_cost=2,
    argon2__parallelism=1,
)

# A valid hash of a random password: verifying against it costs as much as a real check, so an
# unknown account answers as slowly as a known one.
_DUMMY_HASH = _context.hash("harzportal-timing-equalizer-not-a-password")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def validate_new_password(password: str, *, email: str | None = None) -> None:
    """Length 12..128, not a common password, not the email address. No composition rules."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise ValidationFailed("password.too_short", field="password", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise ValidationFailed("password.too_long", field="password", max=MAX_LENGTH)
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(lowered)) <= 2:
        raise ValidationFailed("password.too_common", field="password")
    if email and lowered == email.lower():
        raise ValidationFailed("password.is_email", field="password")


def hash_password(password: str) -> str:
    return _context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash or not isinstance(password, str) or len(password) > MAX_LENGTH:
        _context.verify("x", _DUMMY_HASH)
        return False
    try:
        return _context.verify(password, password_hash)
    except (ValueError, TypeError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _context.needs_update(password_hash)
