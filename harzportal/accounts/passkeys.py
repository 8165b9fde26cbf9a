"""Passkeys (WebAuthn, through py_webauthn): registering, listing, renaming and removing them, and
checking a sign-in with one.

The relying party is the portal's public origin (HARZPORTAL_PUBLIC_ORIGIN): its host is the RP
id, the origin itself the only one accepted. Every passkey is a discoverable credential with
user verification required, so a sign-in with it alone counts as two factors (something the
person has, unlocked by something they know or are). Challenges are 32 random bytes, stored
server-side (`PasskeyChallenge`) for `CHALLENGE_SECONDS` and deleted when answered (single-use);
the sign counter must grow (a cloned authenticator is refused) and the user handle must be the
passkey's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

import webauthn
from sqlalchemy import func
from sqlmodel import Session, delete, select
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from harzportal.accounts.models import Passkey, PasskeyChallenge, User
from harzportal.audit import service as audit
from harzportal.core import clock
from harzportal.core.actor import Actor
from harzportal.core.errors import NotFound, PermissionDenied, ValidationFailed
from harzportal.core.ids import is_id
from harzportal.core.text import single_line
from harzportal.settings import get as get_settings

CHALLENGE_SECONDS = 120
MAX_OPEN_SIGN_IN_CHALLENGES_PER_ADDRESS = 20
MAX_CREDENTIAL_JSON = 20_000
MAX_NAME_LENGTH = 60
MAX_PASSKEYS = 10


class ChallengePurpose(StrEnum):
    REGISTRATION = "registration"
    SIGN_IN = "sign_in"


@dataclass(frozen=True)
class PasskeyListing:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


def relying_party() -> tuple[str, str]:
    """(RP id, origin) from the public origin: the host without port, and the origin."""
    origin = get_settings().public_origin
    return urlsplit(origin).hostname or "localhost", origin


def _new_challenge(session: Session, purpose: ChallengePurpose, *, user_id: int | None = None,
                   user_handle: bytes | None = None, client_ip: str = "") -> bytes:
    now = clock.now()
    session.exec(delete(PasskeyChallenge).where(PasskeyChallenge.expires_at <= now))
    challenge = webauthn.helpers.generate_challenge()
    session.add(PasskeyChallenge(
        challenge=bytes_to_base64url(challenge), purpose=purpose.value, user_id=user_id,
        user_handle=bytes_to_base64url(user_handle) if user_handle else None,
        client_ip=client_ip[:64], expires_at=now + timedelta(seconds=CHALLENGE_SECONDS)))
    return challenge


def _parsed(credential_json: object) -> dict:
    """The browser's credential as a JSON object, or ValidationFailed."""
    if not isinstance(credential_json, str) or not credential_json \
            or len(credential_json) > MAX_CREDENTIAL_JSON:
        raise ValidationFailed("passkey.failed")
    try:
        parsed = json.loads(credential_json)
        client_data = json.loads(base64url_to_bytes(parsed["response"]["clientDataJSON"]))
        challenge = client_data["challenge"]
    except (ValueError, KeyError, TypeError):
        raise ValidationFailed("passkey.failed") from None
    if not isinstance(parsed, dict) or not isinstance(challenge, str):
        raise ValidationFailed("passkey.failed")
    return parsed | {"_challenge": challenge}


def _claim_challenge(session: Session, challenge: str, purpose: ChallengePurpose, *,
                     user_id: int | None = None, client_ip: str = "") -> PasskeyChallenge:
    """The stored challenge the response answers, deleted now (single-use), or refused."""
    row = session.exec(select(PasskeyChallenge).where(
        PasskeyChallenge.challenge == challenge[:100])).first()
    if row is None or row.purpose != purpose.value:
        raise ValidationFailed("passkey.failed")
    claimed = session.exec(delete(PasskeyChallenge).where(PasskeyChallenge.id == row.id)).rowcount
    if claimed != 1 or clock.now() >= clock.as_utc(row.expires_at):
        raise ValidationFailed("passkey.failed")
    if purpose == ChallengePurpose.REGISTRATION and row.user_id != user_id:
        raise ValidationFailed("passkey.failed")
    if purpose == ChallengePurpose.SIGN_IN and row.client_ip != client_ip[:64]:
        raise ValidationFailed("passkey.failed")
    return row


