"""The password policy (length, common passwords, not the email address) and hashing."""

from __future__ import annotations

import pytest

from harzportal.accounts import passwords
from harzportal.core.errors import ValidationFailed


def _refusal(password: str, email: str | None = None) -> str:
    with pytest.raises(ValidationFailed) as caught:
        passwords.validate_new_password(password, email=email)
    assert caught.value.field == "password"
    return caught.value.message_key


def test_eleven_characters_are_too_short():
    assert _refusal("Brockenweg1") == "password.too_short"


def test_twelve_characters_are_enough():
    passwords.validate_new_password("Brockenweg12")


def test_a_long_phrase_of_128_characters_is_accepted():
    phrase = ("gipsbruch am suedharz im nebel " * 5)[:128]
    passwords.validate_new_password(phrase)


def test_129_characters_are_too_long():
    assert _refusal(("gipsbruch am suedharz im nebel " * 5)[:129]) == "password.too_long"


@pytest.mark.parametrize("common", ["qwerty123456", "QWERTY123456", "1qaz2wsx3edc"])
def test_common_passwords_are_refused(common):
    assert _refusal(common) == "password.too_common"


def test_the_email_address_is_not_a_password():
    assert _refusal("Anna.Krueger@harz.example", email="anna.krueger@harz.example") == (
        "password.is_email"
    )


@pytest.mark.parametrize("not_text", [None, 123456789012, b"bytes password"])
def test_a_missing_password_is_refused(not_text):
    assert _refusal(not_text) == "password.too_short"


def test_hash_and_verify_roundtrip():
    password_hash = passwords.hash_password("Rammelsberg Stollen 1988")
    assert password_hash.startswith("$argon2id$")
    assert "Rammelsberg" not in password_hash
    assert passwords.verify_password("Rammelsberg Stollen 1988", password_hash) is True
    assert passwords.verify_password("rammelsberg stollen 1988", password_hash) is False
    assert passwords.needs_rehash(password_hash) is False


def test_verify_without_a_hash_is_false():
    """An invited person has no hash yet: nothing signs in as them."""
    assert passwords.verify_password("Rammelsberg Stollen 1988", None) is False
    assert passwords.verify_password("", None) is False


def test_verify_with_a_damaged_hash_is_false():
    assert passwords.verify_password("Rammelsberg Stollen 1988", "$argon2id$broken") is False
