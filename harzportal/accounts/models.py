"""Users, their sessions, login failures (for throttling) and single-use account tokens."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from harzportal.core.columns import utc_timestamp
from harzportal.core.roles import Role


class User(SQLModel, table=True):
    # The staff's account list is ordered by name: an index scan instead of sorting every user.
    __table_args__ = (Index("ix_user_full_name_id", "full_name", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    full_name: str = Field(max_length=200)
    job_title: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=50)
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    role: str = Field(default=Role.CONTACT.value, max_length=20)
    is_active: bool = Field(default=True)
    password_hash: str | None = Field(default=None, max_length=255)
    preferred_language: str = Field(default="de", max_length=5)
    listed_in_directory: bool = Field(default=False)  # the contact's own opt-in
    created_at: datetime = utc_timestamp(default_now=True)
    last_login_at: datetime | None = utc_timestamp(nullable=True)


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = utc_timestamp(default_now=True)
    last_seen_at: datetime = utc_timestamp(default_now=True)
    expires_at: datetime = utc_timestamp()
    client_ip: str = Field(default="", max_length=64)
    # The sign-in ticket (SHA-256) the browser redeems once for the cookie (sessions.py).
    ticket_hash: str | None = Field(default=None, max_length=64, unique=True, index=True,
                                    nullable=True)
    ticket_expires_at: datetime | None = utc_timestamp(nullable=True)


class LoginFailure(SQLModel, table=True):
    """One failed login, kept for throttling per account and per client address."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    client_ip: str = Field(default="", max_length=64, index=True)
    failed_at: datetime = utc_timestamp(index=True, default_now=True)


class TokenPurpose(StrEnum):
    PASSWORD_RESET = "password_reset"
    INVITATION = "invitation"


class AccountToken(SQLModel, table=True):
    """A single-use link token (password reset or invitation), stored as its SHA-256."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    purpose: str = Field(max_length=20)
    created_at: datetime = utc_timestamp(default_now=True)
    expires_at: datetime = utc_timestamp()
    used_at: datetime | None = utc_timestamp(nullable=True)


class TotpFactor(SQLModel, table=True):
    """A person's authenticator app (TOTP, RFC 6238): one per account. It counts as a second
    factor once `confirmed_at` is set (the person typed a code from the app); `last_used_step`
    is the newest time step a code was accepted for, so no code works twice."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True, index=True)
    secret: str = Field(max_length=64)  # base32; the app needs it, so it cannot be a hash
    created_at: datetime = utc_timestamp(default_now=True)
    confirmed_at: datetime | None = utc_timestamp(nullable=True)
    last_used_step: int | None = Field(default=None, nullable=True)


class RecoveryCode(SQLModel, table=True):
    """One of the ten single-use recovery codes shown once at enrolment, stored as its SHA-256."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    code_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = utc_timestamp(default_now=True)
    used_at: datetime | None = utc_timestamp(nullable=True)


class PendingSignIn(SQLModel, table=True):
    """A sign-in whose password was right and whose second factor is still to come: no session
    yet. Short-lived, bound to the tab that typed the password (its token lives only in that
    tab's server-side state) and to its client address; a few wrong codes end it."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    client_ip: str = Field(default="", max_length=64)
    created_at: datetime = utc_timestamp(default_now=True)
    expires_at: datetime = utc_timestamp()
    failures: int = Field(default=0)


class Passkey(SQLModel, table=True):
    """A WebAuthn credential (a passkey) of a person: a discoverable credential that needs user
    verification, so a sign-in with it counts as two factors. Its public key and counter only;
    the private key never leaves the person's device."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    credential_id: str = Field(max_length=1400, unique=True, index=True)  # base64url
    public_key: str = Field(max_length=2000)  # base64url of the COSE key
    sign_count: int = Field(default=0)
    user_handle: str = Field(max_length=100)  # base64url; the same for every passkey of a person
    name: str = Field(max_length=60)
    created_at: datetime = utc_timestamp(default_now=True)
    last_used_at: datetime | None = utc_timestamp(nullable=True)


class PasskeyChallenge(SQLModel, table=True):
    """A WebAuthn challenge handed to a browser: single-use (deleted when answered), valid for
    `passkeys.CHALLENGE_SECONDS`; a registration's belongs to its person, a sign-in's to the
    client address that asked for it."""

    id: int | None = Field(default=None, primary_key=True)
    challenge: str = Field(max_length=100, unique=True, index=True)  # base64url
    purpose: str = Field(max_length=20)
    user_id: int | None = Field(default=None, foreign_key="user.id", nullable=True)
    user_handle: str | None = Field(default=None, max_length=100, nullable=True)  # registration
    client_ip: str = Field(default="", max_length=64, index=True)
    expires_at: datetime = utc_timestamp(index=True)