def _own_user(session: Session, actor: Actor) -> User:
    user = session.get(User, actor.user_id)
    if user is None or not user.is_active:
        raise PermissionDenied()
    return user


def _own_passkeys(session: Session, user_id: int) -> list[Passkey]:
    return list(session.exec(select(Passkey).where(Passkey.user_id == user_id)
                             .order_by(Passkey.id)).all())


def has_passkey(session: Session, user_id: int) -> bool:
    return session.exec(select(Passkey.id).where(Passkey.user_id == user_id)).first() is not None


def registration_options(session: Session, actor: Actor) -> str:
    """The JSON options for `navigator.credentials.create` (base64url), with a new challenge."""
    user = _own_user(session, actor)
    existing = _own_passkeys(session, user.id)
    rp_id, _origin = relying_party()
    handle = base64url_to_bytes(existing[0].user_handle) if existing \
        else webauthn.helpers.generate_user_handle()
    options = webauthn.generate_registration_options(
        rp_id=rp_id, rp_name=get_settings().network_name, user_name=user.email,
        user_id=handle, user_display_name=user.full_name,
        challenge=_new_challenge(session, ChallengePurpose.REGISTRATION, user_id=user.id,
                                 user_handle=handle),
        timeout=CHALLENGE_SECONDS * 1000,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id))
                             for p in existing])
    return webauthn.options_to_json(options)


def _valid_name(name: object) -> str:
    text = single_line(name) if isinstance(name, str) else ""
    if not 1 <= len(text) <= MAX_NAME_LENGTH:
        raise ValidationFailed("passkey.name_invalid", field="name")
    return text


def register(session: Session, actor: Actor, name: object, credential_json: object) -> Passkey:
    """Keeps the new passkey the browser created for the registration challenge of this very
    person; refused (nothing kept) when anything about it does not hold."""
    user = _own_user(session, actor)
    name = _valid_name(name)
    existing = _own_passkeys(session, user.id)
    if len(existing) >= MAX_PASSKEYS:
        raise ValidationFailed("passkey.too_many")
    credential = _parsed(credential_json)
    asked = _claim_challenge(session, credential.pop("_challenge"),
                             ChallengePurpose.REGISTRATION, user_id=user.id)
    rp_id, origin = relying_party()
    try:
        verified = webauthn.verify_registration_response(
            credential=credential, expected_challenge=base64url_to_bytes(asked.challenge),
            expected_rp_id=rp_id,
            expected_origin=origin, require_user_verification=True)
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise ValidationFailed("passkey.failed") from None
    credential_id = bytes_to_base64url(verified.credential_id)
    if session.exec(select(Passkey.id).where(Passkey.credential_id == credential_id)).first():
        raise ValidationFailed("passkey.failed")
    passkey = Passkey(user_id=user.id, credential_id=credential_id,
                      public_key=bytes_to_base64url(verified.credential_public_key),
                      sign_count=verified.sign_count, user_handle=asked.user_handle, name=name,
                      created_at=clock.now())
    session.add(passkey)
    session.flush()
    audit.record(session, action="auth.factor_added", object_type="user", object_id=user.id,
                 actor_user_id=user.id, organization_id=user.organization_id,
                 after={"factor": "passkey", "name": name}, client_ip=actor.client_ip)
    return passkey


def list_passkeys(session: Session, actor: Actor) -> list[PasskeyListing]:
    user = _own_user(session, actor)
    return [PasskeyListing(id=p.id, name=p.name, created_at=p.created_at,
                           last_used_at=p.last_used_at) for p in _own_passkeys(session, user.id)]


def _own_passkey(session: Session, actor: Actor, passkey_id: object) -> Passkey:
    """One of the actor's own passkeys; another person's is NotFound, as a missing id."""
    user = _own_user(session, actor)
    passkey = session.get(Passkey, passkey_id) if is_id(passkey_id) else None
    if passkey is None or passkey.user_id != user.id:
        raise NotFound()
    return passkey


def rename(session: Session, actor: Actor, passkey_id: object, name: object) -> None:
    passkey = _own_passkey(session, actor, passkey_id)
    before = passkey.name
    passkey.name = _valid_name(name)
    session.add(passkey)
    audit.record(session, action="auth.passkey_renamed", object_type="user",
                 object_id=actor.user_id, actor_user_id=actor.user_id,
                 organization_id=actor.organization_id, before={"name": before},
                 after={"name": passkey.name}, client_ip=actor.client_ip)


def remove(session: Session, actor: Actor, passkey_id: object) -> str:
    """Removes one of the actor's passkeys (the caller has checked the password or another
    factor: factors.remove_passkey); returns its name."""
    passkey = _own_passkey(session, actor, passkey_id)
    session.delete(passkey)
    audit.record(session, action="auth.factor_removed", object_type="user",
                 object_id=actor.user_id, actor_user_id=actor.user_id,
                 organization_id=actor.organization_id,
                 before={"factor": "passkey", "name": passkey.name}, client_ip=actor.client_ip)
    return passkey.name


def remove_all(session: Session, user_id: int) -> int:
    return session.exec(delete(Passkey).where(Passkey.user_id == user_id)).rowcount or 0


def sign_in_options(session: Session, client_ip: str) -> str | None:
    """The JSON options for `navigator.credentials.get` (discoverable: no account named), with
    a new challenge for this client address; None while the address holds too many open ones."""
    now = clock.now()
    open_ones = session.exec(select(func.count()).where(
        PasskeyChallenge.client_ip == client_ip[:64],
        PasskeyChallenge.purpose == ChallengePurpose.SIGN_IN.value,
        PasskeyChallenge.expires_at > now)).one()
    if open_ones >= MAX_OPEN_SIGN_IN_CHALLENGES_PER_ADDRESS:
        return None
    rp_id, _origin = relying_party()
    options = webauthn.generate_authentication_options(
        rp_id=rp_id, timeout=CHALLENGE_SECONDS * 1000,
        challenge=_new_challenge(session, ChallengePurpose.SIGN_IN, client_ip=client_ip),
        user_verification=UserVerificationRequirement.REQUIRED)
    return webauthn.options_to_json(options)


def verify_sign_in(session: Session, credential_json: object, client_ip: str) -> User:
    """The active person whose passkey answered this address's sign-in challenge, with user
    verification, a growing counter and the passkey's own user handle; the passkey's counter
    and last use are updated. Anything else is ValidationFailed."""
    credential = _parsed(credential_json)
    asked = _claim_challenge(session, credential.pop("_challenge"), ChallengePurpose.SIGN_IN,
                             client_ip=client_ip)
    raw_id = credential.get("rawId") or credential.get("id")
    passkey = session.exec(select(Passkey).where(Passkey.credential_id == raw_id)).first() \
        if isinstance(raw_id, str) else None
    if passkey is None:
        raise ValidationFailed("passkey.failed")
    user = session.get(User, passkey.user_id)
    handle = credential.get("response", {}).get("userHandle")
    rp_id, origin = relying_party()
    try:
        if handle != passkey.user_handle:
            raise ValueError("user handle")
        verified = webauthn.verify_authentication_response(
            credential=credential, expected_challenge=base64url_to_bytes(asked.challenge),
            expected_rp_id=rp_id, expected_origin=origin, credential_public_key=base64url_to_bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count, require_user_verification=True)
    except (WebAuthnException, ValueError, KeyError, TypeError, AttributeError):
        raise ValidationFailed("passkey.failed") from None
    if user is None or not user.is_active:
        raise ValidationFailed("passkey.failed")
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = clock.now()
    session.add(passkey)
    return user
